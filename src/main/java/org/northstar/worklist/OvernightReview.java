package org.northstar.worklist;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.northstar.caseload.Caseloads;
import org.northstar.clinical.ClinicalItems.HospitalEvent;
import org.northstar.clinical.ClinicalRecords;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The coordinator's morning: who of their patients was admitted, seen in the ED or
 * discharged since they last looked, or since 17:00 the day before when they never have.
 * "Since" is when the news arrived, not when the hospital says it happened: a message
 * that comes late is still news.
 */
@Service
public class OvernightReview {

	/** The end of the working day before, when there is no earlier review. */
	static final LocalTime END_OF_DAY = LocalTime.of(17, 0);

	private final JdbcClient jdbc;

	private final Caseloads caseloads;

	private final ClinicalRecords clinical;

	OvernightReview(JdbcClient jdbc, Caseloads caseloads, ClinicalRecords clinical) {
		this.jdbc = jdbc;
		this.caseloads = caseloads;
		this.clinical = clinical;
	}

	/** What the review shows: the events, whose patients they are, and since when. */
	public record Review(Instant since, List<HospitalEvent> events, Map<PatientId, String> coordinators) {
	}

	public Review forUser(UserAccount user, Instant now, ZoneId zone) {
		Instant since = since(user.username(), now, zone);
		List<HospitalEvent> events = this.clinical.hospitalEventsArrivedSince(this.caseloads.recordsVisibleTo(user),
				since);
		return new Review(since, events,
				this.caseloads.coordinatorsOf(events.stream().map(HospitalEvent::patient).distinct().toList()));
	}

	/** Records that the user has gone through everything up to {@code at}. */
	public void markReviewed(String username, Instant at) {
		this.jdbc
			.sql("""
					insert into overnight_review (username, reviewed_at) values (?, ?)
					on conflict (username) do update set reviewed_at = greatest(overnight_review.reviewed_at, excluded.reviewed_at)
					""")
			.params(username, Timestamp.from(at))
			.update();
	}

	Instant since(String username, Instant now, ZoneId zone) {
		return this.jdbc.sql("select reviewed_at from overnight_review where username = ?")
			.param(username)
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant)
			.orElseGet(() -> endOfPreviousDay(now, zone));
	}

	static Instant endOfPreviousDay(Instant now, ZoneId zone) {
		ZonedDateTime local = now.atZone(zone);
		return local.toLocalDate().minusDays(1).atTime(END_OF_DAY).atZone(zone).toInstant();
	}

}
