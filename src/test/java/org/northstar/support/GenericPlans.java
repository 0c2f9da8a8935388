package org.northstar.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.core.namedparam.NamedParameterUtils;

/**
 * The generic plan a session caches for a statement: the one the feed and its reactions
 * run with ({@code QueryPlans.forFewKeys}), whatever the parameters.
 */
public final class GenericPlans {

	private GenericPlans() {
	}

	/**
	 * The plan a session caches for the statement when the tables are as a new
	 * installation has them: empty and never analyzed. Temporary copies of the tables,
	 * with their indexes, stand in for them; PostgreSQL looks for a table among a
	 * session's temporary ones first.
	 */
	public static String onEmptyTables(HikariDataSource dataSource, String sql, List<String> tables)
			throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", dataSource.getUsername());
		properties.setProperty("password", dataSource.getPassword());
		// The statement's $1, $2... go to the server as written, for EXPLAIN to plan.
		properties.setProperty("preferQueryMode", "simple");
		try (Connection connection = DriverManager.getConnection(dataSource.getJdbcUrl(), properties);
				Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			for (String table : tables) {
				statement.execute("create temporary table " + table + " (like public." + table
						+ " including all) on commit drop");
			}
			StringBuilder plan = new StringBuilder();
			try (ResultSet rows = statement.executeQuery("explain (generic_plan) " + numbered(sql))) {
				while (rows.next()) {
					plan.append(rows.getString(1)).append('\n');
				}
			}
			connection.rollback();
			return plan.toString();
		}
	}

	/** The statement with its parameters, named or not, as $1, $2... */
	private static String numbered(String sql) {
		String positional = NamedParameterUtils.parseSqlStatementIntoString(sql);
		StringBuilder numbered = new StringBuilder();
		int n = 0;
		for (char c : positional.toCharArray()) {
			if (c == '?') {
				numbered.append('$').append(++n);
			}
			else {
				numbered.append(c);
			}
		}
		return numbered.toString();
	}

}
