package org.northstar.web;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.northstar.scheduling.Coordinates;
import org.northstar.scheduling.InvalidScheduleException;
import org.northstar.scheduling.Location;
import org.northstar.scheduling.Provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The clinics page's provider form: what a supervisor types becomes the whole provider,
 * and what is wrong is named by field and line.
 */
class ProviderFormTests {

	static final Location CLINIC = new Location("north-clinic", "North Clinic", "1 North Road",
			new Coordinates(39.99, -82.99));

	static final Map<String, Location> LOCATIONS = Map.of(CLINIC.id(), CLINIC);

	@Test
	void readsWeeklyHoursWithEveningAndSaturdaySessionsClosuresAndVisitTypes() {
		Provider p = form(
				Map.of(DayOfWeek.MONDAY, "8:00-12:00, 13:00–17:00", DayOfWeek.THURSDAY, "17:00 - 20:00",
						DayOfWeek.SATURDAY, "09:00–12:00"),
				"2026-12-24 to 2026-12-26 Christmas\n\n2026-12-31 New Year's Eve", "new patient: 60\nfollow-up: 20")
			.toProvider(LOCATIONS);

		assertThat(p.sessions()).containsExactly(session(DayOfWeek.MONDAY, 8, 12), session(DayOfWeek.MONDAY, 13, 17),
				session(DayOfWeek.THURSDAY, 17, 20), session(DayOfWeek.SATURDAY, 9, 12));
		assertThat(p.sessionsOn(DayOfWeek.THURSDAY).get(0).evening()).isTrue();
		assertThat(p.closures()).containsExactly(
				new Provider.Closure(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 26), "Christmas"),
				new Provider.Closure(LocalDate.of(2026, 12, 31), LocalDate.of(2026, 12, 31), "New Year's Eve"));
		assertThat(p.visitTypes()).containsExactlyInAnyOrderEntriesOf(Map.of("new patient", 60, "follow-up", 20));
		assertThat(p.languages()).containsExactly("en", "es-MX");
		assertThat(p.location()).isEqualTo(CLINIC);
		assertThat(p.telehealth()).isTrue();
	}

	@Test
	void aProviderShownOnTheFormReadsBackTheSame() {
		Provider p = form(Map.of(DayOfWeek.TUESDAY, "08:00–12:00, 17:00–20:00", DayOfWeek.SATURDAY, "09:00–12:00"),
				"2026-12-24 to 2026-12-26 Christmas", "new patient: 60")
			.toProvider(LOCATIONS);

		assertThat(ProviderForm.of(p).toProvider(LOCATIONS)).isEqualTo(p);
	}

	@Test
	void namesTheDayOfSessionsThatOverlapOrRunBackwards() {
		assertRefused(form(Map.of(DayOfWeek.TUESDAY, "08:00–12:00, 11:00–13:00"), "", ""), "hours-TUE",
				"Tuesday: the sessions 08:00–12:00 and 11:00–13:00 overlap");
		assertRefused(form(Map.of(DayOfWeek.FRIDAY, "17:00–09:00"), "", ""), "hours-FRI",
				"Friday: the session 17:00–09:00 ends before it starts");
		assertRefused(form(Map.of(DayOfWeek.SUNDAY, "morning"), "", ""), "hours-SUN",
				"Sunday: 'morning' is not a session");
		assertRefused(form(Map.of(DayOfWeek.MONDAY, "08:00–25:00"), "", ""), "hours-MON",
				"Monday: '25:00' is not a time of day");
	}

	@Test
	void namesTheLineOfAClosureOrVisitTypeThatIsWrong() {
		assertRefused(form(Map.of(), "2026-12-24 Christmas Eve\n2026-12-31 to 2026-12-30 New Year", ""), "closures",
				"Closures, line 2: 2026-12-30 is before 2026-12-31");
		assertRefused(form(Map.of(), "2026-02-30 Leave", ""), "closures",
				"Closures, line 1: '2026-02-30' is not a date");
		assertRefused(form(Map.of(), "2026-12-24", ""), "closures", "Closures, line 1: give the reason");
		assertRefused(form(Map.of(), "2026-12-20 to 2026-12-27 Leave\n2026-12-24 Christmas Eve", ""), "closures",
				"Closures, line 2: it overlaps the closure from 2026-12-20 (Leave)");
		assertRefused(form(Map.of(), "", "new patient: 60\nfollow-up: 2"), "visitTypes",
				"Visit types, line 2: follow-up takes 2 min; a visit takes 5 to 480 min");
		assertRefused(form(Map.of(), "", "new patient"), "visitTypes", "Visit types, line 1: 'new patient' needs");
		assertRefused(form(Map.of(), "", "echo: 45\nEcho: 30"), "visitTypes",
				"Visit types, line 2: Echo is listed twice");
	}

	@Test
	void namesTheFieldOfAMissingNameSpecialtyLocationOrABadIdOrLanguage() {
		assertRefused(
				new ProviderForm("", "Dr Who", "Dr Who", "cardiology", "north-clinic", false, "", Map.of(), "", ""),
				"id", "The id 'dr who' must be");
		assertRefused(new ProviderForm("", "dr-who", " ", "cardiology", "north-clinic", false, "", Map.of(), "", ""),
				"name", "A provider needs a name");
		assertRefused(new ProviderForm("", "dr-who", "Dr Who", "", "north-clinic", false, "", Map.of(), "", ""),
				"specialty", "A provider needs a specialty");
		assertRefused(new ProviderForm("", "dr-who", "Dr Who", "cardiology", "south", false, "", Map.of(), "", ""),
				"location", "There is no location south");
		assertRefused(new ProviderForm("", "dr-who", "Dr Who", "cardiology", "north-clinic", false, "en, español",
				Map.of(), "", ""), "languages", "'español' is not a language tag");
	}

	private static ProviderForm form(Map<DayOfWeek, String> hours, String closures, String visitTypes) {
		return new ProviderForm("", "north-cardiology", "Dr North", "cardiology", "north-clinic", true, "en, es-MX",
				hours, closures, visitTypes);
	}

	private static void assertRefused(ProviderForm form, String field, String message) {
		assertThatThrownBy(() -> form.toProvider(LOCATIONS)).isInstanceOfSatisfying(InvalidScheduleException.class,
				ex -> {
					assertThat(ex.field()).isEqualTo(field);
					assertThat(ex.getMessage()).contains(message);
				});
	}

	private static Provider.Session session(DayOfWeek day, int from, int to) {
		return new Provider.Session(day, LocalTime.of(from, 0), LocalTime.of(to, 0));
	}

}
