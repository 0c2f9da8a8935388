package org.northstar.database;

import java.io.IOException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
