package org.northstar.ingest;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.scheduling.Appointments;
import org.northstar.scheduling.Calendars;
import org.northstar.scheduling.Choreographer;
import org.northstar.scheduling.Clinics;
import org.northstar.scheduling.Conflict;
import org.northstar.scheduling.NeededVisit;
import org.northstar.scheduling.Proposal;
import org.northstar.scheduling.Provider;
import org.northstar.scheduling.ScheduleRequest;
import org.northstar.scheduling.VisitMode;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * FHIR Schedule and Slot (issue 17): an imported schedule becomes a provider whose free
 * slots are offered and whose busy slots block, in proposals and conflict checks alike;
 * importing again changes nothing and a slot sent again replaces itself; a schedule
 * without where or what (optional in FHIR), and a slot whose schedule is nowhere, are
 * kept as sent and take no part in scheduling.
 */
class CalendarImportTests extends NorthstarTest {

	static final ZoneId PRACTICE = ZoneId.of(PRACTICE_ZONE);

	@Autowired
	FhirImport fhirImport;

	@Autowired
	Clinics clinics;

	@Autowired
	Appointments appointments;

	@Autowired
	Choreographer choreographer;

	@Autowired
	JdbcClient jdbc;

	final LocalDate tuesday = LocalDate.now(PRACTICE).plusDays(3).with(TemporalAdjusters.next(DayOfWeek.TUESDAY));

	final LocalDate thursday = this.tuesday.plusDays(2);

	@Test
	void freeSlotsAreOfferedAndBusySlotsBlock() {
		PatientId person = importCalendar("calendar-offered", "free", "sleep medicine");
		String providerId = providerOf("calendar-offered");
		Provider provider = this.clinics.provider(providerId).orElseThrow();
		assertThat(provider.name()).isEqualTo("Dr Noor Haddad");
		assertThat(provider.specialty()).isEqualTo("sleep medicine");
		assertThat(provider.location().name()).isEqualTo("Lakeside Sleep Lab");
		assertThat(provider.location().coordinates().latitude()).isEqualTo(39.9721);

		Proposal proposal = this.choreographer.propose(person, new ScheduleRequest(List
			.of(new NeededVisit("sleep medicine", null, 30, this.tuesday.minusDays(1), this.tuesday.plusDays(5), null)),
				List.of(), null, 0, 2000L));

		assertThat(proposal.unplaced()).isEmpty();
		assertThat(proposal.visits()).singleElement()
			.satisfies(v -> assertThat(v.start()).isIn(at(this.tuesday, 10, 0), at(this.thursday, 14, 0)));
		assertThat(conflicts(person, providerId, at(this.tuesday, 10, 0))).isEmpty();
		assertThat(conflicts(person, providerId, at(this.tuesday, 10, 30))).extracting(Conflict::kind)
			.containsExactly(Conflict.Kind.OPENING_HOURS, Conflict.Kind.PROVIDER_BOOKED);
		assertThat(conflicts(person, providerId, at(this.tuesday, 10, 30)).get(1).explanation())
			.endsWith("Dr Noor Haddad is busy 10:30–11:00 in its calendar");
		assertThat(conflicts(person, providerId, at(this.tuesday.plusDays(1), 10, 0))).singleElement()
			.satisfies(c -> assertThat(c.kind()).isEqualTo(Conflict.Kind.OPENING_HOURS));

		// Hours entered on the page are kept beside the calendar, and a busy slot
		// still blocks inside them.
		this.clinics.save(new Provider(providerId, provider.name(), provider.specialty(), provider.location(), false,
				List.of(), List.of(new Provider.Session(DayOfWeek.TUESDAY, LocalTime.of(8, 0), LocalTime.of(12, 0))),
				List.of(), null));
		assertThat(conflicts(person, providerId, at(this.tuesday, 11, 0))).isEmpty();
		assertThat(conflicts(person, providerId, at(this.tuesday, 10, 30))).extracting(Conflict::kind)
			.containsExactly(Conflict.Kind.PROVIDER_BOOKED);
	}

	@Test
	void importingAgainChangesNothingAndASlotSentAgainReplacesItself() {
		PatientId person = importCalendar("calendar-again", "free", "pulmonology");
		String providerId = providerOf("calendar-again");
		importCalendar("calendar-again", "free", "pulmonology");
		assertThat(slotsOf(providerId)).isEqualTo(3);
		assertThat(this.jdbc.sql("select count(*) from clinic_provider where id like 'schedule-%' and specialty = ?")
			.param("pulmonology")
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(conflicts(person, providerId, at(this.thursday, 14, 0))).isEmpty();

		importCalendar("calendar-again", "busy-unavailable", "pulmonology");

		assertThat(slotsOf(providerId)).isEqualTo(3);
		assertThat(conflicts(person, providerId, at(this.thursday, 14, 0))).extracting(Conflict::kind)
			.containsExactly(Conflict.Kind.OPENING_HOURS, Conflict.Kind.PROVIDER_BOOKED);
	}

	@Test
	void aSlotWhoseScheduleIsNowhereIsKeptAsSentAndOffersNothing() {
		String bundle = """
				{"resourceType": "Bundle", "type": "collection", "entry": [
				 {"resource": {"resourceType": "Practitioner", "id": "dr-lost", "name": [{"family": "Lost"}]}},
				 {"fullUrl": "urn:uuid:0a1b0000-0000-4000-8000-0000000005a1", "resource": {"resourceType": "Slot",
				   "id": "slot-lost", "schedule": {"reference": "Schedule/nowhere"}, "status": "free",
				   "start": "%s", "end": "%s"}}
				]}
				""".formatted(at(this.tuesday, 9, 0).toOffsetDateTime(), at(this.tuesday, 9, 30).toOffsetDateTime());

		this.fhirImport.importBundle(bundle.getBytes(StandardCharsets.UTF_8), "calendar-lost", "test");

		assertThat(this.jdbc.sql("select count(*) from source_resource where source = 'calendar-lost'")
			.query(Integer.class)
			.single()).isEqualTo(2);
		assertThat(this.jdbc.sql("select count(*) from clinic_slot where id = ?")
			.param(new RecordKey("calendar-lost", "Slot", "slot-lost").id())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aScheduleWithoutWhereOrWhatIsKeptAsSentButIsNoCalendar() {
		// Optional in FHIR and often missing: the Location's position, and the specialty.
		String noPosition = calendar("calendar-nowhere", "free", "geriatrics")
			.replaceAll(",\\s*\"position\": \\{[^}]*\\}", "");
		String noSpecialty = calendar("calendar-nothing", "free", "nephrology")
			.replace("\"specialty\": [{\"text\": \"nephrology\"}],", "");

		this.fhirImport.importBundle(noPosition.getBytes(StandardCharsets.UTF_8), "calendar-nowhere", "test");
		this.fhirImport.importBundle(noSpecialty.getBytes(StandardCharsets.UTF_8), "calendar-nothing", "test");

		for (String source : List.of("calendar-nowhere", "calendar-nothing")) {
			assertThat(this.jdbc.sql("select count(*) from source_resource where source = ? and resource_type = 'Slot'")
				.param(source)
				.query(Integer.class)
				.single()).as(source).isEqualTo(3);
			assertThat(slotsOf(providerOf(source))).as(source).isZero();
			assertThat(this.jdbc.sql("select count(*) from clinic_provider where id = ?")
				.param(providerOf(source))
				.query(Integer.class)
				.single()).as(source).isZero();
		}
	}

	private PatientId importCalendar(String source, String thursdayStatus, String specialty) {
		this.fhirImport.importBundle(calendar(source, thursdayStatus, specialty).getBytes(StandardCharsets.UTF_8),
				source, "test");
		return new PatientId(new RecordKey(source, "Patient", "sleeper-1").id());
	}

	private static String providerOf(String source) {
		return Calendars.providerIdOf(new RecordKey(source, "Schedule", "haddad-schedule").id());
	}

	private int slotsOf(String providerId) {
		return this.jdbc.sql("select count(*) from clinic_slot where provider_id = ?")
			.param(providerId)
			.query(Integer.class)
			.single();
	}

	private List<Conflict> conflicts(PatientId person, String providerId, ZonedDateTime start) {
		return this.appointments.check(person, providerId, null, start, start.plusMinutes(30), VisitMode.IN_PERSON,
				(UUID) null);
	}

	private static ZonedDateTime at(LocalDate day, int hour, int minute) {
		return ZonedDateTime.of(day, LocalTime.of(hour, minute), PRACTICE);
	}

	/**
	 * A person, a practitioner, a schedule for her at a location listed after it, and
	 * three slots: Tuesday 10:00 free, 10:30 busy, Thursday 14:00 as given.
	 */
	private String calendar(String source, String thursdayStatus, String specialty) {
		return """
				{"resourceType": "Bundle", "type": "collection", "entry": [
				 {"resource": {"resourceType": "Patient", "id": "sleeper-1",
				   "name": [{"family": "Ekwueme-%1$s", "given": ["Adaeze"]}], "birthDate": "1958-04-11"}},
				 {"resource": {"resourceType": "Practitioner", "id": "haddad",
				   "name": [{"prefix": ["Dr"], "given": ["Noor"], "family": "Haddad"}]}},
				 {"resource": {"resourceType": "Slot", "id": "tue-free", "schedule": {"reference": "Schedule/haddad-schedule"},
				   "status": "free", "start": "%2$s", "end": "%3$s"}},
				 {"resource": {"resourceType": "Schedule", "id": "haddad-schedule",
				   "actor": [{"reference": "Practitioner/haddad"}, {"reference": "Location/lakeside"}],
				   "specialty": [{"text": "%7$s"}],
				   "planningHorizon": {"start": "%2$s", "end": "%6$s"}}},
				 {"resource": {"resourceType": "Slot", "id": "tue-busy", "schedule": {"reference": "Schedule/haddad-schedule"},
				   "status": "busy", "start": "%3$s", "end": "%4$s"}},
				 {"resource": {"resourceType": "Slot", "id": "thu", "schedule": {"reference": "Schedule/haddad-schedule"},
				   "status": "%8$s", "start": "%5$s", "end": "%6$s"}},
				 {"resource": {"resourceType": "Location", "id": "lakeside", "name": "Lakeside Sleep Lab",
				   "address": {"line": ["5 Lakeside Way"], "city": "Millbrook"},
				   "position": {"latitude": 39.9721, "longitude": -82.9512}}}
				]}
				"""
			.formatted(source, at(this.tuesday, 10, 0).toOffsetDateTime(), at(this.tuesday, 10, 30).toOffsetDateTime(),
					at(this.tuesday, 11, 0).toOffsetDateTime(), at(this.thursday, 14, 0).toOffsetDateTime(),
					at(this.thursday, 14, 30).toOffsetDateTime(), specialty, thursdayStatus);
	}

}
