package org.northstar.database;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether what Northstar commits survives a crash of the database server or of the
 * machine under it, as the running server reports it at start-up. Northstar promises that
 * an HL7 ACK, an imported bundle and an audit record are on disk once it reports them;
 * with {@code fsync} or {@code synchronous_commit} off, or without full-page writes, the
 * server does not keep that promise. The embedded database is always run durably; an
 * external one is the operator's, so it is checked and every shortfall is logged at
 * start-up and shown to administrators.
 */
public final class DatabaseDurability {

	private static final Logger log = LoggerFactory.getLogger(DatabaseDurability.class);

	private final List<String> warnings;

	private DatabaseDurability(List<String> warnings) {
		this.warnings = List.copyOf(warnings);
	}

	/**
	 * Reads the settings of the server behind {@code jdbc}, as they apply to Northstar's
	 * own sessions (a role's or a database's {@code synchronous_commit} included), and
	 * logs a warning for each unsafe one.
	 * @param database names the database in the warnings, e.g. "the external PostgreSQL
	 * at jdbc:postgresql://db/northstar"
	 */
	static DatabaseDurability check(JdbcClient jdbc, String database) {
		List<String> warnings = new ArrayList<>();
		String fsync = show(jdbc, "fsync");
		if (!"on".equals(fsync)) {
			warnings.add(capitalised(database) + " runs with fsync=" + fsync
					+ ": an operating-system crash or power cut can lose acknowledged HL7 messages, imports and"
					+ " audit records, or corrupt the database. Set fsync = on in its postgresql.conf.");
		}
		String synchronousCommit = show(jdbc, "synchronous_commit");
		if ("off".equals(synchronousCommit)) {
			warnings.add(capitalised(database) + " runs with synchronous_commit=off: a commit is reported"
					+ " before it is on disk, so a crash of the server can lose the last acknowledged HL7 messages,"
					+ " imports and audit records, and a sender never resends what it had an ACK for."
					+ " Set synchronous_commit = on (in postgresql.conf, and for Northstar's role and database).");
		}
		String fullPageWrites = show(jdbc, "full_page_writes");
		if (!"on".equals(fullPageWrites)) {
			warnings.add(capitalised(database) + " runs with full_page_writes=" + fullPageWrites
					+ ": a page half-written when the power fails cannot be repaired after the crash."
					+ " Set full_page_writes = on unless the file system never tears pages (ZFS).");
		}
		for (String warning : warnings) {
			log.warn("DATA AT RISK: {}", warning);
		}
		return new DatabaseDurability(warnings);
	}

	private static String show(JdbcClient jdbc, String setting) {
		// SHOW takes no bind parameters; current_setting does, and reads the same value.
		return jdbc.sql("select current_setting(?)").param(setting).query(String.class).single();
	}

	private static String capitalised(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	/** Whether a reported commit survives a crash of the server and of its machine. */
	public boolean crashSafe() {
		return this.warnings.isEmpty();
	}

	/**
	 * One sentence per unsafe setting, naming the setting, what can be lost, and how to
	 * fix it; empty when {@link #crashSafe()}.
	 */
	public List<String> warnings() {
		return this.warnings;
	}

}
