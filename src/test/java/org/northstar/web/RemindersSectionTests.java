package org.northstar.web;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditTrail;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.scheduling.Appointments;
import org.northstar.scheduling.Clinics;
import org.northstar.scheduling.Commitments;
import org.northstar.scheduling.Coordinates;
import org.northstar.scheduling.Location;
import org.northstar.scheduling.NewAppointment;
import org.northstar.scheduling.Preferences;
import org.northstar.scheduling.Provider;
import org.northstar.scheduling.SmsReminders;
import org.northstar.scheduling.Transport;
import org.northstar.scheduling.TravelAndPreferences;
import org.northstar.scheduling.TravelMode;
import org.northstar.scheduling.TravelTimes;
import org.northstar.scheduling.VisitMode;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;
import org.northstar.worklist.Today;
import org.northstar.worklist.TodayRow;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * A person who needs the ride program: each in-person visit booked puts "book the ride"
 * on the coordinator's Today, by the program's deadline, until she marks it booked in the
 * patient page's "Reminders and rides" section, which also shows the visit's reminders.
 */
class RemindersSectionTests extends NorthstarTest {

	private static final String PASSWORD = "long-enough-password";

	private static final AtomicInteger NEXT = new AtomicInteger();

	private static final ZoneId ZONE = ZoneId.of(PRACTICE_ZONE);

	private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

	private static final Coordinates HOME = new Coordinates(39.98, -82.97);

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

	@Autowired
	Clinics clinics;

	@Autowired
	Commitments commitments;

	@Autowired
	Appointments appointments;

	@Autowired
	TravelTimes travel;

	@Autowired
	AuditTrail audit;

	@Autowired
	SmsReminders sms;

	@Autowired
	JdbcClient jdbc;

	PatientId robert;

	String coordinator;

	Provider cardiology;

	@BeforeEach
	void aPersonOnTheRideProgram() {
		int n = NEXT.incrementAndGet();
		String source = "rides-" + n + "-" + UUID.randomUUID();
		this.fhirImport.importBundle(aPatient("p").named("Rodrigo", "Rideprogram" + (char) ('a' + n))
			.born((1945 + n) + "-03-04")
			.phone("614-555-0" + (140 + n))
			.json(), source, "test");
		this.robert = new PatientId(new RecordKey(source, "Patient", "p").id());
		this.commitments
			.saveTravel(
					this.robert, new TravelAndPreferences(new Transport(true, 48, LocalTime.of(7, 0),
							LocalTime.of(18, 0), Set.of(DayOfWeek.values()), false, null, HOME), Preferences.NONE),
					"test");
		this.coordinator = "rides-" + n;
		this.accounts.create(this.coordinator, "Ride Tester " + n, PASSWORD, Set.of(Role.COORDINATOR), null);
		this.caseloads.assign(this.robert, this.coordinator, Relation.COORDINATOR);
		// No sessions and a specialty of its own: the visits are booked with a reason,
		// and other tests' proposals for cardiology never meet this clinic.
		this.cardiology = new Provider(
				"rides-heart-" + n, "Dr Heart", "cardiology (ride tests)", new Location("rides-clinic-" + n,
						"Millbrook Heart Center", "200 Main Street", new Coordinates(39.96, -82.99)),
				false, List.of(), List.of(), List.of(), Map.of());
		this.clinics.save(this.cardiology);
	}

	@Test
	void aRideToBookIsOnTodayByTheProgramsDeadlineUntilMarkedBookedOnThePatientPage() {
		ZonedDateTime visit = ZonedDateTime.now(ZONE).plusDays(10).withHour(10).withMinute(0).withSecond(0).withNano(0);
		UUID appointment = book(visit);
		ZonedDateTime pickup = visit
			.minus(this.travel.between(HOME, this.cardiology.location().coordinates(), TravelMode.RIDE));
		PageClient page = signedIn(this.coordinator);

		assertThat(ridesOnToday()).containsExactly("Book the ride for the cardiology visit on " + MOMENT.format(visit)
				+ " by " + MOMENT.format(pickup.minusHours(48)) + " (the program needs 48 h notice before the "
				+ pickup.toLocalTime() + " pickup)");
		PageClient.Response section = page.get("/patients/" + this.robert + "/reminders");
		assertThat(section.status()).isEqualTo(200);
		assertThat(section.body()).contains("Book by " + MOMENT.format(pickup.minusHours(48)))
			.contains("2 days before")
			.contains("2 hours before")
			.contains("planned");

		PageClient.Response marked = page.post("/patients/" + this.robert + "/reminders/rides/" + appointment,
				Map.of());

		assertThat(marked.status()).isEqualTo(200);
		assertThat(marked.body()).contains("Booked by " + this.coordinator).doesNotContain("Book by");
		assertThat(ridesOnToday()).isEmpty();
		assertThat(this.audit.search(new AuditQuery(this.coordinator, this.robert, null, null, "time", true, 10)))
			.anySatisfy(e -> {
				assertThat(e.record().action()).isEqualTo(AuditAction.UPDATE);
				assertThat(e.record().detail()).isEqualTo("ride booked for appointment " + appointment);
			})
			.anySatisfy(e -> assertThat(e.record().detail()).isEqualTo("appointment reminders and rides"));
	}

	@Test
	void aRideWithNoticeInBusinessDaysIsDueByTheCutOffOnTheBusinessDayItCountsBackTo() {
		this.commitments
			.saveTravel(this.robert,
					new TravelAndPreferences(new Transport(true, 0, 2, LocalTime.of(17, 0), LocalTime.of(7, 0),
							LocalTime.of(18, 0), Set.of(DayOfWeek.values()), false, null, HOME), Preferences.NONE),
					"test");
		ZonedDateTime visit = ZonedDateTime.now(ZONE).plusDays(10).withHour(10).withMinute(0).withSecond(0).withNano(0);
		book(visit);
		LocalDate pickupDay = visit
			.minus(this.travel.between(HOME, this.cardiology.location().coordinates(), TravelMode.RIDE))
			.toLocalDate();
		// No holidays are configured for the tests: two weekdays before the pickup's day.
		LocalDate due = pickupDay;
		int counted = 0;
		while (counted < 2) {
			due = due.minusDays(1);
			if (due.getDayOfWeek() != DayOfWeek.SATURDAY && due.getDayOfWeek() != DayOfWeek.SUNDAY) {
				counted++;
			}
		}
		ZonedDateTime bookBy = ZonedDateTime.of(due, LocalTime.of(17, 0), ZONE);

		assertThat(ridesOnToday()).containsExactly("Book the ride for the cardiology visit on " + MOMENT.format(visit)
				+ " by " + MOMENT.format(bookBy) + " (the program needs 2 business days' notice, by 17:00)");
		assertThat(
				signedIn(this.coordinator).get("/patients/" + this.robert + "/reminders").body().replace("&#39;", "'"))
			.contains("Book by " + MOMENT.format(bookBy) + " (the program needs 2 business days' notice, by 17:00)");
	}

	@Test
	void saysAtOnceWhenTheProgramsNoticeHadAlreadyRunOutWhenTheVisitWasBooked() {
		ZonedDateTime visit = ZonedDateTime.now(ZONE).plusDays(1).withHour(11).withMinute(0).withSecond(0).withNano(0);

		book(visit);

		assertThat(ridesOnToday()).singleElement()
			.satisfies(what -> assertThat(what)
				.startsWith("Too late to book the ride for the cardiology visit on " + MOMENT.format(visit))
				.endsWith("Call the program, or move the visit"));
	}

	@Test
	void refusesAnotherCoordinatorTheSectionAndTheRide() {
		UUID appointment = book(ZonedDateTime.now(ZONE).plusDays(12).withHour(10).withMinute(0));
		String other = "rides-other-" + NEXT.incrementAndGet();
		this.accounts.create(other, "Other " + other, PASSWORD, Set.of(Role.COORDINATOR), null);
		PageClient page = signedIn(other);

		PageClient.Response section = page.get("/patients/" + this.robert + "/reminders");
		page.getPage("/today");
		PageClient.Response marked = page.post("/patients/" + this.robert + "/reminders/rides/" + appointment,
				Map.of());

		assertThat(section.status()).isEqualTo(403);
		assertThat(section.body()).doesNotContain("cardiology");
		assertThat(marked.status()).isEqualTo(403);
		assertThat(ridesOnToday()).hasSize(1);
	}

	@Test
	void theCoordinatorRecordsAnOptOutOfTextRemindersAndSeesItWithWhoAndWhen() {
		PageClient page = signedIn(this.coordinator);
		assertThat(page.get("/patients/" + this.robert + "/reminders").body())
			.contains("Text reminders: on, never in the quiet hours (21:00–08:00).");

		PageClient.Response off = page.post("/patients/" + this.robert + "/reminders/sms", Map.of("optedOut", "true"));

		assertThat(off.status()).isEqualTo(200);
		assertThat(off.body()).contains("Text reminders: off. The person opted out of text reminders, ")
			.contains("(" + this.coordinator + ")")
			.contains("They opted back in to text reminders");
		assertThat(this.sms.optedOut(this.robert)).isTrue();
		assertThat(this.audited(this.coordinator)).contains("text reminders: opted out, as the person told");

		page.post("/patients/" + this.robert + "/reminders/sms", Map.of("optedOut", "false"));
		assertThat(this.sms.optedOut(this.robert)).isFalse();
		assertThat(this.sms.history(this.robert)).extracting(SmsReminders.Choice::optedOut)
			.containsExactly(false, true);
	}

	@Test
	void answersAnUnknownPersonAsItAnswersSomeoneElsesSoNoOneLearnsWhoExists() {
		String other = "rides-other-" + NEXT.incrementAndGet();
		this.accounts.create(other, "Other " + other, PASSWORD, Set.of(Role.COORDINATOR), null);
		PageClient page = signedIn(other);

		PageClient.Response unknown = page.get("/patients/" + UUID.randomUUID() + "/reminders");
		PageClient.Response someoneElses = page.get("/patients/" + this.robert + "/reminders");

		assertThat(unknown.status()).isEqualTo(403).isEqualTo(someoneElses.status());
		assertThat(unknown.body()).contains("You do not have access to this person's reminders.");
	}

	private List<String> ridesOnToday() {
		return this.today.forUser(this.accounts.find(this.coordinator).orElseThrow())
			.stream()
			.filter(row -> row.person().equals(this.robert))
			.flatMap(row -> row.reasons().stream())
			.filter(r -> r.kind() == TodayRow.Kind.RIDE_TO_BOOK)
			.map(TodayRow.Reason::what)
			.toList();
	}

	private UUID book(ZonedDateTime start) {
		return this.appointments
			.book(new NewAppointment(this.robert, this.cardiology.id(), null, "cardiology", start,
					start.plus(Duration.ofMinutes(30)), VisitMode.IN_PERSON, "ride tests", null), "ride-tests")
			.appointment()
			.id();
	}

	private List<String> audited(String user) {
		return this.jdbc
			.sql("select detail from audit_event where username = ? and action = 'UPDATE' and outcome = 'SUCCESS'")
			.param(user)
			.query(String.class)
			.list();
	}

	private PageClient signedIn(String username) {
		PageClient page = new PageClient(this.port, "127.0.18." + (2 + NEXT.incrementAndGet() % 250));
		assertThat(page.signIn(username, PASSWORD).status()).isEqualTo(302);
		return page;
	}

}
