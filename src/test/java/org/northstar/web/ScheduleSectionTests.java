package org.northstar.web;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.cli.DemoCaseload;
import org.northstar.patient.Patients;
import org.northstar.shared.PatientId;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The patient page's schedule section (issue 17): Robert's dialysis shown, a proposed
 * cardiology visit after his recovery booked from the proposal, a conflicting time
 * refused until a reason is given, and the section refused to a coordinator who is not
 * his.
 */
class ScheduleSectionTests extends NorthstarTest {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	Patients patients;

	PatientId robert;

	PageClient ben;

	LocalDate monday = LocalDate.now(ZoneId.of(PRACTICE_ZONE))
		.plusDays(3)
		.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
		.plusWeeks(2);

	@BeforeEach
	void signIn() {
		DemoCaseload.load(this.context);
		this.robert = demoPatient(this.patients, "RGH00731542");
		this.ben = new PageClient(this.port, "127.0.0.1");
		this.ben.signIn("ben", "demo-ben-2026");
	}

	@Test
	void loadsTheSectionFromThePatientPage() {
		assertThat(this.ben.getPage("/patients/" + this.robert).body())
			.contains("hx-get=\"/patients/" + this.robert + "/schedule\"");

		PageClient.Response section = this.ben.get("/patients/" + this.robert + "/schedule");

		assertThat(section.status()).isEqualTo(200);
		assertThat(this.ben.get("/patients/" + this.robert + "/schedule/needs").body())
			.contains("dialysis 06:00–10:00 + 2 h recovery")
			.contains("MON, WED, FRI");
		// One section, the person's: htmx swaps in the first element of the answer, and a
		// fragment named like an element ("section") also selected the refusal above it.
		assertThat(section.body()).doesNotContain("You do not have access")
			.startsWith("<section class=\"card schedule\"");
	}

	@Test
	void proposesAndBooksACardiologyVisitAfterDialysisRecovery() {
		this.ben.get("/patients/" + this.robert + "/schedule");

		PageClient.Response proposal = this.ben.post("/patients/" + this.robert + "/schedule/proposal",
				Map.of("type", "cardiology", "earliest", this.monday.toString(), "latest", this.monday.toString()));

		assertThat(proposal.body()).contains("1 trip").contains("Book");
		Map<String, String> booking = hiddenFields(proposal.body());
		assertThat(booking.get("start")).startsWith(this.monday + "T1");
		assertThat(booking.get("start").substring(11, 13)).isGreaterThanOrEqualTo("12");

		PageClient.Response booked = this.ben.post("/patients/" + this.robert + "/schedule/appointments", booking);

		assertThat(booked.body()).contains("Booked: <span>cardiology</span>");
	}

	@Test
	void refusesAConflictingTimeUntilAReasonIsGiven() {
		this.ben.get("/patients/" + this.robert + "/schedule");
		Map<String, String> booking = new LinkedHashMap<>();
		booking.put("type", "cardiology");
		booking.put("provider", "cardiology-patel");
		booking.put("start", this.monday.plusDays(2) + "T09:00:00-05:00");
		booking.put("end", this.monday.plusDays(2) + "T09:30:00-05:00");
		booking.put("mode", "IN_PERSON");

		PageClient.Response refused = this.ben.post("/patients/" + this.robert + "/schedule/appointments", booking);
		booking.put("overrideReason", "Cardiologist asked for this morning");
		PageClient.Response overridden = this.ben.post("/patients/" + this.robert + "/schedule/appointments", booking);

		assertThat(refused.body()).contains("This time conflicts").contains("overlaps dialysis");
		assertThat(overridden.body()).contains("Booked: <span>cardiology</span>")
			.contains("Booked despite conflicts: Cardiologist asked for this morning");
	}

	@Test
	void refusesTheSectionToACoordinatorWhoIsNotHis() {
		PageClient ana = new PageClient(this.port, "127.0.0.1");
		ana.signIn("ana", "demo-ana-2026");

		PageClient.Response section = ana.get("/patients/" + this.robert + "/schedule");

		assertThat(section.status()).isEqualTo(403);
		assertThat(section.body()).doesNotContain("dialysis");
	}

	/** The hidden fields of the first booking form of a proposal. */
	static Map<String, String> hiddenFields(String html) {
		int form = html.indexOf("class=\"proposal\"");
		Matcher m = Pattern.compile("<input type=\"hidden\" name=\"(\\w+)\" value=\"([^\"]*)\">")
			.matcher(html.substring(form));
		Map<String, String> fields = new LinkedHashMap<>();
		while (m.find() && !fields.containsKey(m.group(1))) {
			fields.put(m.group(1), m.group(2));
		}
		return fields;
	}

	/**
	 * The demo's record with the MRN (other tests may import records with the same one).
	 */
	static PatientId demoPatient(Patients patients, String mrn) {
		List<PatientId> demo = patients.fromSource("demo");
		return patients.findByIdentifier("urn:oid:2.16.840.1.113883.19.5.1", mrn)
			.stream()
			.filter(demo::contains)
			.findFirst()
			.orElseThrow();
	}

}
