package org.northstar.worklist;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.northstar.caseload.Caseloads;
import org.northstar.clinical.ClinicalItems.HospitalEvent;
import org.northstar.clinical.ClinicalItems.HospitalEventKind;
import org.northstar.clinical.ClinicalRecords;
import org.northstar.clinical.Encounters;
import org.northstar.patient.People;
import org.northstar.risk.PersonRisk;
import org.northstar.risk.RiskScores;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The coordinator's morning: who of their patients was admitted, seen in the ED or
 * discharged since they last looked, or since 17:00 the day before when they never have.
 * "Since" is when the news arrived, not when the hospital says it happened: a message
 * that comes late is still news. The events are ranked by risk, each saying why
 * ({@link ReviewRank}).
 */
@Service
public class OvernightReview {

	/** The end of the working day before, when there is no earlier review. */
	static final LocalTime END_OF_DAY = LocalTime.of(17, 0);

	private final JdbcClient jdbc;

	private final Caseloads caseloads;

	private final ClinicalRecords clinical;

	private final People people;

	private final Encounters encounters;

	private final RiskScores risks;

	OvernightReview(JdbcClient jdbc, Caseloads caseloads, ClinicalRecords clinical, People people,
			Encounters encounters, RiskScores risks) {
		this.jdbc = jdbc;
		this.caseloads = caseloads;
		this.clinical = clinical;
		this.people = people;
		this.encounters = encounters;
		this.risks = risks;
	}

	/**
	 * What the review shows: the events ranked, whose patients they are, and since when.
	 *
	 * @param ranks every event that arrived since, whatever its event time, ranked
	 */
	public record Review(Instant since, List<ReviewRank> ranks, Map<PatientId, String> coordinators) {

		/** The events in their ranked order. */
		public List<HospitalEvent> events() {
			return this.ranks.stream().map(ReviewRank::event).toList();
		}

	}

	public Review forUser(UserAccount user, Instant now, ZoneId zone) {
		Instant since = since(user.username(), now, zone);
		List<HospitalEvent> events = this.clinical.hospitalEventsArrivedSince(this.caseloads.recordsVisibleTo(user),
				since);
		List<PatientId> patients = events.stream().map(HospitalEvent::patient).distinct().toList();
		Map<PatientId, PersonRisk> risk = this.risks.forPeople(patients);
		Map<HospitalEvent, LocalDate> previous = new HashMap<>();
		for (HospitalEvent event : events) {
			if (event.kind() != HospitalEventKind.DISCHARGED) {
				previousDischarge(event, zone).ifPresent(day -> previous.put(event, day));
			}
		}
		return new Review(since, ReviewRank.rank(events, risk, previous), this.caseloads.coordinatorsOf(patients));
	}

	/**
	 * The day of the person's latest inpatient discharge in the 30 days before the event,
	 * over all their records.
	 */
	private Optional<LocalDate> previousDischarge(HospitalEvent event, ZoneId zone) {
		return this.encounters
			.latestInpatientDischarge(this.people.recordsOf(event.patient()),
					event.at().minus(Duration.ofDays(ReviewRank.READMISSION_DAYS)), event.at())
			.map(at -> at.atZone(zone).toLocalDate());
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
