package org.northstar.worklist;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.clinical.ClinicalItems.HospitalEvent;
import org.northstar.clinical.ClinicalItems.HospitalEventKind;
import org.northstar.ingest.hl7.Adt;
import org.northstar.ingest.hl7.MllpClient;
import org.northstar.ingest.hl7.MllpListener;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overnight review lists what arrived since the last "Mark reviewed", whenever the
 * hospital says it happened: a late message is still news.
 */
class OvernightReviewArrivalTests extends NorthstarTest {

	/** The feed's times, written without an offset in UTC as the tests configure it. */
	private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
		.withZone(ZoneOffset.UTC);

	private static final ZoneId PRACTICE = ZoneId.of(PRACTICE_ZONE);

	@Autowired
	MllpListener listener;

	@Autowired
	Caseloads caseloads;

	@Autowired
	UserAccounts accounts;

	@Autowired
	OvernightReview review;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anEdVisitAndAReadmissionSentAfterTheReviewAreListedThoughTheyHappenedBeforeIt() throws Exception {
		Instant twoDaysAgo = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		send(Adt.anAdmit().forPatient("MRN-ARR-1").visit("V-ARR-1a").at(hl7(twoDaysAgo)).admittedAt(hl7(twoDaysAgo)));
		PatientId patient = patientWith("MRN-ARR-1");
		UserAccount coordinator = coordinator("arrivals-coordinator");
		this.caseloads.assign(patient, coordinator.username(), Relation.COORDINATOR);
		this.review.markReviewed(coordinator.username(), Instant.now());

		// Both happened a day before the review and reached Northstar only after it.
		Instant dayAgo = twoDaysAgo.plus(1, ChronoUnit.DAYS);
		send(Adt.aRegistration()
			.forPatient("MRN-ARR-1")
			.visit("V-ARR-1b")
			.patientClass("E")
			.at(hl7(dayAgo))
			.admittedAt(hl7(dayAgo)));
		Instant readmitted = dayAgo.plus(3, ChronoUnit.HOURS);
		send(Adt.anAdmit().forPatient("MRN-ARR-1").visit("V-ARR-1c").at(hl7(readmitted)).admittedAt(hl7(readmitted)));

		OvernightReview.Review next = this.review.forUser(coordinator, Instant.now(), PRACTICE);
		assertThat(next.events()).filteredOn(e -> e.patient().equals(patient))
			.extracting(HospitalEvent::kind, HospitalEvent::at)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(HospitalEventKind.ADMITTED, readmitted),
					org.assertj.core.groups.Tuple.tuple(HospitalEventKind.ED_VISIT, dayAgo));
		assertThat(next.events()).filteredOn(e -> e.patient().equals(patient))
			.allSatisfy(e -> assertThat(e.arrivedLate()).isTrue())
			.allSatisfy(e -> assertThat(e.arrivedAt()).isAfter(next.since().minusMillis(1)));
	}

	@Test
	void aDischargeArrivingAfterTheReviewListsTheDischargeAndNotTheAdmissionAgain() throws Exception {
		Instant admitted = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		send(Adt.anAdmit().forPatient("MRN-ARR-2").visit("V-ARR-2").at(hl7(admitted)).admittedAt(hl7(admitted)));
		PatientId patient = patientWith("MRN-ARR-2");
		UserAccount coordinator = coordinator("arrivals-coordinator-2");
		this.caseloads.assign(patient, coordinator.username(), Relation.COORDINATOR);
		this.review.markReviewed(coordinator.username(), Instant.now());

		Instant discharged = admitted.plus(1, ChronoUnit.DAYS);
		send(Adt.aDischarge()
			.forPatient("MRN-ARR-2")
			.visit("V-ARR-2")
			.at(hl7(discharged))
			.admittedAt(hl7(admitted))
			.dischargedAt(hl7(discharged))
			.dischargeDisposition("01"));

		assertThat(this.review.forUser(coordinator, Instant.now(), PRACTICE).events())
			.filteredOn(e -> e.patient().equals(patient))
			.singleElement()
			.satisfies(e -> {
				assertThat(e.kind()).isEqualTo(HospitalEventKind.DISCHARGED);
				assertThat(e.at()).isEqualTo(discharged);
			});
	}

	@Test
	void historyArrivingAfterTheReviewIsNotListed() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		send(Adt.anAdmit().forPatient("MRN-ARR-3").visit("V-ARR-3a").at(hl7(now)).admittedAt(hl7(now)));
		PatientId patient = patientWith("MRN-ARR-3");
		UserAccount coordinator = coordinator("arrivals-coordinator-3");
		this.caseloads.assign(patient, coordinator.username(), Relation.COORDINATOR);
		this.review.markReviewed(coordinator.username(), Instant.now());

		// A stay of last spring, sent today: history, not news.
		Instant longAgo = now.minus(120, ChronoUnit.DAYS);
		send(Adt.aDischarge()
			.forPatient("MRN-ARR-3")
			.visit("V-ARR-3b")
			.at(hl7(longAgo.plus(2, ChronoUnit.DAYS)))
			.admittedAt(hl7(longAgo))
			.dischargedAt(hl7(longAgo.plus(2, ChronoUnit.DAYS))));

		assertThat(this.review.forUser(coordinator, Instant.now(), PRACTICE).events())
			.filteredOn(e -> e.patient().equals(patient))
			.isEmpty();
	}

	private static String hl7(Instant at) {
		return HL7_TIME.format(at);
	}

	private PatientId patientWith(String mrn) {
		return new PatientId(this.jdbc.sql("select patient_id from patient_identifier where value = ?")
			.param(mrn)
			.query(UUID.class)
			.single());
	}

	private UserAccount coordinator(String name) {
		return this.accounts.find(name)
			.orElseGet(() -> this.accounts.create(name, name, "password-" + name + "-2026", Set.of(Role.COORDINATOR),
					null));
	}

	private void send(Adt message) throws Exception {
		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(message.build())).contains("MSA|AA|");
		}
		awaitReactions();
	}

}
