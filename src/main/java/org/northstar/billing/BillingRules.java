package org.northstar.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.northstar.billing.BillingLine.Program;
import org.northstar.billing.BillingLine.Status;
import org.northstar.documentation.Consent;
import org.northstar.documentation.Interaction;
import org.northstar.documentation.Interaction.Activity;
import org.northstar.documentation.Interaction.Staff;
import org.northstar.worklist.TcmClock;
import org.northstar.worklist.TcmClock.Complexity;
import org.northstar.worklist.TcmClock.Standing;

/**
 * CMS's care-management billing rules for one person and one calendar month, with no
 * framework and no database: every rule, its source and where Northstar chose are in
 * {@code docs/billing.md}.
 */
final class BillingRules {

	/** 99490: the first 20 minutes of clinical staff time. */
	static final int CCM_FIRST = 20;

	/** 99439: each further full 20 minutes, at most twice a month. */
	static final int CCM_EACH_FURTHER = 20;

	static final int CCM_FURTHER_MAX = 2;

	/** 99487: the first 60 minutes of complex CCM; 99489 each further full 30. */
	static final int COMPLEX_FIRST = 60;

	static final int COMPLEX_EACH_FURTHER = 30;

	/**
	 * 99491 and 99424: 30 minutes personally by the practitioner; 99437, 99425 each 30
	 * more.
	 */
	static final int PRACTITIONER_FIRST = 30;

	static final int PRACTITIONER_EACH_FURTHER = 30;

	/** 99426: the first 30 minutes of clinical staff time; 99427 each further full 30. */
	static final int PCM_FIRST = 30;

	static final int PCM_EACH_FURTHER = 30;

	/** 99427 at most twice a month: Northstar's conservative reading, see the docs. */
	static final int PCM_FURTHER_MAX = 2;

	private BillingRules() {
	}

	static List<BillingLine> lines(PersonMonth person) {
		Instant from = person.month().atDay(1).atStartOfDay(person.zone()).toInstant();
		Instant to = person.month().plusMonths(1).atDay(1).atStartOfDay(person.zone()).toInstant();
		List<Interaction> month = person.interactions()
			.stream()
			.filter(i -> !i.startedAt().isBefore(from) && i.startedAt().isBefore(to))
			.toList();
		List<BillingLine> lines = new ArrayList<>();
		Optional<String> practitioners = moreThanOnePractitioner(month);
		List<BillingLine> ccm = program(person, Program.CCM, month, practitioners);
		List<BillingLine> pcm = program(person, Program.PCM, month, practitioners);
		if (billable(ccm) && billable(pcm)) {
			// CMS: CCM and PCM are not billed for one person in one month by one
			// practitioner, and one practitioner bills per person per month.
			pcm = pcm.stream()
				.map(line -> new BillingLine(line.patient(), line.name(), line.program(), line.code(), 0,
						line.minutes(), Status.INELIGIBLE,
						"CCM is billed this month: CCM and PCM are not billed for one person in one month"))
				.toList();
		}
		lines.addAll(ccm);
		lines.addAll(pcm);
		lines.addAll(tcm(person));
		return lines;
	}

	private static boolean billable(List<BillingLine> lines) {
		return lines.stream().anyMatch(line -> line.status() == Status.BILLABLE);
	}

	private static Optional<String> moreThanOnePractitioner(List<Interaction> month) {
		TreeSet<String> names = new TreeSet<>();
		for (Interaction interaction : month) {
			if (interaction.activity() != Activity.TCM && interaction.activity() != Activity.OTHER) {
				names.add(
						interaction.billingPractitioner() == null ? "the practice" : interaction.billingPractitioner());
			}
		}
		return names.size() > 1 ? Optional.of(String.join(", ", names)) : Optional.empty();
	}

	private static List<BillingLine> program(PersonMonth person, Program program, List<Interaction> month,
			Optional<String> practitioners) {
		Activity activity = Activity.valueOf(program.name());
		List<Interaction> documented = month.stream().filter(i -> i.activity() == activity).toList();
		LocalDate first = person.month().atDay(1);
		LocalDate last = person.month().atEndOfMonth();
		// CMS: a revocation takes effect at the end of the calendar month it is made in,
		// so a consent revoked on any day of this month still stands for this month.
		Optional<Consent> consent = person.consents()
			.stream()
			.filter(c -> c.program().name().equals(program.name()))
			.filter(c -> c.disclosuresGiven() && !c.obtainedOn().isAfter(last)
					&& (c.revokedOn() == null || !c.revokedOn().isBefore(first)))
			.min(Comparator.comparing(Consent::obtainedOn));
		if (documented.isEmpty() && consent.isEmpty()) {
			return List.of();
		}
		int all = minutes(documented, null);
		String firstCode = program == Program.CCM ? "99490" : "99426";
		if (consent.isEmpty()) {
			return List.of(ineligible(person, program, firstCode, all,
					"No " + program + " consent in force this month (none on file, or revoked before " + first + ")"));
		}
		int needed = program == Program.CCM ? 2 : 1;
		if (person.chronicConditions().size() < needed) {
			return List.of(ineligible(person, program, firstCode, all, program + " needs "
					+ (needed == 2 ? "two or more chronic conditions" : "one chronic condition")
					+ " expected to last at least 12 months; counted "
					+ (person.chronicConditions().isEmpty() ? "none" : String.join(", ", person.chronicConditions()))));
		}
		if (practitioners.isPresent()) {
			return List.of(ineligible(person, program, firstCode, all,
					"Time documented for more than one billing practitioner (" + practitioners.get()
							+ "): one practitioner bills care management per person per month"));
		}
		// CMS: consent is obtained before the service starts; time before it does not
		// count.
		LocalDate consentedOn = consent.get().obtainedOn();
		List<Interaction> counted = documented.stream()
			.filter(i -> !LocalDate.ofInstant(i.startedAt(), person.zone()).isBefore(consentedOn))
			.toList();
		int before = all - minutes(counted, null);
		String uncounted = before == 0 ? ""
				: "; " + before + " minutes before the consent of " + consentedOn + " not counted";
		int staff = minutes(counted, Staff.CLINICAL_STAFF);
		int practitioner = minutes(counted, Staff.PHYSICIAN_QHP);
		if (program == Program.CCM) {
			return ccm(person, counted, staff, practitioner, uncounted);
		}
		return pcm(person, staff, practitioner, uncounted);
	}

	private static List<BillingLine> ccm(PersonMonth person, List<Interaction> counted, int staff, int practitioner,
			String uncounted) {
		int total = staff + practitioner;
		boolean complex = counted.stream().anyMatch(Interaction::complexCarePlan);
		if (complex) {
			// Complex and non-complex CCM are not billed for one person in one month: a
			// month whose care plan was established or substantially revised is complex,
			// and only complex codes are considered for it.
			if (total < COMPLEX_FIRST) {
				return List.of(short_(person, Program.CCM, "99487", total, COMPLEX_FIRST,
						"complex CCM (care plan established or substantially revised this month)", uncounted
								+ "; complex and non-complex CCM are not billed in one month, so 99490 is not either"));
			}
			return codes(person, Program.CCM, "99487", "99489", total, COMPLEX_FIRST, COMPLEX_EACH_FURTHER,
					Integer.MAX_VALUE, "complex CCM, clinical staff and practitioner time" + uncounted);
		}
		if (practitioner >= PRACTITIONER_FIRST) {
			return codes(person, Program.CCM, "99491", "99437", practitioner, PRACTITIONER_FIRST,
					PRACTITIONER_EACH_FURTHER, Integer.MAX_VALUE,
					"CCM personally by the physician or qualified professional" + uncounted
							+ (staff == 0 ? ""
									: "; " + staff + " minutes of clinical staff time not billed as 99490: one CCM"
											+ " code family per month"));
		}
		if (total < CCM_FIRST) {
			return List.of(short_(person, Program.CCM, "99490", total, CCM_FIRST, "CCM", uncounted));
		}
		return codes(person, Program.CCM, "99490", "99439", total, CCM_FIRST, CCM_EACH_FURTHER, CCM_FURTHER_MAX,
				"CCM, clinical staff time" + (practitioner == 0 ? "" : " (practitioner's time included)") + uncounted);
	}

	private static List<BillingLine> pcm(PersonMonth person, int staff, int practitioner, String uncounted) {
		int total = staff + practitioner;
		if (practitioner >= PRACTITIONER_FIRST) {
			return codes(person, Program.PCM, "99424", "99425", practitioner, PRACTITIONER_FIRST,
					PRACTITIONER_EACH_FURTHER, Integer.MAX_VALUE,
					"PCM personally by the physician or qualified professional" + uncounted
							+ (staff == 0 ? ""
									: "; " + staff + " minutes of clinical staff time not billed as 99426: one PCM"
											+ " code family per month"));
		}
		if (total < PCM_FIRST) {
			return List.of(short_(person, Program.PCM, "99426", total, PCM_FIRST, "PCM", uncounted));
		}
		return codes(person, Program.PCM, "99426", "99427", total, PCM_FIRST, PCM_EACH_FURTHER, PCM_FURTHER_MAX,
				"PCM, clinical staff time" + (practitioner == 0 ? "" : " (practitioner's time included)") + uncounted);
	}

	/**
	 * The first code, and the add-on for each further full block of minutes up to its
	 * limit: 59 minutes past 99490's 20 are 99439 once, not twice.
	 */
	private static List<BillingLine> codes(PersonMonth person, Program program, String first, String addOn, int minutes,
			int firstMinutes, int eachFurther, int maxFurther, String what) {
		List<BillingLine> lines = new ArrayList<>();
		lines.add(new BillingLine(person.patient(), person.name(), program, first, 1, minutes, Status.BILLABLE,
				minutes + " minutes of " + what));
		int further = (minutes - firstMinutes) / eachFurther;
		if (further > 0) {
			int units = Math.min(further, maxFurther);
			String refused = further > maxFurther ? "; CMS allows at most " + maxFurther + " units of " + addOn
					+ " a month, so " + (further - maxFurther) + " more are not billed" : "";
			lines.add(new BillingLine(person.patient(), person.name(), program, addOn, units, units * eachFurther,
					Status.BILLABLE, "each further full " + eachFurther + " minutes past " + firstMinutes + refused));
		}
		return lines;
	}

	private static BillingLine short_(PersonMonth person, Program program, String code, int minutes, int needed,
			String what, String uncounted) {
		return new BillingLine(person.patient(), person.name(), program, code, 0, minutes, Status.SHORT,
				code + " needs " + needed + " minutes of " + what + "; documented " + minutes + ", short by "
						+ (needed - minutes) + uncounted);
	}

	private static BillingLine ineligible(PersonMonth person, Program program, String code, int minutes,
			String reason) {
		return new BillingLine(person.patient(), person.name(), program, code, 0, minutes, Status.INELIGIBLE, reason);
	}

	private static int minutes(List<Interaction> interactions, Staff staff) {
		return interactions.stream()
			.filter(i -> staff == null || i.staff() == staff)
			.mapToInt(Interaction::minutes)
			.sum();
	}

	/**
	 * One line per TCM period that began this month: the code its clock says is met, or
	 * why none is. TCM is not counted in minutes; the line shows the TCM minutes
	 * documented in the period, which count toward no other program.
	 */
	private static List<BillingLine> tcm(PersonMonth person) {
		List<BillingLine> lines = new ArrayList<>();
		for (TcmClock clock : person.tcm()) {
			if (!java.time.YearMonth.from(clock.dischargedOn()).equals(person.month())) {
				continue;
			}
			Instant from = clock.dischargedOn().atStartOfDay(person.zone()).toInstant();
			Instant to = clock.endsOn().plusDays(1).atStartOfDay(person.zone()).toInstant();
			int minutes = person.interactions()
				.stream()
				.filter(i -> i.activity() == Activity.TCM && !i.startedAt().isBefore(from)
						&& i.startedAt().isBefore(to))
				.mapToInt(Interaction::minutes)
				.sum();
			String period = "TCM period from the discharge of " + clock.dischargedOn() + " to " + clock.endsOn() + ": ";
			if (clock.code99496().standing() == Standing.MET) {
				lines.add(tcmLine(person, "99496", 1, minutes, Status.BILLABLE,
						period + clock.contact().explanation() + " " + clock.code99496().explanation()));
			}
			else if (clock.code99495().standing() == Standing.MET) {
				lines.add(tcmLine(person, "99495", 1, minutes, Status.BILLABLE,
						period + clock.contact().explanation() + " " + clock.code99495().explanation()));
			}
			else if (clock.complexity() == Complexity.NOT_ASSESSED) {
				// Neither code is billed on deadlines alone: the complexity that chooses
				// between them is the clinician's, and no one has judged it yet.
				boolean high = clock.code99496().standing() == Standing.AWAITING_ASSESSMENT;
				TcmClock.Requirement requirement = high ? clock.code99496() : clock.code99495();
				boolean awaiting = requirement.standing() == Standing.AWAITING_ASSESSMENT;
				lines.add(tcmLine(person, high ? "99496" : "99495", 0, minutes,
						awaiting ? Status.SHORT : Status.INELIGIBLE,
						period + (awaiting ? "complexity not assessed: neither 99495 nor 99496 can be billed until a"
								+ " clinician judges it on the discharge (moderate or high). " : "")
								+ requirement.explanation()));
			}
			else {
				boolean high = clock.complexity() == Complexity.HIGH;
				String code = high ? "99496" : "99495";
				TcmClock.Requirement requirement = high ? clock.code99496() : clock.code99495();
				Status status = requirement.standing() == Standing.REACHABLE ? Status.SHORT : Status.INELIGIBLE;
				lines.add(tcmLine(person, code, 0, minutes, status, period + requirement.explanation()));
			}
		}
		return lines;
	}

	private static BillingLine tcmLine(PersonMonth person, String code, int units, int minutes, Status status,
			String reason) {
		return new BillingLine(person.patient(), person.name(), Program.TCM, code, units, minutes, status, reason);
	}

}
