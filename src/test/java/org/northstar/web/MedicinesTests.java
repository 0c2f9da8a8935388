package org.northstar.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.careplan.BarrierKind;
import org.northstar.careplan.CarePlans;
import org.northstar.careplan.PlanItem;
import org.northstar.medication.Affordability;
import org.northstar.medication.AffordabilityBarrier;
import org.northstar.medication.AffordabilityOption;
import org.northstar.medication.ClassAdherence;
import org.northstar.medication.Medicines;
import org.northstar.medication.NewReconciliation;
import org.northstar.medication.Reconciliation;
import org.northstar.medication.Reconciliations;
import org.northstar.patient.People;
import org.northstar.patient.RecordLinkage;
import org.northstar.security.ApiTokens;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;
import org.northstar.support.PatientBundle;
import org.northstar.worklist.Task;
import org.northstar.worklist.TaskBasis;
import org.northstar.worklist.TaskChange;
import org.northstar.worklist.TaskStatus;
import org.northstar.worklist.Tasks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * The medicines section of the patient page and the adherence API, on records imported
 * from two sources and linked as one person.
 */
class MedicinesTests extends NorthstarTest {

	private static final String PASSWORD = "long-enough-password";

	private static final AtomicInteger NEXT = new AtomicInteger();

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final LocalDate TODAY = LocalDate.now(ZoneId.of(PRACTICE_ZONE));

	@LocalServerPort
	int port;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	RecordLinkage linkage;

	@Autowired
	Caseloads caseloads;

	@Autowired
	UserAccounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	AuditTrail audit;

	@Autowired
	Tasks tasks;

	@Autowired
	Reconciliations reconciliations;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Medicines medicines;

	@Autowired
	People people;

	@Autowired
	Affordability affordability;

	@Autowired
	CarePlans carePlans;

	@Test
	void showsOneLineForAMedicineTwoSourcesReportAndFlagsWhatToLookAt() {
		Person chen = chen("list");

		PageClient.Response section = signedIn(chen.coordinator()).get("/patients/" + chen.clinic() + "/medicines");

		assertThat(section.status()).isEqualTo(200);
		String html = section.body();
		// Lisinopril from the clinic and the cardiologist: one line, both sources.
		assertThat(html.split("lisinopril 10 MG Oral Tablet</span>", -1)).hasSize(2);
		assertThat(html).contains("Ordered by 2 prescribers: Dr. Aisha Rahman, Dr. Erik Lindqvist")
			.contains("high risk")
			.contains("Stopped at " + chen.hospitalSource() + ", active at " + chen.clinicSource())
			.contains("furosemide: dose changed from 20 mg to 40 mg")
			.contains("Weight gain 2 kg in one week with ankle edema");
		assertThat(this.audit.search(new AuditQuery(chen.coordinator(), null, null, null, "time", true, 10)))
			.anySatisfy(e -> assertThat(e.record().detail()).isEqualTo("medicines"));
	}

	@Test
	void refusesAnotherCoordinatorsPatientAndAuditsTheRefusal() {
		Person chen = chen("refused");
		String other = user(Role.COORDINATOR);

		PageClient.Response section = signedIn(other).get("/patients/" + chen.clinic() + "/medicines");

		assertThat(section.status()).isEqualTo(403);
		assertThat(section.body()).doesNotContain("furosemide");
		assertThat(this.audit.search(new AuditQuery(other, null, null, null, "time", true, 10)))
			.anySatisfy(e -> assertThat(e.record().outcome()).isEqualTo(Outcome.DENIED));
	}

	@Test
	void aSignedReconciliationCompletesTheMedicationTaskAndCannotBeChanged() {
		Person chen = chen("reconcile");
		Task task = this.tasks.create(new TaskChange(chen.hospital(), chen.coordinator(),
				Task.Kind.MEDICATION_RECONCILIATION, "Reconcile medications by the visit", TODAY.plusDays(5), "OPEN"));
		PageClient page = signedIn(chen.coordinator());
		page.get("/patients/" + chen.clinic());
		page.get("/patients/" + chen.clinic() + "/medicines");

		Map<String, String> unsigned = form("lisinopril|10 MG", "lisinopril 10 MG Oral Tablet", "CONFIRMED", "", "");
		PageClient.Response refused = page.post("/patients/" + chen.clinic() + "/medicines/reconciliation", unsigned);
		assertThat(refused.status()).isEqualTo(302);
		assertThat(this.reconciliations.of(java.util.List.of(chen.clinic()))).isEmpty();

		Map<String, String> signed = form("lisinopril|10 MG", "lisinopril 10 MG Oral Tablet", "TAKES_DIFFERENTLY",
				"half a tablet in the morning", "dizzy on a whole one");
		signed.put("signedAs", "Ana Reyes, RN");
		signed.put("attested", "true");
		signed.put("reconciledOn", TODAY.toString());
		signed.put("addedName", "ibuprofen 200 mg");
		signed.put("addedTakes", "two tablets when her knee hurts");
		page.post("/patients/" + chen.clinic() + "/medicines/reconciliation", signed);

		Reconciliation done = this.reconciliations.of(java.util.List.of(chen.clinic())).get(0);
		assertThat(done.signedAs()).isEqualTo("Ana Reyes, RN");
		assertThat(done.by()).isEqualTo(chen.coordinator());
		assertThat(done.taskCompleted()).isEqualTo(task.id());
		assertThat(done.lines()).extracting(Reconciliation.Line::verdict)
			.containsExactlyInAnyOrder(Reconciliation.Verdict.TAKES_DIFFERENTLY, Reconciliation.Verdict.ADDED);
		assertThat(this.tasks.find(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.DONE);
		assertThat(this.audit.search(new AuditQuery(chen.coordinator(), null, null, null, "time", true, 20)))
			.anySatisfy(e -> {
				assertThat(e.record().detail()).isEqualTo("medication reconciliation");
				assertThat(e.record().action()).isEqualTo(AuditAction.UPDATE);
			});
		assertThatThrownBy(() -> this.jdbc.sql("update medication_reconciliation set signed_as = 'someone'").update())
			.isInstanceOf(DataAccessException.class);
		String html = page.get("/patients/" + chen.clinic() + "/medicines").body();
		assertThat(html).contains("takes half a tablet in the morning").contains("ibuprofen 200 mg");

		// A later reconciliation supersedes: the medicine she added is stopped.
		this.reconciliations.record(new NewReconciliation(chen.clinic(), this.people.recordsOf(chen.clinic()),
				chen.coordinator(), "Ana Reyes, RN", true, TODAY, null,
				java.util.List.of(new Reconciliation.Line("coordinator:ibuprofen 200 mg", "ibuprofen 200 mg",
						Reconciliation.Verdict.STOPPED, null, "stomach pain"))));
		assertThat(this.medicines.list(this.people.recordsOf(chen.clinic())).lines())
			.filteredOn(l -> l.key().equals("coordinator:ibuprofen 200 mg"))
			.singleElement()
			.satisfies(l -> assertThat(l.active()).isFalse());
	}

	@Test
	void reportsAdherencePerClassFromPharmacyClaimsAndRefusesOthers() throws Exception {
		Person chen = chen("adherence");
		String token = this.tokens.issue(chen.coordinator(), "adherence tests", Duration.ofHours(1));
		String other = this.tokens.issue(user(Role.COORDINATOR), "adherence tests", Duration.ofHours(1));
		String path = "/api/patients/" + chen.clinic() + "/adherence?from=" + TODAY.minusDays(364) + "&to=" + TODAY;

		HttpResponse<String> response = get(path, token);
		HttpResponse<String> refused = get(path, other);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode classes = JSON.readTree(response.body()).path("classes");
		JsonNode statin = find(classes, "statin");
		// Four 30-day fills, 30 days apart, from 200 days ago; the claim and its EOB are
		// one fill.
		assertThat(statin.path("fills").asInt()).isEqualTo(4);
		assertThat(statin.path("daysInPeriod").asInt()).isEqualTo(201);
		assertThat(statin.path("daysCovered").asInt()).isEqualTo(120);
		assertThat(statin.path("pdc").decimalValue()).isEqualByComparingTo("0.5970");
		assertThat(statin.path("adherent").asBoolean()).isFalse();
		assertThat(statin.path("gaps").get(0).path("from").asText()).isEqualTo(TODAY.minusDays(80).toString());
		JsonNode anticoagulant = find(classes, "anticoagulant");
		assertThat(anticoagulant.path("pdc").isNull()).isTrue();
		assertThat(anticoagulant.path("reason").asText()).startsWith("Fewer than two fills");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(get(path.replace("from=", "from=yesterday&x="), token).statusCode()).isEqualTo(400);
	}

	@Test
	void readsManyPeoplesAdherenceInOneQueryEachExactlyAsAlone() {
		Person chen = chen("batch-one");
		Person other = chen("batch-two");
		// Her namesake also filled her statin 230 days ago, so the two measures differ.
		String fill = """
				{"resourceType": "Bundle", "type": "transaction", "entry": [{"fullUrl": "urn:uuid:%s",
				 "resource": %s, "request": {"method": "PUT", "url": "Claim/c-simva-claim-early"}}]}""".formatted(
				java.util.UUID.randomUUID(),
				claim("c-simva-claim-early", "Claim", "314231", "Simvastatin 10 MG Oral Tablet", TODAY.minusDays(230)));
		this.fhirImport.importBundle(fill.getBytes(StandardCharsets.UTF_8), other.clinicSource(), "test");
		LocalDate from = TODAY.minusDays(364);
		Map<PatientId, List<PatientId>> both = new LinkedHashMap<>();
		both.put(chen.clinic(), this.people.recordsOf(chen.clinic()));
		both.put(other.clinic(), this.people.recordsOf(other.clinic()));

		Map<PatientId, List<ClassAdherence>> together = this.medicines.adherence(both, from, TODAY);

		assertThat(together).containsOnlyKeys(chen.clinic(), other.clinic());
		assertThat(together.get(chen.clinic()))
			.isEqualTo(this.medicines.adherence(this.people.recordsOf(chen.clinic()), from, TODAY))
			.anySatisfy(c -> assertThat(c.fills()).isEqualTo(4));
		assertThat(together.get(other.clinic()))
			.isEqualTo(this.medicines.adherence(this.people.recordsOf(other.clinic()), from, TODAY))
			.anySatisfy(c -> assertThat(c.fills()).isEqualTo(5));
	}

	@Test
	void recordsThatThePatientCannotAffordAMedicineWithThePharmacysCopayAFollowUpTaskAndACostBarrier() {
		Person chen = chen("afford");
		// The pharmacy's EOB of her last statin fill says what she paid, to the cent.
		String eob = """
				{"resourceType": "Bundle", "type": "transaction", "entry": [{"fullUrl": "urn:uuid:%s",
				 "resource": {"resourceType": "ExplanationOfBenefit", "id": "c-simva-eob-paid", "status": "active",
				  "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/claim-type", "code": "pharmacy"}]},
				  "patient": {"reference": "Patient/c"}, "billablePeriod": {"start": "%sT10:00:00-05:00"},
				  "item": [{"sequence": 1, "productOrService": {"coding": [{
				    "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "314231",
				    "display": "Simvastatin 10 MG Oral Tablet"}]},
				   "adjudication": [{"category": {"coding": [{"code": "submitted"}]}, "amount": {"value": 61.20, "currency": "USD"}},
				    {"category": {"coding": [{"code": "paidbypatient"}]}, "amount": {"value": 45.00, "currency": "USD"}}]}]},
				 "request": {"method": "PUT", "url": "ExplanationOfBenefit/c-simva-eob-paid"}}]}"""
			.formatted(java.util.UUID.randomUUID(), TODAY.minusDays(20));
		this.fhirImport.importBundle(eob.getBytes(StandardCharsets.UTF_8), chen.clinicSource(), "test");
		PageClient page = signedIn(chen.coordinator());
		String path = "/patients/" + chen.clinic() + "/medicines/affordability";
		assertThat(page.get("/patients/" + chen.clinic() + "/medicines").body())
			.contains("Simvastatin 10 MG Oral Tablet (pharmacy copay 45.00 USD");

		Map<String, String> noOption = new LinkedHashMap<>();
		noOption.put("key", "simvastatin|10 MG");
		noOption.put("followUpOn", TODAY.plusDays(7).toString());
		page.post(path, noOption);
		assertThat(this.affordability.of(this.people.recordsOf(chen.clinic()))).isEmpty();
		assertThat(this.tasks.openFor(this.people.recordsOf(chen.clinic()))).isEmpty();

		Map<String, String> form = new LinkedHashMap<>(noOption);
		form.put("option", "GENERIC");
		form.put("note", "skips every other day to make it last");
		PageClient.Response recorded = page.post(path, form);

		assertThat(recorded.status()).isEqualTo(302);
		AffordabilityBarrier barrier = this.affordability.of(this.people.recordsOf(chen.clinic()))
			.get("simvastatin|10 MG")
			.get(0);
		assertThat(barrier.copay()).isEqualByComparingTo("45.00");
		assertThat(barrier.copayText()).isEqualTo("45.00 USD");
		assertThat(barrier.copayCurrency()).isEqualTo("USD");
		assertThat(barrier.copaySource()).startsWith("pharmacy EOB from " + chen.clinicSource());
		assertThat(barrier.options()).containsExactly(AffordabilityOption.GENERIC);
		Task task = this.tasks.find(barrier.task()).orElseThrow();
		assertThat(task.owner()).isEqualTo(chen.coordinator());
		assertThat(task.dueOn()).isEqualTo(TODAY.plusDays(7));
		assertThat(task.title()).isEqualTo("Cost of Simvastatin 10 MG Oral Tablet: follow up on a generic");
		PlanItem cost = this.carePlans.item(barrier.carePlanItem()).orElseThrow();
		assertThat(cost.barrierKind()).isEqualTo(BarrierKind.COST);
		assertThat(cost.title()).isEqualTo("Cannot afford Simvastatin 10 MG Oral Tablet (45.00 USD a fill)");
		assertThat(task.basis()).as("the follow-up follows the Cost barrier on the plan")
			.isEqualTo(new TaskBasis(TaskBasis.Kind.PLAN_ITEM, cost.id(), cost.title()));
		assertThat(page.get("/patients/" + chen.clinic() + "/medicines").body())
			.contains("Cannot afford — copay 45.00 USD · pursuing a generic");
		assertThat(this.audit.search(new AuditQuery(chen.coordinator(), null, null, null, "time", true, 20)))
			.anySatisfy(e -> assertThat(e.record().detail()).isEqualTo("medication affordability"));

		// What the patient says it costs her wins over the pharmacy's, and is kept exact.
		form.put("copay", "$38.5");
		form.put("option", "PATIENT_ASSISTANCE");
		page.post(path, form);
		assertThat(this.affordability.of(this.people.recordsOf(chen.clinic())).get("simvastatin|10 MG").get(0))
			.satisfies(b -> {
				assertThat(b.copay()).isEqualByComparingTo("38.5");
				assertThat(b.copayText()).isEqualTo("$38.5");
				assertThat(b.copaySource()).isEqualTo("said by the patient to " + chen.coordinator());
			});
		PageClient other = signedIn(user(Role.COORDINATOR));
		other.get("/today");
		assertThat(other.post(path, form).status()).isEqualTo(403);
		assertThat(this.affordability.of(this.people.recordsOf(chen.clinic())).get("simvastatin|10 MG")).hasSize(2);
	}

	@Test
	void tellsTwoPrescribersOfTheSameNameApartByTheirNpiAndShowsIt() {
		String source = "meds-npi-" + NEXT.incrementAndGet();
		String lisinopril = """
				{"resourceType": "MedicationRequest", "id": "%s", "status": "active", "intent": "order",
				 "medicationCodeableConcept": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm",
				   "code": "314076", "display": "lisinopril 10 MG Oral Tablet"}]},
				 "subject": {"reference": "Patient/n"}, "authoredOn": "%s",
				 "requester": {"reference": "%s", "display": "Dr. John Smith"}}""";
		PatientBundle record = aPatient("n").named("Nora", "Npitwin")
			.born("1951-07-0" + (1 + NEXT.get() % 9))
			.withResource("""
					{"resourceType": "Practitioner", "id": "smith-a",
					 "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": "1111111112"}],
					 "name": [{"family": "Smith", "given": ["John"], "prefix": ["Dr."]}]}""")
			.withResource("""
					{"resourceType": "Practitioner", "id": "smith-b",
					 "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": "2222222228"}],
					 "name": [{"family": "Smith", "given": ["John"], "prefix": ["Dr."]}]}""")
			.withResource(lisinopril.formatted("n-lis-a", TODAY.minusDays(20),
					"Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|1111111112"))
			.withResource(lisinopril.formatted("n-lis-b", TODAY.minusDays(10), "Practitioner/smith-b"));
		this.fhirImport.importBundle(record.json(), source, "test");
		PatientId nora = new PatientId(new RecordKey(source, "Patient", "n").id());
		String coordinator = user(Role.COORDINATOR);
		this.caseloads.assign(nora, coordinator, Relation.COORDINATOR);

		String html = signedIn(coordinator).get("/patients/" + nora + "/medicines").body();

		assertThat(html)
			.contains("Ordered by 2 prescribers: Dr. John Smith (NPI 1111111112), Dr. John Smith (NPI 2222222228)");
	}

	private static JsonNode find(JsonNode classes, String name) {
		for (JsonNode c : classes) {
			if (c.path("class").asText().equals(name)) {
				return c;
			}
		}
		throw new AssertionError("No class " + name + " in " + classes);
	}

	private static Map<String, String> form(String key, String display, String verdict, String takes, String reason) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("key", key);
		form.put("display", display);
		form.put("verdict", verdict);
		form.put("takes", takes);
		form.put("reason", reason);
		return form;
	}

	/**
	 * Mrs. Chen's records at the hospital and the clinic, linked, on a coordinator's
	 * caseload.
	 */
	private record Person(PatientId hospital, PatientId clinic, String hospitalSource, String clinicSource,
			String coordinator) {
	}

	private Person chen(String test) {
		String hospitalSource = "meds-" + test + "-hospital";
		String clinicSource = "meds-" + test + "-clinic";
		// A name of its own per test: people who share a name and birth date are linked.
		String family = "Medchen" + Character.toUpperCase(test.charAt(0)) + test.substring(1);
		String born = "1948-03-" + (10 + NEXT.incrementAndGet() % 18);
		PatientBundle hospital = aPatient("h").named("Mei", family)
			.born(born)
			.sex("female")
			.withResource(order("h-furo20", "stopped", "310429", "furosemide 20 MG Oral Tablet", TODAY.minusDays(55),
					"Dr. Erik Lindqvist", null, "Dose increased by cardiology"))
			.withResource(order("h-simva", "stopped", "314231", "Simvastatin 10 MG Oral Tablet", TODAY.minusDays(30),
					"Dr. Erik Lindqvist", null, "Muscle aches"))
			.withResource(order("h-lisino", "active", "314076", "lisinopril 10 MG Oral Tablet", TODAY.minusDays(55),
					"Dr. Erik Lindqvist", null, null));
		PatientBundle clinic = aPatient("c").named("Mei", family)
			.born(born)
			.sex("female")
			.withResource(order("c-furo40", "active", "313988", "furosemide 40 MG Oral Tablet", TODAY.minusDays(12),
					"Dr. Aisha Rahman", "Weight gain 2 kg in one week with ankle edema", null))
			.withResource(order("c-lisino", "active", "314076", "lisinopril 10 MG Oral Tablet", TODAY.minusDays(40),
					"Dr. Aisha Rahman", null, null))
			.withResource(order("c-simva", "active", "314231", "Simvastatin 10 MG Oral Tablet", TODAY.minusDays(200),
					"Dr. Aisha Rahman", null, null))
			.withResource(order("c-apixaban", "active", "1364445", "apixaban 5 MG Oral Tablet", TODAY.minusDays(100),
					"Dr. Aisha Rahman", null, null))
			.withResource(claim("c-apix-claim", "Claim", "1364445", "apixaban 5 MG Oral Tablet", TODAY.minusDays(100)));
		for (int i = 0; i < 4; i++) {
			LocalDate filled = TODAY.minusDays(200 - 30L * i);
			clinic.withResource(claim("c-simva-claim-" + i, "Claim", "314231", "Simvastatin 10 MG Oral Tablet", filled))
				.withResource(claim("c-simva-eob-" + i, "ExplanationOfBenefit", "314231",
						"Simvastatin 10 MG Oral Tablet", filled));
		}
		this.fhirImport.importBundle(hospital.json(), hospitalSource, "test");
		this.fhirImport.importBundle(clinic.json(), clinicSource, "test");
		PatientId h = new PatientId(new RecordKey(hospitalSource, "Patient", "h").id());
		PatientId c = new PatientId(new RecordKey(clinicSource, "Patient", "c").id());
		this.linkage.link(h, c, "test");
		String coordinator = user(Role.COORDINATOR);
		this.caseloads.assign(c, coordinator, Relation.COORDINATOR);
		return new Person(h, c, hospitalSource, clinicSource, coordinator);
	}

	private static String order(String id, String status, String rxcui, String name, LocalDate authored,
			String prescriber, String reason, String statusReason) {
		String patient = id.startsWith("h-") ? "h" : "c";
		return """
				{"resourceType": "MedicationRequest", "id": "%s", "status": "%s", "intent": "order",
				 "medicationCodeableConcept": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm",
				   "code": "%s", "display": "%s"}]},
				 "subject": {"reference": "Patient/%s"}, "authoredOn": "%s",
				 "requester": {"display": "%s"}%s%s}""".formatted(id, status, rxcui, name, patient, authored,
				prescriber, reason == null ? "" : ", \"reasonCode\": [{\"text\": \"" + reason + "\"}]",
				statusReason == null ? "" : ", \"statusReason\": {\"text\": \"" + statusReason + "\"}");
	}

	/** A pharmacy claim (or its EOB) as Synthea writes one: no days' supply. */
	private static String claim(String id, String type, String rxcui, String name, LocalDate filled) {
		return """
				{"resourceType": "%s", "id": "%s", "status": "active",
				 "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/claim-type", "code": "pharmacy"}]},
				 "patient": {"reference": "Patient/c"},
				 "billablePeriod": {"start": "%sT10:00:00-05:00"},
				 "item": [{"sequence": 1, "productOrService": {"coding": [{
				   "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "%s", "display": "%s"}]}}]}"""
			.formatted(type, id, filled, rxcui, name);
	}

	private String user(Role role) {
		String name = "meds-" + NEXT.incrementAndGet();
		this.accounts.create(name, "Medicines Test " + name, PASSWORD, Set.of(role), null);
		return name;
	}

	private PageClient signedIn(String username) {
		PageClient page = new PageClient(this.port, "127.0.16." + (2 + NEXT.incrementAndGet() % 250));
		assertThat(page.signIn(username, PASSWORD).status()).isEqualTo(302);
		return page;
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Authorization", "Bearer " + token)
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

}
