package org.northstar.database;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;

import org.postgresql.PGConnection;

/**
 * Rows in PostgreSQL's COPY text format, sent in one round trip. COPY is the fastest way
 * into PostgreSQL, several times faster than batched INSERTs for the volumes an import
 * writes.
 */
public final class CopyRows {

	private static final HexFormat HEX = HexFormat.of();

	private final String statement;

	private final StringBuilder buffer = new StringBuilder(1 << 16);

	private int rows;

	private boolean rowStarted;

	public CopyRows(String table, String columns) {
		this.statement = "copy " + table + " (" + columns + ") from stdin";
	}

	public CopyRows row(Object... values) {
		for (Object value : values) {
			value(value);
		}
		return end();
	}

	private void value(Object value) {
		if (this.rowStarted) {
			this.buffer.append('\t');
		}
		this.rowStarted = true;
		if (value == null) {
			this.buffer.append("\\N");
		}
		else if (value instanceof byte[] bytes) {
			this.buffer.append("\\\\x").append(HEX.formatHex(bytes));
		}
		else if (value instanceof Instant instant) {
			this.buffer.append(instant);
		}
		else {
			escape(value.toString());
		}
	}

	private CopyRows end() {
		this.buffer.append('\n');
		this.rows++;
		this.rowStarted = false;
		return this;
	}

	private void escape(String text) {
		int first = 0;
		while (first < text.length() && !needsEscape(text.charAt(first))) {
			first++;
		}
		// As good as always all of it: JSON escapes these characters itself.
		this.buffer.append(text, 0, first);
		for (int i = first; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\\' -> this.buffer.append("\\\\");
				case '\n' -> this.buffer.append("\\n");
				case '\r' -> this.buffer.append("\\r");
				case '\t' -> this.buffer.append("\\t");
				default -> this.buffer.append(c);
			}
		}
	}

	private static boolean needsEscape(char c) {
		return c == '\\' || c == '\n' || c == '\r' || c == '\t';
	}

	public void sendTo(Connection connection) throws SQLException {
		if (this.rows == 0) {
			return;
		}
		try (Reader reader = new StringReader(this.buffer.toString())) {
			connection.unwrap(PGConnection.class).getCopyAPI().copyIn(this.statement, reader);
		}
		catch (IOException ex) {
			throw new SQLException("COPY failed: " + this.statement, ex);
		}
	}

}
