package org.northstar.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;
import org.northstar.careplan.CarePlan;
import org.northstar.careplan.CarePlans;
import org.northstar.careplan.CareTeamMember;
import org.northstar.careplan.CareTeams;
import org.northstar.careplan.Channel;
import org.northstar.careplan.MemberDraft;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.patient.People;
import org.northstar.patient.RecordLinkage;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;
import org.northstar.support.PatientBundle;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * The patient page's contacts and history section (issue 14): caregivers and next of kin
 * with phones to call, allergy reactions, each episode of a problem in the clinician's
 * words, and documents, exactly as a source sent them; refused and audited for a
 * coordinator who is not the patient's.
 */
class ContactsSectionTests extends NorthstarTest {

	private static final String PASSWORD = "long-enough-password";

	private static final AtomicInteger NEXT = new AtomicInteger();

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final List<String> FAMILIES = List.of("Asante", "Boateng", "Mensah", "Owusu", "Appiah", "Darko",
			"Ofori", "Quaye");

	@LocalServerPort
	int port;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	Caseloads caseloads;

	@Autowired
	RecordLinkage linkage;

	@Autowired
	UserAccounts accounts;

	@Autowired
	AuditTrail audit;

	@Autowired
	CarePlans plans;

	@Autowired
	CareTeams teams;

	@Autowired
	People people;

	@Autowired
	Clock clock;

	String source;

	String hospitalSource;

	PatientId patient;

	String coordinator;

	@BeforeEach
	void importTheRecord() throws Exception {
		this.source = "contacts-" + NEXT.incrementAndGet();
		// Each test's patient unlike the others, so that record linkage keeps them apart.
		int n = NEXT.get();
		PatientBundle record = aPatient("k").named("Kwame", FAMILIES.get(n % FAMILIES.size()))
			.born((1930 + n % 60) + "-02-14")
			.withResource("""
					{"resourceType": "RelatedPerson", "id": "k-daughter", "patient": {"reference": "Patient/k"},
					 "relationship": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-RoleCode",
					   "code": "DAU", "display": "daughter"}]}],
					 "name": [{"given": ["Abena"], "family": "Contactson"}],
					 "telecom": [{"system": "phone", "value": "(614) 555-0142", "use": "mobile"},
					   {"system": "email", "value": "abena@example.org"},
					   {"system": "phone", "value": "614.555.0199", "use": "home"}]}""")
			.withResource(
					"""
							{"resourceType": "AllergyIntolerance", "id": "k-pen", "patient": {"reference": "Patient/k"},
							 "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
							   "code": "active"}]},
							 "criticality": "high", "category": ["medication"],
							 "code": {"text": "Penicillin G benzathine",
							   "coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "7980", "display": "Penicillin G"}]},
							 "reaction": [{"manifestation": [{"text": "Hives over the trunk"}], "severity": "moderate"}]}""")
			.withResource(
					"""
							{"resourceType": "Condition", "id": "k-htn-1", "subject": {"reference": "Patient/k"},
							 "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
							   "code": "resolved"}]},
							 "code": {"text": "BP high at work, per Dr. Osei",
							   "coding": [{"system": "http://snomed.info/sct", "code": "38341003", "display": "Hypertensive disorder"}]},
							 "onsetDateTime": "2019-04", "abatementDateTime": "2019-06-15"}""")
			.withResource(
					"""
							{"resourceType": "Condition", "id": "k-htn-2", "subject": {"reference": "Patient/k"},
							 "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
							   "code": "active"}]},
							 "code": {"coding": [{"system": "http://snomed.info/sct", "code": "38341003", "display": "Hypertensive disorder"}]},
							 "onsetDateTime": "2024-11-02"}""")
			.withResource(
					"""
							{"resourceType": "DocumentReference", "id": "k-ds", "status": "current",
							 "subject": {"reference": "Patient/k"},
							 "type": {"coding": [{"system": "http://loinc.org", "code": "18842-5", "display": "Discharge summary"}]},
							 "date": "2026-03-08T03:30:00Z",
							 "author": [{"display": "Dr. Amara Osei"}],
							 "content": [{"attachment": {"contentType": "application/pdf",
							   "url": "https://docs.example.org/ds/42", "title": "Stay for pneumonia"}}]}""");
		ObjectNode bundle = (ObjectNode) JSON.readTree(record.json());
		((ObjectNode) bundle.path("entry").path(0).path("resource")).set("contact", JSON.readTree("""
				[{"relationship": [{"text": "Neighbour, has a key"}],
				  "name": {"text": "Mrs. Pat Doyle"},
				  "telecom": [{"system": "phone", "value": "+1 614 555 0177"}]}]"""));
		this.fhirImport.importBundle(JSON.writeValueAsString(bundle).getBytes(StandardCharsets.UTF_8), this.source,
				"test");
		this.patient = new PatientId(new RecordKey(this.source, "Patient", "k").id());
		// The hospital's record of the same person, linked: its next of kin shows too.
		this.hospitalSource = this.source + "-hospital";
		this.fhirImport.importBundle(aPatient("h").named("Kwame", FAMILIES.get(n % FAMILIES.size()))
			.born((1930 + n % 60) + "-02-14")
			.withResource("""
					{"resourceType": "RelatedPerson", "id": "h-son", "patient": {"reference": "Patient/h"},
					 "relationship": [{"text": "Son (health care proxy)"}],
					 "name": [{"text": "Kofi Junior"}],
					 "telecom": [{"system": "phone", "value": "740-555-0163", "use": "work"}]}""")
			.json(), this.hospitalSource, "test");
		this.linkage.link(new PatientId(new RecordKey(this.hospitalSource, "Patient", "h").id()), this.patient, "test");
		this.coordinator = user();
		this.caseloads.assign(this.patient, this.coordinator, Relation.COORDINATOR);
	}

	@Test
	void showsContactsAllergyReactionsProblemEpisodesAndDocumentsAsSent() {
		PageClient page = signedIn(this.coordinator);
		// The section is the page's one place for problems and allergies: the older cards
		// that listed them again are gone.
		assertThat(page.getPage("/patients/" + this.patient).body())
			.contains("hx-get=\"/patients/" + this.patient + "/contacts\"")
			.doesNotContain("id=\"problems\"")
			.doesNotContain("id=\"allergies\"");

		PageClient.Response section = page.get("/patients/" + this.patient + "/contacts");

		assertThat(section.status()).isEqualTo(200);
		String html = section.body();
		// The Patient's own contact, and the RelatedPerson with both phones, to call.
		assertThat(html).contains("<span class=\"name\">Mrs. Pat Doyle</span>")
			.contains("<span class=\"relationship meta\">Neighbour, has a key</span>")
			.contains("<a href=\"tel:+16145550177\">+1 614 555 0177</a>")
			.contains("<span class=\"name\">Abena Contactson</span>")
			.contains("<span class=\"relationship meta\">daughter</span>")
			.contains("<a href=\"tel:(614)555-0142\">(614) 555-0142</a><span class=\"meta\"> (mobile)</span>")
			.contains("<a href=\"tel:614.555.0199\">614.555.0199</a><span class=\"meta\"> (home)</span>")
			.doesNotContain("abena@example.org")
			.contains("<span class=\"source\">" + this.source + "</span>")
			.contains("<span class=\"name\">Kofi Junior</span>")
			.contains("<span class=\"relationship meta\">Son (health care proxy)</span>")
			.contains("<a href=\"tel:740-555-0163\">740-555-0163</a><span class=\"meta\"> (work)</span>")
			.contains("<span class=\"source\">" + this.hospitalSource + "</span>");
		// The allergy in the source's words, with its reaction.
		assertThat(html).contains("<span class=\"substance\">Penicillin G benzathine</span>")
			.contains("<span> · high criticality</span><span class=\"category\"> · medication</span>")
			.contains(
					"<span class=\"manifestation\">Hives over the trunk</span><span class=\"severity\"> (moderate)</span>");
		// One problem for the code, with both episodes in order, each in its own words.
		assertThat(html.split("class=\"problem\"", -1)).hasSize(2);
		assertThat(html).contains("<span class=\"words\">Hypertensive disorder</span>")
			.contains("<span class=\"meta code\">http://snomed.info/sct|38341003</span>");
		int first = html.indexOf("BP high at work, per Dr. Osei: ");
		int second = html.indexOf("<time datetime=\"2024-11-02\">2 Nov 2024</time>");
		assertThat(first).isPositive().isLessThan(second);
		assertThat(html).contains("<span>resolved</span>")
			.contains("<time datetime=\"2019-04\">Apr 2019</time>")
			.contains("until <time datetime=\"2019-06-15\">15 Jun 2019</time>")
			.contains("<span>active</span>");
		// The document: its moment in the practice's zone (Ohio), linked to its URL.
		assertThat(html)
			.contains("<a href=\"https://docs.example.org/ds/42\" rel=\"noopener noreferrer\">Discharge summary</a>")
			.contains("<span>Stay for pneumonia</span>")
			.contains("<time datetime=\"2026-03-07T22:30-05:00\">7 Mar 2026 22:30</time>")
			.contains("<span> · Dr. Amara Osei</span>");
		assertThat(this.audit.search(new AuditQuery(this.coordinator, this.patient, null, null, "time", true, 10)))
			.anySatisfy(e -> {
				assertThat(e.record().detail()).isEqualTo("contacts and history");
				assertThat(e.record().action()).isEqualTo(AuditAction.READ);
				assertThat(e.record().outcome()).isEqualTo(Outcome.SUCCESS);
			});
	}

	@Test
	void showsTheCareTeamsCurrentMembersWithTheirPhoneEmailAndPreferredChannel() {
		LocalDate today = LocalDate.now(this.clock);
		CarePlan plan = this.plans.open(this.patient, this.people.recordsOf(this.patient), this.coordinator);
		this.teams.add(
				plan.id(), new MemberDraft(null, "Dr. Ruth Adeyemi", "Cardiologist", "Riverside Cardiology",
						"+1 614 555 0142", "r.adeyemi@riverside.example", Channel.FAX, today.minusDays(30)),
				this.coordinator);
		this.teams.add(plan.id(), new MemberDraft(this.coordinator, "Casey Coordinator", "Care coordinator", null, null,
				null, null, today.minusDays(30)), this.coordinator);
		CareTeamMember left = this.teams.add(plan.id(), new MemberDraft(null, "Dr. Gone Before", "Podiatrist", null,
				"614-555-0111", null, Channel.PHONE, today.minusDays(30)), this.coordinator);
		this.teams.end(plan.id(), left.id(), left.version(), today, "moved away", this.coordinator);

		String html = signedIn(this.coordinator).get("/patients/" + this.patient + "/contacts").body();

		assertThat(html).contains("<span class=\"name\">Dr. Ruth Adeyemi</span>")
			.contains("<span class=\"role meta\">Cardiologist</span>"
					+ "<span class=\"organisation meta\"> · Riverside Cardiology</span>")
			.contains("<a class=\"phone\" href=\"tel:+16145550142\">+1 614 555 0142</a>")
			.contains("<a class=\"email\" href=\"mailto:r.adeyemi@riverside.example\">r.adeyemi@riverside.example</a>")
			.contains("prefers <span class=\"channel\">fax</span>")
			.contains("<span class=\"name\">Casey Coordinator</span>")
			.doesNotContain("Dr. Gone Before")
			.doesNotContain("614-555-0111");
		assertThat(html.split("class=\"care-team-contact\"", -1)).hasSize(3);
	}

	@Test
	void refusesAnotherCoordinatorAndAuditsTheRefusal() {
		String other = user();

		PageClient.Response section = signedIn(other).get("/patients/" + this.patient + "/contacts");

		assertThat(section.status()).isEqualTo(403);
		assertThat(section.body()).contains("You may not see this person")
			.doesNotContain("555")
			.doesNotContain("Penicillin");
		assertThat(this.audit.search(new AuditQuery(other, this.patient, null, null, "time", true, 10)))
			.anySatisfy(e -> {
				assertThat(e.record().detail()).isEqualTo("contacts and history");
				assertThat(e.record().outcome()).isEqualTo(Outcome.DENIED);
			});
	}

	private String user() {
		String name = "contacts-" + NEXT.incrementAndGet();
		this.accounts.create(name, "Contacts Test " + name, PASSWORD, Set.of(Role.COORDINATOR), null);
		return name;
	}

	private PageClient signedIn(String username) {
		PageClient page = new PageClient(this.port, "127.0.17." + (2 + NEXT.incrementAndGet() % 250));
		assertThat(page.signIn(username, PASSWORD).status()).isEqualTo(302);
		return page;
	}

}
