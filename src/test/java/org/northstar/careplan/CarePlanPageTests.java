package org.northstar.careplan;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.patient.People;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;
import org.northstar.support.PageClient.Response;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The care-plan section of the patient page over HTTP, as htmx asks for it: a coordinator
 * of the person builds and changes the plan, someone else is refused, every read and
 * write is audited, and a stale form changes nothing.
 */
class CarePlanPageTests extends NorthstarTest {

	private static final String SOURCE = "careplan-page-tests";

	private static final String PASSWORD = "Juniper-lantern-river-31";

	private static final AtomicInteger NEXT = new AtomicInteger();

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Caseloads caseloads;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	AuditTrail audit;

	@Autowired
	CarePlans plans;

	@Autowired
	People people;

	@Test
	void aCoordinatorAddsAGoalAndABarrierInPlaceWithHistory() {
		String ana = user(Role.COORDINATOR);
		PatientId patient = patientOf(ana, CarePlanFixture.aPatient("pp-" + NEXT.incrementAndGet(), "Mei", "Chen"));
		PageClient page = htmx(ana);

		Response empty = page.get(plan(patient));
		Response goal = page.post(plan(patient) + "/items", Map.of("kind", "GOAL", "title", "HbA1c at or below 7.0 %",
				"measure", "4548-4", "targetHigh", "7.0", "dueOn", "2027-03-01", "owner", ana));
		Response barrier = page.post(plan(patient) + "/items", Map.of("kind", "BARRIER", "barrierKind", "WORK_SCHEDULE",
				"action", "Evening clinic slots", "owner", ana, "dueOn", "2027-01-15"));

		assertThat(empty.status()).isEqualTo(200);
		assertThat(empty.body()).contains("No care plan yet");
		assertThat(goal.status()).isEqualTo(200);
		assertThat(goal.body()).startsWith("<section").contains("HbA1c at or below 7.0 %").contains("≤ 7.0 %");
		assertThat(barrier.body()).contains("Work schedule").contains("Evening clinic slots");
		CarePlan saved = this.plans.of(this.people.recordsOf(patient)).orElseThrow();
		assertThat(saved.goals()).singleElement().satisfies(g -> {
			assertThat(g.target().high()).hasToString("7.0");
			assertThat(g.createdBy()).isEqualTo(ana);
		});
		assertThat(this.plans.history(saved.id())).extracting(PlanChange::field, PlanChange::after)
			.contains(org.assertj.core.groups.Tuple.tuple("created", "HbA1c at or below 7.0 %"),
					org.assertj.core.groups.Tuple.tuple("created", "Work schedule"));
		assertThat(auditOf(ana)).anySatisfy(e -> {
			assertThat(e.record().action()).isEqualTo(AuditAction.READ);
			assertThat(e.record().detail()).isEqualTo("care plan");
		}).anySatisfy(e -> {
			assertThat(e.record().action()).isEqualTo(AuditAction.CREATE);
			assertThat(e.record().detail()).isEqualTo("care plan: add a barrier");
			assertThat(e.record().patient()).isEqualTo(patient);
		});
	}

	@Test
	void someoneOutsideTheCaseloadCanNeitherReadNorChangeThePlan() {
		String ana = user(Role.COORDINATOR);
		String bo = user(Role.COORDINATOR);
		PatientId patient = patientOf(ana, CarePlanFixture.aPatient("pp-" + NEXT.incrementAndGet(), "Jim", "Okafor"));
		PageClient page = htmx(bo);

		Response read = page.get(plan(patient));
		Response write = page.post(plan(patient) + "/items",
				Map.of("kind", "PROBLEM", "title", "Heart failure", "owner", bo));

		assertThat(read.status()).isEqualTo(403);
		assertThat(read.body()).contains("You may not see or change").doesNotContain("Okafor");
		assertThat(write.status()).isEqualTo(403);
		assertThat(this.plans.of(this.people.recordsOf(patient))).isEmpty();
		assertThat(auditOf(bo)).filteredOn(e -> e.record().outcome() == Outcome.DENIED).hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void aFormReadBeforeSomeoneElsesChangeChangesNothing() {
		String ana = user(Role.COORDINATOR);
		PatientId patient = patientOf(ana, CarePlanFixture.aPatient("pp-" + NEXT.incrementAndGet(), "Rosa", "Diaz"));
		PageClient page = htmx(ana);
		page.post(plan(patient) + "/items", Map.of("kind", "INTERVENTION", "title", "Weekly weight-check call", "owner",
				ana, "dueOn", "2027-01-10"));
		PlanItem call = this.plans.of(this.people.recordsOf(patient)).orElseThrow().interventions().get(0);

		Response first = page.post(plan(patient) + "/items/" + call.id(), form(call, "owner", "nurse-lee"));
		Response stale = page.post(plan(patient) + "/items/" + call.id(), form(call, "owner", "ana-again"));

		assertThat(first.body()).contains("Saved the intervention");
		assertThat(stale.body()).contains("was changed by " + ana + " since you read it");
		PlanItem now = this.plans.item(call.id()).orElseThrow();
		assertThat(now.owner()).isEqualTo("nurse-lee");
		assertThat(now.version()).isEqualTo(2);
	}

	@Test
	void aBrokenRuleIsNamedAndNothingIsAdded() {
		String ana = user(Role.COORDINATOR);
		PatientId patient = patientOf(ana, CarePlanFixture.aPatient("pp-" + NEXT.incrementAndGet(), "Ola", "Berg"));
		PageClient page = htmx(ana);

		Response noTarget = page.post(plan(patient) + "/items",
				Map.of("kind", "GOAL", "title", "Feel better", "dueOn", "2027-03-01"));

		assertThat(noTarget.body()).contains("target: a goal must be measurable");
		assertThat(this.plans.of(this.people.recordsOf(patient)).map(CarePlan::items).orElseThrow()).isEmpty();
	}

	@Test
	void appliesATemplateOnceAndCompletesAnItemInOneClick() {
		String ana = user(Role.COORDINATOR);
		PatientId patient = patientOf(ana,
				CarePlanFixture.aPatient("pp-" + NEXT.incrementAndGet(), "Lan", "Chen-Apply").withHeartFailure());
		PageClient page = htmx(ana);

		Response applied = page.post(plan(patient) + "/templates", Map.of("template", "heart-failure"));
		Response again = page.post(plan(patient) + "/templates", Map.of("template", "heart-failure"));
		CarePlan plan = this.plans.of(this.people.recordsOf(patient)).orElseThrow();
		PlanItem call = plan.interventions()
			.stream()
			.filter(i -> i.title().equals("Weekly weight-check call"))
			.findFirst()
			.orElseThrow();
		Response done = page.post(plan(patient) + "/items/" + call.id() + "/status",
				Map.of("version", "1", "status", "COMPLETED"));

		assertThat(applied.body()).contains("Applied &#39;Heart failure&#39;").contains("Weekly weight-check call");
		assertThat(again.body()).contains("already applied");
		assertThat(plan.problems()).singleElement().satisfies(p -> assertThat(p.conditionCode()).isEqualTo("84114007"));
		assertThat(plan.items()).allSatisfy(i -> assertThat(i.origin()).isEqualTo("template:heart-failure"));
		assertThat(done.body()).contains("is done");
		Response summary = htmx(ana).header("HX-Request", null).get(plan(patient) + "/summary");
		assertThat(summary.status()).isEqualTo(200);
		assertThat(summary.body()).contains("Care plan: <span>Chen-Apply, Lan</span>")
			.contains("Weekly weight-check call")
			.contains("Care coordinator");
		assertThat(htmx(user(Role.COORDINATOR)).header("HX-Request", null).get(plan(patient) + "/summary").status())
			.isEqualTo(403);
		assertThat(this.plans.item(call.id()).orElseThrow().status()).isEqualTo(ItemStatus.COMPLETED);
	}

	@Test
	void showsImportedPlansWithTheirSourceAndAdoptsAGoal() {
		String ana = user(Role.COORDINATOR);
		String id = "pp-" + NEXT.incrementAndGet();
		PatientId patient = patientOf(ana,
				CarePlanFixture.aPatient(id, "May", "Chen-Adopt")
					.withGoal(id + "-goal", "Weight between 61 and 63 kg", "61.0", "63.0", "2027-02-01")
					.withCarePlan(id + "-plan", "Heart failure discharge plan", "Daily weights"));
		PageClient page = htmx(ana);

		Response shown = page.get(plan(patient));
		String goalId = new RecordKey(SOURCE, "Goal", id + "-goal").id().toString();
		Response adopted = page.post(plan(patient) + "/adopt", Map.of("resource", goalId, "index", "0"));
		Response twice = page.post(plan(patient) + "/adopt", Map.of("resource", goalId, "index", "0"));

		assertThat(shown.body()).contains(SOURCE)
			.contains("CarePlan: Heart failure discharge plan")
			.contains("Daily weights")
			.contains("Goal: Weight between 61 and 63 kg");
		assertThat(adopted.body()).contains("Adopted the goal");
		PlanItem goal = this.plans.of(this.people.recordsOf(patient)).orElseThrow().goals().get(0);
		assertThat(goal.origin()).isEqualTo(SOURCE + " Goal/" + id + "-goal");
		assertThat(goal.target().low()).hasToString("61.0");
		assertThat(goal.dueOn()).hasToString("2027-02-01");
		assertThat(twice.body()).contains("in the plan").doesNotContain("Adopted the goal");
	}

	@Test
	void drawsAMeasuredGoalWithItsBandTheMedicineChangesAndARapidWeightGain() {
		String ana = user(Role.COORDINATOR);
		PatientId patient = patientOf(ana,
				CarePlanFixture.aPatient("pp-" + NEXT.incrementAndGet(), "Grace", "Trend")
					.weighing("2026-10-01", "80.0")
					.weighing("2026-10-04", "79.50")
					.weighing("2026-10-08", "81.6")
					.prescribed("2026-10-02", "Furosemide 40 mg"));
		PageClient page = htmx(ana);

		Response shown = page.post(plan(patient) + "/items",
				Map.of("kind", "GOAL", "title", "Weight within 2 kg of dry weight", "measure", "29463-7", "targetLow",
						"78", "targetHigh", "80", "targetUnit", "kg", "dueOn", "2027-03-01"));

		assertThat(shown.body()).contains("<svg")
			.contains("class=\"point out\"")
			.contains("Gained 2.1 kg between 4 Oct 2026 and 8 Oct 2026")
			.contains("Medicine: Furosemide 40 mg")
			.contains(">79.50 kg<")
			.contains("78–80 kg");
	}

	private static Map<String, String> form(PlanItem item, String field, String value) {
		Map<String, String> form = new HashMap<>(Map.of("version", Integer.toString(item.version()), "title",
				item.title(), "owner", item.owner(), "dueOn", item.dueOn().toString(), "status", item.status().name()));
		form.put(field, value);
		return form;
	}

	private java.util.List<org.northstar.audit.AuditEntry> auditOf(String user) {
		return this.audit.search(new AuditQuery(user, true, null, null, false, null, null, "time", true, 0, 50));
	}

	private static String plan(PatientId patient) {
		return "/patients/" + patient + "/care-plan";
	}

	private String user(Role role) {
		String name = "plan-" + NEXT.incrementAndGet();
		this.accounts.create(name, "Plan Test " + role, PASSWORD, Set.of(role), null);
		return name;
	}

	private PatientId patientOf(String coordinator, CarePlanFixture patient) {
		this.fhirImport.importBundle(patient.json(), SOURCE, "test");
		PatientId id = new PatientId(new RecordKey(SOURCE, "Patient", patient.id()).id());
		this.caseloads.assign(id, coordinator, Relation.COORDINATOR);
		return id;
	}

	private PageClient htmx(String username) {
		PageClient page = new PageClient(this.port, "127.0.31." + (2 + NEXT.incrementAndGet() % 250));
		assertThat(page.signIn(username, PASSWORD).status()).isEqualTo(302);
		// The CSRF token comes with the first page read.
		page.get("/caseload");
		return page.header("HX-Request", "true");
	}

}
