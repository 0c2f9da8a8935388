package org.northstar.database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.RowMapperResultSetExtractor;

/**
 * Statements whose results nobody reads, such as taking a transaction's advisory locks or
 * writing what {@link PendingWrites} held back, sent to PostgreSQL in the same round trip
 * as the query that follows them.
 *
 * <p>
 * On a small server a round trip costs the database about as much CPU as a simple
 * statement does, so a message of the ADT feed that spends one on its locks alone pays
 * twice. The statements still run one after the other, each as itself: PostgreSQL takes
 * the query's snapshot only once the statements before it have finished, so in a READ
 * COMMITTED transaction a query led by a lock sees everything committed by whoever held
 * the lock before.
 */
public final class LeadingStatement {

	private final List<String> statements;

	private final Object[] params;

	/**
	 * @param sql one statement, with {@code ?} for its parameters; a query's rows are
	 * read and dropped
	 */
	public LeadingStatement(String sql, Object... params) {
		this(List.of(sql), params.clone());
	}

	private LeadingStatement(List<String> statements, Object[] params) {
		this.statements = statements;
		this.params = params;
	}

	/** These statements, then {@code next}'s. */
	public LeadingStatement then(LeadingStatement next) {
		return all(List.of(this, next));
	}

	/** The statements of each, in order, as one. */
	static LeadingStatement all(List<LeadingStatement> each) {
		List<String> statements = new ArrayList<>();
		List<Object> params = new ArrayList<>();
		for (LeadingStatement one : each) {
			statements.addAll(one.statements);
			params.addAll(Arrays.asList(one.params));
		}
		return new LeadingStatement(List.copyOf(statements), params.toArray());
	}

	/** Runs the statements alone, in one round trip, when no query follows them. */
	public void run(JdbcOperations jdbc) {
		jdbc.execute(String.join(";\n", this.statements), (PreparedStatement statement) -> {
			new ArgumentPreparedStatementSetter(this.params).setValues(statement);
			statement.execute();
			return null;
		});
	}

	/**
	 * Runs the statements, then the query, in one round trip.
	 * @param sql one query, with {@code ?} for its parameters
	 * @return the query's rows
	 */
	public <T> List<T> thenQuery(JdbcOperations jdbc, String sql, RowMapper<T> rows, Object... params) {
		return jdbc.execute(String.join(";\n", this.statements) + ";\n" + sql, (PreparedStatement statement) -> {
			new ArgumentPreparedStatementSetter(concat(this.params, params)).setValues(statement);
			statement.execute();
			// The leading statements' results come first, one each.
			boolean query = false;
			for (int i = 0; i < this.statements.size(); i++) {
				query = statement.getMoreResults();
			}
			if (!query) {
				throw new IllegalArgumentException("Not a query: " + sql);
			}
			try (ResultSet result = statement.getResultSet()) {
				return new RowMapperResultSetExtractor<>(rows).extractData(result);
			}
		});
	}

	/** The statements, for a log. */
	@Override
	public String toString() {
		return String.join("; ", this.statements);
	}

	private static Object[] concat(Object[] first, Object[] second) {
		return Stream.concat(Stream.of(first), Stream.of(second)).toArray();
	}

}
