package org.northstar.documentation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.northstar.documentation.Interaction.Activity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The practice's quick-text: phrases and note templates per program. Who may change them
 * (supervisors) is the caller's to decide; anyone who writes notes reads them.
 */
@Service
public class QuickTexts {

	static final int MAX_TITLE = 80;

	static final int MAX_BODY = 4_000;

	private final JdbcClient jdbc;

	private final Clock clock;

	QuickTexts(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Every quick-text, by program, then title. */
	public List<QuickText> all() {
		return this.jdbc.sql(SELECT + " order by program, kind desc, title, id").query((rs, n) -> quickText(rs)).list();
	}

	/**
	 * Adds a phrase or template.
	 * @throws InvalidDocumentationException naming the field that is wrong
	 */
	public QuickText add(String program, String kind, String title, String body, String createdBy) {
		Activity checkedProgram = Fields.oneOf("program", program, Activity.class);
		QuickText.Kind checkedKind = Fields.oneOf("kind", kind, QuickText.Kind.class);
		String checkedTitle = Fields.text("title", title, MAX_TITLE);
		String checkedBody = Fields.text("body", body, MAX_BODY);
		Instant now = this.clock.instant();
		long id = this.jdbc.sql("""
				insert into quick_text (program, kind, title, body, created_by, created_at)
				values (?, ?, ?, ?, ?, ?) returning id
				""")
			.params(checkedProgram.name(), checkedKind.name(), checkedTitle, checkedBody, createdBy,
					Timestamp.from(now))
			.query(Long.class)
			.single();
		return new QuickText(id, checkedProgram, checkedKind, checkedTitle, checkedBody, createdBy, now);
	}

	/** Removes one; notes it was inserted into keep their words. */
	public boolean remove(long id) {
		return this.jdbc.sql("delete from quick_text where id = ?").param(id).update() > 0;
	}

	private static final String SELECT = "select id, program, kind, title, body, created_by, created_at from quick_text";

	private static QuickText quickText(ResultSet rs) throws SQLException {
		return new QuickText(rs.getLong(1), Activity.valueOf(rs.getString(2)), QuickText.Kind.valueOf(rs.getString(3)),
				rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant());
	}

}
