package org.northstar.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditEntry;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.PatientAccess;
import org.northstar.caseload.EmergencyReason;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.patient.LinkCandidate;
import org.northstar.patient.People;
import org.northstar.patient.RecordLink;
import org.northstar.patient.RecordLinkage;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;
import org.northstar.support.PageClient.Response;
import org.northstar.support.PatientBundle;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * Linkage decisions as an attacker tries them, over HTTP: a link is a disclosure (whoever
 * may open one of a person's records may open them all), so each attempt to link, relink
 * or unlink beyond what the user may already open must fail and leave the links as they
 * were.
 */
class LinkageAttackTests extends NorthstarTest {

	private static final AtomicInteger NEXT = new AtomicInteger();

	private static final String PASSWORD = "Kestrel-meadow-quarry-4";

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts accounts;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	Caseloads caseloads;

	@Autowired
	PatientAccess access;

	@Autowired
	People people;

	@Autowired
	RecordLinkage linkage;

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aCoordinatorCannotLinkHerPatientToARecordSheMayNotOpen() {
		String ines = user(Role.COORDINATOR);
		PatientId[] pair = borderlinePair("Wojciechowski", "1941-03-09");
		this.caseloads.assign(pair[0], ines, Relation.COORDINATOR);

		Response linked = signedIn(ines).post("/linkage/link",
				Map.of("known", pair[0].value().toString(), "candidate", pair[1].value().toString()));

		assertThat(linked.status()).isEqualTo(403);
		assertThat(this.people.recordsOf(pair[0])).containsExactly(pair[0]);
		assertThat(lastAudit(ines, pair[1]).record().outcome()).isEqualTo(Outcome.DENIED);
		// Her queue still shows the pair, and says who decides.
		assertThat(signedIn(ines).get("/linkage").body()).contains("Wojciechowski")
			.contains("a supervisor decides")
			.doesNotContain("link-same");

		String supervisor = user(Role.SUPERVISOR);
		Response byTheSupervisor = signedIn(supervisor).post("/linkage/link",
				Map.of("known", pair[0].value().toString(), "candidate", pair[1].value().toString()));
		assertThat(byTheSupervisor.redirectsTo("/linkage")).isTrue();
		assertThat(this.people.recordsOf(pair[0])).containsExactlyInAnyOrder(pair[0], pair[1]);
	}

	@Test
	void breakingTheGlassNeverChangesLinks() {
		String owner = user(Role.COORDINATOR);
		String intruder = user(Role.COORDINATOR);
		PatientId[] person = linkedPair("Szczepanska", "1962-08-21", "999-64-" + (1000 + NEXT.incrementAndGet()));
		this.caseloads.assign(person[0], owner, Relation.COORDINATOR);
		this.access.breakTheGlass(this.accounts.find(intruder).orElseThrow(), person[0],
				new EmergencyReason(EmergencyReason.Category.COVERING_FOR_A_COLLEAGUE,
						"Covering the on-call coordinator tonight"),
				"127.0.0.1");

		PageClient page = signedIn(intruder);
		assertThat(page.get("/patients/" + person[0].value()).status()).isEqualTo(200);
		Response unlinked = page.post("/patients/" + person[0].value() + "/records/" + person[1].value() + "/unlink",
				Map.of("reason", "looks like someone else", "confirm", "true"));

		assertThat(unlinked.status()).isEqualTo(403);
		assertThat(this.people.recordsOf(person[0])).containsExactlyInAnyOrder(person[0], person[1]);
		assertThat(lastAudit(intruder, person[1]).record())
			.satisfies(r -> assertThat(r.action()).isEqualTo(AuditAction.UNLINK))
			.satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.DENIED));
	}

	@Test
	void aRejectedPairIsReopenedOnlyByASupervisor() {
		String coordinator = user(Role.COORDINATOR);
		PatientId[] pair = borderlinePair("Przybylski", "1944-05-11");
		this.caseloads.assign(pair[0], coordinator, Relation.COORDINATOR);
		this.caseloads.assign(pair[1], coordinator, Relation.COORDINATOR);
		Map<String, String> form = Map.of("known", pair[0].value().toString(), "candidate", pair[1].value().toString());
		PageClient page = signedIn(coordinator);
		assertThat(page.post("/linkage/reject", form).redirectsTo("/linkage")).isTrue();

		Response relinked = page.post("/linkage/link", form);
		Response reopened = page.post("/linkage/reopen", form);

		assertThat(relinked.status()).isEqualTo(403);
		assertThat(reopened.status()).isEqualTo(403);
		assertThat(this.people.recordsOf(pair[0])).containsExactly(pair[0]);
		assertThat(this.linkage.candidate(pair[0], pair[1])).get()
			.extracting(LinkCandidate::status)
			.isEqualTo(LinkCandidate.Status.REJECTED);

		String supervisor = user(Role.SUPERVISOR);
		assertThat(signedIn(supervisor).post("/linkage/reopen", form).redirectsTo("/linkage")).isTrue();
		assertThat(signedIn(coordinator).post("/linkage/link", form).redirectsTo("/linkage")).isTrue();
		assertThat(this.people.recordsOf(pair[0])).containsExactlyInAnyOrder(pair[0], pair[1]);
	}

	@Test
	void unlinkingAsksForConfirmationAndAReasonAndCanBeUndoneByWhoeverUnlinked() {
		String coordinator = user(Role.COORDINATOR);
		String colleague = user(Role.COORDINATOR);
		PatientId[] person = linkedPair("Chmielewska", "1958-12-02", "999-65-" + (1000 + NEXT.incrementAndGet()));
		this.caseloads.assign(person[0], coordinator, Relation.COORDINATOR);
		this.caseloads.assign(person[0], colleague, Relation.COORDINATOR);
		String unlink = "/patients/" + person[0].value() + "/records/" + person[1].value() + "/unlink";
		PageClient page = signedIn(coordinator);

		for (Map<String, String> form : List.of(Map.<String, String>of(),
				Map.of("reason", "different mother's maiden name"), Map.of("confirm", "true", "reason", " "))) {
			assertThat(followed(page, page.post(unlink, form))).contains("Nothing was unlinked");
		}
		assertThat(this.people.recordsOf(person[0])).as("unconfirmed or without a reason")
			.containsExactlyInAnyOrder(person[0], person[1]);

		Response unlinked = page.post(unlink, Map.of("confirm", "true", "reason", "different mother's maiden name"));
		assertThat(unlinked.redirectsTo("/patients/" + person[0].value())).isTrue();
		assertThat(followed(page, unlinked)).contains("Record unlinked").contains("undo-unlink");
		assertThat(this.people.recordsOf(person[0])).containsExactly(person[0]);
		assertThat(lastAudit(coordinator, person[1]).record().detail()).contains("different mother's maiden name");
		long id = this.jdbc.sql("select id from patient_unlink where patient_id = ?")
			.param(person[1].value())
			.query(Long.class)
			.single();
		String undo = "/patients/" + person[0].value() + "/unlinks/" + id + "/undo";

		assertThat(signedIn(colleague).post(undo, Map.of()).status()).isEqualTo(403);
		assertThat(this.people.recordsOf(person[0])).containsExactly(person[0]);

		Response undone = page.post(undo, Map.of());
		assertThat(undone.redirectsTo("/patients/" + person[0].value())).isTrue();
		assertThat(followed(page, undone)).contains("Unlink undone");
		assertThat(this.people.recordsOf(person[0])).containsExactlyInAnyOrder(person[0], person[1]);
		assertThat(this.people.linksOf(person[0])).extracting(RecordLink::method).containsOnly("IDENTIFIER");
		assertThat(this.linkage.candidate(person[0], person[1])).get()
			.extracting(LinkCandidate::status, LinkCandidate::decidedBy)
			.containsExactly(LinkCandidate.Status.LINKED, null);
		// Once.
		assertThat(followed(page, page.post(undo, Map.of()))).contains("undone already");
	}

	/** The page a redirect leads to, as a browser follows it. */
	private static String followed(PageClient page, Response redirect) {
		assertThat(redirect.location()).as("redirect").isNotNull();
		return page.get(redirect.location().replaceAll("#.*", "")).body();
	}

	/** Two records the matcher was unsure of: queued, not linked. */
	private PatientId[] borderlinePair(String family, String born) {
		String[] day = born.split("-");
		PatientId hospital = importPatient("la-hospital-" + family,
				aPatient("h1").named("Walter", family)
					.born(born)
					.sex("male")
					.livingAt(NEXT.incrementAndGet() + " " + family + " Rd", "Lowell", "01850")
					.phone("555-301-" + (1000 + NEXT.incrementAndGet())));
		PatientId pharmacy = importPatient("la-pharmacy-" + family,
				aPatient("p1").named("Walt", family)
					.born(day[0] + "-" + day[2] + "-" + day[1])
					.sex("male")
					.livingAt(NEXT.incrementAndGet() + " " + family + " Ave", "Worcester", "01604")
					.phone("555-302-" + (1000 + NEXT.incrementAndGet())));
		assertThat(this.linkage.candidate(hospital, pharmacy)).get()
			.extracting(LinkCandidate::status)
			.isEqualTo(LinkCandidate.Status.PENDING);
		return new PatientId[] { hospital, pharmacy };
	}

	/** Two records linked on a shared SSN. */
	private PatientId[] linkedPair(String family, String born, String ssn) {
		PatientId hospital = importPatient("la-hospital-" + family,
				aPatient("h1").named("Halina", family).born(born).sex("female").ssn(ssn));
		PatientId clinic = importPatient("la-clinic-" + family,
				aPatient("c1").named("Halina", family).born(born).sex("female").ssn(ssn));
		assertThat(this.people.recordsOf(hospital)).containsExactlyInAnyOrder(hospital, clinic);
		return new PatientId[] { hospital, clinic };
	}

	private PatientId importPatient(String source, PatientBundle bundle) {
		this.fhirImport.importBundle(bundle.json(), source, "test");
		String id = new String(bundle.json(), java.nio.charset.StandardCharsets.UTF_8)
			.replaceAll("(?s).*?\"resourceType\":\"Patient\",\"id\":\"([^\"]+)\".*", "$1");
		return new PatientId(new RecordKey(source, "Patient", id).id());
	}

	private String user(Role role) {
		String name = "linkage-attack-" + NEXT.incrementAndGet();
		this.accounts.create(name, "Linkage Attack Test", PASSWORD, Set.of(role), null);
		return name;
	}

	/** Signed in from an address of its own, with a fresh CSRF token. */
	private PageClient signedIn(String user) {
		int n = NEXT.incrementAndGet();
		PageClient page = new PageClient(this.port, "127.0.9." + (2 + n % 250));
		assertThat(page.signIn(user, PASSWORD).redirectsTo("/")).isTrue();
		page.get("/linkage");
		return page;
	}

	private AuditEntry lastAudit(String user, PatientId patient) {
		List<AuditEntry> entries = this.audit.search(new AuditQuery(user, patient, null, null, "time", true, 1));
		assertThat(entries).as("audit of " + user + " on " + patient).isNotEmpty();
		return entries.get(0);
	}

}
