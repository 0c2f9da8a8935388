package org.northstar.cli;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.northstar.patient.Patients;
import org.northstar.scheduling.Clinics;
import org.northstar.scheduling.Commitment;
import org.northstar.scheduling.Commitments;
import org.northstar.scheduling.Coordinates;
import org.northstar.scheduling.Location;
import org.northstar.scheduling.Preferences;
import org.northstar.scheduling.Provider;
import org.northstar.scheduling.Transport;
import org.northstar.scheduling.TravelAndPreferences;
import org.northstar.shared.PatientId;

import org.springframework.context.ApplicationContext;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;

/**
 * The demo's scheduling stories (issue 17): a cardiology and an endocrinology clinic and
 * a lab with their hours, Robert's dialysis with its recovery and his ride program, Jim's
 * shifts. Idempotent: saved again, it replaces what it saved before.
 */
final class DemoSchedules {

	private static final String RIVERSIDE_MRN = "urn:oid:2.16.840.1.113883.19.5.1";

	static final Location HEART_CENTER = new Location("millbrook-heart", "Millbrook Heart Center",
			"400 Hospital Drive, Millbrook, OH", new Coordinates(39.9612, -82.9988));

	static final Location ENDOCRINE = new Location("riverside-endocrine", "Riverside Endocrine Clinic",
			"1200 River Road, Millbrook, OH", new Coordinates(39.9870, -82.9400));

	private DemoSchedules() {
	}

	static void load(ApplicationContext context) {
		Clinics clinics = context.getBean(Clinics.class);
		clinics.save(new Provider("cardiology-patel", "Dr Anika Patel (cardiology)", "cardiology", HEART_CENTER, true,
				List.of("en", "hi"),
				List.of(session(MONDAY, 8, 12), session(MONDAY, 13, 17), session(TUESDAY, 8, 12),
						session(TUESDAY, 13, 17), session(WEDNESDAY, 8, 12), session(THURSDAY, 8, 12),
						session(THURSDAY, 17, 20), session(FRIDAY, 8, 12), session(SATURDAY, 9, 12)),
				List.of(), Map.of("cardiology", 30, "echocardiogram", 45)));
		clinics.save(new Provider("heart-lab", "Millbrook Heart Center lab", "lab", HEART_CENTER, false, List.of("en"),
				List.of(session(MONDAY, 7, 11), session(TUESDAY, 7, 11), session(WEDNESDAY, 7, 11),
						session(THURSDAY, 7, 11), session(FRIDAY, 7, 11), session(SATURDAY, 8, 10)),
				List.of(), Map.of("lab", 15)));
		clinics.save(new Provider("endocrinology-osei", "Dr Kwame Osei (endocrinology)", "endocrinology", ENDOCRINE,
				true, List.of("en", "es"),
				List.of(session(MONDAY, 8, 16), session(TUESDAY, 8, 16), session(TUESDAY, 17, 20),
						session(WEDNESDAY, 8, 16), session(FRIDAY, 8, 16), session(SATURDAY, 9, 12)),
				List.of(), Map.of("endocrinology", 45)));
		// More specialists, for a person who needs five of them: one trip or five.
		clinics.save(new Provider("nephrology-reyes", "Dr Lucia Reyes (nephrology)", "nephrology", HEART_CENTER, true,
				List.of("en", "es"),
				List.of(session(MONDAY, 8, 12), session(WEDNESDAY, 13, 17), session(FRIDAY, 8, 12)), List.of(),
				Map.of("nephrology", 30)));
		clinics.save(new Provider("ophthalmology-lin", "Dr Wei Lin (ophthalmology)", "ophthalmology", ENDOCRINE, false,
				List.of("en", "zh"),
				List.of(session(MONDAY, 13, 17), session(TUESDAY, 8, 12), session(THURSDAY, 13, 17)), List.of(),
				Map.of("ophthalmology", 30)));
		clinics.save(new Provider("podiatry-novak", "Dr Jana Novak (podiatry)", "podiatry", ENDOCRINE, false,
				List.of("en"), List.of(session(MONDAY, 9, 15), session(WEDNESDAY, 9, 15), session(THURSDAY, 9, 15)),
				List.of(), Map.of("podiatry", 30)));
		Patients patients = context.getBean(Patients.class);
		Commitments commitments = context.getBean(Commitments.class);
		for (PatientId robert : patients.findByIdentifier(RIVERSIDE_MRN, "RGH00731542")) {
			commitments.replace(robert, List.of(Commitment.weekly(Commitment.Kind.DIALYSIS,
					Set.of(MONDAY, WEDNESDAY, FRIDAY), LocalTime.of(6, 0), LocalTime.of(10, 0), 120)));
			commitments.saveTravel(robert, new TravelAndPreferences(new Transport(true, 48, LocalTime.of(7, 0),
					LocalTime.of(18, 0), Set.of(), false, 60, new Coordinates(39.9800, -82.9700)), Preferences.NONE),
					"demo");
		}
		for (PatientId jim : patients.findByIdentifier(RIVERSIDE_MRN, "RGH00658204")) {
			commitments.replace(jim, List.of(Commitment.weekly(Commitment.Kind.WORK,
					Set.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY), LocalTime.of(7, 0), LocalTime.of(17, 0), 0)));
			commitments.saveTravel(jim, new TravelAndPreferences(
					new Transport(false, 0, null, null, Set.of(), false, null, new Coordinates(39.9400, -83.0100)),
					new Preferences(true, true, true, "en")), "demo");
		}
	}

	private static Provider.Session session(DayOfWeek day, int from, int to) {
		return new Provider.Session(day, LocalTime.of(from, 0), LocalTime.of(to, 0));
	}

}
