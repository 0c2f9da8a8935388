package org.northstar.documentation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What each user is writing about each person, kept on the server as it is typed, so that
 * it survives a reload, a crash or a session that timed out. One draft per user and
 * person (callers key it by the person's primary record); callers decide and audit access
 * first. A draft is deleted when it is signed.
 */
@Service
public class InteractionDrafts {

	private final JdbcClient jdbc;

	private final Clock clock;

	InteractionDrafts(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A draft as last saved. */
	public record Saved(InteractionDraft draft, Instant savedAt) {
	}

	/**
	 * Keeps the draft, replacing the user's earlier one for the person.
	 * @throws InvalidDocumentationException naming a field longer than a draft keeps
	 */
	public Saved save(PatientId person, String username, InteractionDraft draft) {
		draft.checkSizes();
		Instant now = this.clock.instant();
		this.jdbc
			.sql("""
					insert into interaction_draft (patient_id, username, kind, outcome, started_at, minutes, staff, activity,
					                               participants, note, follow_up_on, follow_up_what, saved_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
					on conflict (patient_id, username) do update set kind = excluded.kind, outcome = excluded.outcome,
					    started_at = excluded.started_at, minutes = excluded.minutes, staff = excluded.staff,
					    activity = excluded.activity, participants = excluded.participants, note = excluded.note,
					    follow_up_on = excluded.follow_up_on, follow_up_what = excluded.follow_up_what,
					    saved_at = excluded.saved_at
					""")
			.params(person.value(), username, draft.kind(), draft.outcome(), draft.startedAt(), draft.minutes(),
					draft.staff(), draft.activity(), draft.participants(), draft.note(), draft.followUpOn(),
					draft.followUpWhat(), Timestamp.from(now))
			.update();
		return new Saved(draft, now);
	}

	public Optional<Saved> find(PatientId person, String username) {
		return this.jdbc.sql("""
				select kind, outcome, started_at, minutes, staff, activity, participants, note, follow_up_on,
				       follow_up_what, saved_at
				from interaction_draft where patient_id = ? and username = ?
				""")
			.params(person.value(), username)
			.query((rs,
					n) -> new Saved(new InteractionDraft(rs.getString(1), rs.getString(2), rs.getString(3),
							rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
							rs.getString(9), rs.getString(10)), rs.getTimestamp(11).toInstant()))
			.optional();
	}

	public void discard(PatientId person, String username) {
		this.jdbc.sql("delete from interaction_draft where patient_id = ? and username = ?")
			.params(person.value(), username)
			.update();
	}

}
