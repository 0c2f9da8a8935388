package org.northstar.ingest;

import java.util.HexFormat;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which files were taken in whole, and which inputs were refused and why. */
@Repository
class ImportLedger {

	private final JdbcClient jdbc;

	ImportLedger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean alreadyImported(byte[] sha256, String source) {
		return this.jdbc.sql("select 1 from imported_file where content_sha256 = ? and source = ?")
			.params(HexFormat.of().formatHex(sha256), source)
			.query(Integer.class)
			.optional()
			.isPresent();
	}

	/**
	 * Called inside the import's transaction, so a file counts as imported exactly when
	 * its data does.
	 */
	void recordImported(byte[] sha256, String path, String source, int resources) {
		this.jdbc.sql("""
				insert into imported_file (content_sha256, path, source, resources) values (?, ?, ?, ?)
				on conflict (content_sha256, source) do nothing
				""").params(HexFormat.of().formatHex(sha256), path, source, resources).update();
		this.jdbc.sql("update import_failure set resolved_at = now() where path = ? and resolved_at is null")
			.param(path)
			.update();
	}

	void recordFailure(BundleRejectedException failure) {
		this.jdbc.sql("insert into import_failure (path, entry_index, full_url, message) values (?, ?, ?, ?)")
			.params(failure.input(), failure.entryIndex(), failure.fullUrl(), failure.reason())
			.update();
	}

	List<ImportFailure> openFailures() {
		return this.jdbc.sql("""
				select path, entry_index, full_url, message, failed_at from import_failure
				where resolved_at is null order by failed_at, id
				""")
			.query((rs, n) -> new ImportFailure(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3),
					rs.getString(4), rs.getObject(5, java.time.OffsetDateTime.class).toInstant()))
			.list();
	}

}
