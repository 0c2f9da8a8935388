package org.northstar.database;

import java.io.IOException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one {@link DataSource}: an external PostgreSQL when {@code northstar.db.url} is
 * set, otherwise the embedded one in the data directory.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

	/**
	 * Checked on every start, embedded or external: an operator's server may be tuned for
	 * speed at the expense of durability, and so, by default, is the library that runs
	 * the embedded one.
	 */
	@Bean
	DatabaseDurability databaseDurability(DataSource dataSource, DatabaseProperties properties) {
		return DatabaseDurability.check(JdbcClient.create(dataSource),
				properties.db().configured() ? "the external PostgreSQL" : "the embedded PostgreSQL");
	}

	/**
	 * Recorded by the first start of a database, and read by every later one.
	 * @throws DemoDatabaseException when {@code serve --no-demo} finds a demo
	 */
	@Bean
	@DependsOnDatabaseInitialization
	DatabaseKind databaseKind(JdbcClient jdbc, DatabaseProperties properties) {
		boolean demo = Boolean.TRUE.equals(properties.demo()) && !properties.db().configured();
		jdbc.sql("insert into database_kind (kind) values (?) on conflict do nothing")
			.param((demo ? DatabaseKind.DEMO : DatabaseKind.REAL).name())
			.update();
		DatabaseKind kind = DatabaseKind
			.valueOf(jdbc.sql("select kind from database_kind").query(String.class).single());
		if (kind == DatabaseKind.DEMO && Boolean.FALSE.equals(properties.demo())) {
			throw new DemoDatabaseException("--no-demo, but "
					+ (properties.db().configured() ? "this database"
							: "the database in " + properties.dataDir().toAbsolutePath())
					+ " was created as a demo, and a demo stays a demo: its invented patients and demo sign-ins"
					+ " must never mix with real data. " + DatabaseKind.HOW_TO_START_A_REAL_ONE);
		}
		return kind;
	}

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(DatabaseProperties properties) throws IOException {
		HikariConfig config = new HikariConfig();
		config.setPoolName("northstar");
		config.setMaximumPoolSize(properties.db().poolSize());
		if (properties.db().configured()) {
			log.info("Using the external PostgreSQL at {}", properties.db().url());
			config.setJdbcUrl(properties.db().url());
			config.setUsername(properties.db().user());
			config.setPassword(properties.db().password());
			return new HikariDataSource(config);
		}
		EmbeddedDatabase embedded = EmbeddedDatabase.start(properties.dataDir());
		log.info("Using the embedded PostgreSQL in {}", properties.dataDir().toAbsolutePath());
		config.setJdbcUrl(embedded.jdbcUrl());
		config.setUsername(EmbeddedDatabase.APPLICATION_ROLE);
		config.setPassword(embedded.applicationPassword());
		return new HikariDataSource(config) {
			@Override
			public void close() {
				super.close();
				try {
					embedded.close();
				}
				catch (IOException ex) {
					log.warn("Embedded PostgreSQL did not stop cleanly", ex);
				}
			}
		};
	}

}
