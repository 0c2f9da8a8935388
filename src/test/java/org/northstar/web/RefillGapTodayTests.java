package org.northstar.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;
import org.northstar.support.PatientBundle;
import org.northstar.worklist.Today;
import org.northstar.worklist.TodayRow;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * A refill gap on Today: computed from the pharmacy fills on every read, so it appears
 * when the supply has run out and goes when the pharmacy sends the next fill.
 */
class RefillGapTodayTests extends NorthstarTest {

	private static final String PASSWORD = "long-enough-password";

	private static final AtomicInteger NEXT = new AtomicInteger();

	private static final LocalDate TODAY = LocalDate.now(ZoneId.of(PRACTICE_ZONE));

	@LocalServerPort
	int port;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	Caseloads caseloads;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Today today;

	@Test
	void aStatinNotRefilledIsOnTodayUntilThePharmacySendsTheNextFill() {
		String source = "refills-" + NEXT.incrementAndGet();
		String coordinator = "refills-" + NEXT.incrementAndGet();
		this.accounts.create(coordinator, "Refill Tester", PASSWORD, Set.of(Role.COORDINATOR), null);
		// Three 30-day fills, the last 47 days ago: covered until 18 days ago.
		PatientBundle record = aPatient("p").named("Rosa", "Refillgap").born("1950-02-03").sex("female");
		record.withResource(order("p-simva", "Simvastatin 10 MG Oral Tablet", "314231", TODAY.minusDays(120)));
		for (int ago : new int[] { 107, 77, 47 }) {
			record
				.withResource(claim("p-claim-" + ago, "314231", "Simvastatin 10 MG Oral Tablet", TODAY.minusDays(ago)));
		}
		this.fhirImport.importBundle(record.json(), source, "test");
		PatientId person = new PatientId(new RecordKey(source, "Patient", "p").id());
		this.caseloads.assign(person, coordinator, Relation.COORDINATOR);
		PageClient page = new PageClient(this.port, "127.0.17." + (2 + NEXT.get() % 250));
		assertThat(page.signIn(coordinator, PASSWORD).status()).isEqualTo(302);

		String before = page.get("/today").body();

		assertThat(before).contains("statin: 18 days since the supply ran out (Simvastatin 10 MG Oral Tablet");
		assertThat(this.today.forUser(this.accounts.find(coordinator).orElseThrow()))
			.filteredOn(row -> row.person().equals(person))
			.singleElement()
			.satisfies(row -> assertThat(row.reasons()).filteredOn(r -> r.kind() == TodayRow.Kind.REFILL_GAP)
				.singleElement()
				.satisfies(r -> assertThat(r.points()).isEqualTo(25)));

		record.withResource(claim("p-claim-2", "314231", "Simvastatin 10 MG Oral Tablet", TODAY.minusDays(1)));
		this.fhirImport.importBundle(record.json(), source, "test");

		assertThat(page.get("/today").body()).doesNotContain("since the supply ran out");
	}

	private static String order(String id, String name, String rxcui, LocalDate authored) {
		return """
				{"resourceType": "MedicationRequest", "id": "%s", "status": "active", "intent": "order",
				 "medicationCodeableConcept": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm",
				   "code": "%s", "display": "%s"}]},
				 "subject": {"reference": "Patient/p"}, "authoredOn": "%s",
				 "requester": {"display": "Dr. Aisha Rahman"}}""".formatted(id, rxcui, name, authored);
	}

	/** A pharmacy claim as Synthea writes one: no days' supply, so 30 days. */
	private static String claim(String id, String rxcui, String name, LocalDate filled) {
		return """
				{"resourceType": "Claim", "id": "%s", "status": "active",
				 "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/claim-type", "code": "pharmacy"}]},
				 "patient": {"reference": "Patient/p"},
				 "billablePeriod": {"start": "%sT10:00:00-05:00"},
				 "item": [{"sequence": 1, "productOrService": {"coding": [{
				   "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "%s", "display": "%s"}]}}]}"""
			.formatted(id, filled, rxcui, name);
	}

}
