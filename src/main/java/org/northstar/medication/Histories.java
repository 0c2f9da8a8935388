package org.northstar.medication;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.northstar.medication.Evidence.Status;
import org.northstar.medication.MedicationChange.Kind;

/**
 * Each medicine's history from the orders and statements of every source, and the
 * coordinators' reconciliations: started, stopped, dose changed (the same ingredients at
 * another strength), switched (another medicine of the class started when one stopped).
 * Pure.
 */
final class Histories {

	/**
	 * A medicine of a class started within this many days of the last order of another
	 * one of the class, now stopped, is a switch. Orders seldom say when they stopped, so
	 * the window runs from the stopped one's last order.
	 */
	static final int SWITCH_WITHIN_DAYS = 365;

	private Histories() {
	}

	static List<MedicationChange> of(List<Evidence> evidence, List<Reconciliation> reconciliations) {
		Map<String, List<Evidence>> byMedicine = new LinkedHashMap<>();
		for (Evidence e : evidence) {
			if (!e.isFill() && e.date() != null) {
				String medicine = e.concept().ingredients().isEmpty() ? e.concept().key() : e.concept().ingredientKey();
				byMedicine.computeIfAbsent(medicine, k -> new ArrayList<>()).add(e);
			}
		}
		List<MedicationChange> changes = new ArrayList<>();
		// When each stopped medicine stopped, per class, to tell a switch from a start.
		Map<String, Evidence> stoppedLast = new LinkedHashMap<>();
		byMedicine.forEach((medicine, of) -> {
			of.sort(Comparator.comparing(Evidence::date));
			Evidence last = of.get(of.size() - 1);
			if (last.status() == Status.STOPPED) {
				stoppedLast.put(medicine, last);
			}
		});
		byMedicine.forEach((medicine, of) -> {
			Evidence previous = null;
			for (Evidence e : of) {
				if (previous == null) {
					Evidence switchedFrom = switchedFrom(medicine, e, stoppedLast);
					if (switchedFrom != null) {
						changes.add(change(Kind.SWITCHED, medicine, e, name(switchedFrom), name(e),
								firstOf(e.reason(), switchedFrom.statusReason(), notes(e), notes(switchedFrom))));
					}
					else {
						changes.add(change(Kind.STARTED, medicine, e, null, name(e), firstOf(e.reason(), notes(e))));
					}
				}
				else if (!e.concept().key().equals(previous.concept().key()) && e.status() == Status.ACTIVE) {
					changes.add(change(Kind.DOSE_CHANGED, medicine, e, strength(previous), strength(e),
							firstOf(e.reason(), previous.statusReason(), notes(e), notes(previous))));
				}
				else if (previous.status() == Status.STOPPED && e.status() == Status.ACTIVE
						&& e.concept().key().equals(previous.concept().key())) {
					changes.add(change(Kind.STARTED, medicine, e, null, name(e), firstOf(e.reason(), notes(e))));
				}
				previous = e;
			}
			Evidence last = of.get(of.size() - 1);
			boolean superseded = of.stream()
				.anyMatch(e -> e.status() == Status.ACTIVE && !e.date().isBefore(last.date()) && e != last);
			if (last.status() == Status.STOPPED && !superseded) {
				// Sources seldom say when an order stopped: the day of the word "stopped"
				// (a statement's end, else the stopped order's own date), never the day
				// it
				// was imported, which would list years of old stops as news.
				LocalDate stoppedOn = last.endDate() != null ? last.endDate() : last.date();
				changes.add(new MedicationChange(id(Kind.STOPPED, medicine, stoppedOn, null), medicine, name(last),
						last.concept().drugClass(), Kind.STOPPED, stoppedOn, name(last), null, prescriberName(last),
						firstOf(last.statusReason(), notes(last)), last.source()));
			}
		});
		for (Reconciliation rec : reconciliations) {
			for (Reconciliation.Line line : rec.lines()) {
				Kind kind = switch (line.verdict()) {
					case STOPPED -> Kind.STOPPED;
					case TAKES_DIFFERENTLY -> Kind.TAKES_DIFFERENTLY;
					default -> null;
				};
				if (kind != null) {
					changes.add(new MedicationChange(id(kind, line.key(), rec.reconciledOn(), line.takes()), line.key(),
							line.display(), null, kind, rec.reconciledOn(), line.display(),
							kind == Kind.STOPPED ? null : line.takes(), rec.signedAs(), line.reason(), "coordinator"));
				}
			}
		}
		changes.sort(Comparator.comparing(MedicationChange::date).reversed());
		return changes;
	}

	/** The medicine of the same class that stopped shortly before this one started. */
	private static Evidence switchedFrom(String medicine, Evidence start, Map<String, Evidence> stoppedLast) {
		DrugClass drugClass = start.concept().drugClass();
		if (drugClass == null) {
			return null;
		}
		for (Map.Entry<String, Evidence> stopped : stoppedLast.entrySet()) {
			Evidence s = stopped.getValue();
			if (!stopped.getKey().equals(medicine) && s.concept().drugClass() == drugClass
					&& !s.date().isAfter(start.date())
					&& !s.date().plusDays(SWITCH_WITHIN_DAYS).isBefore(start.date())) {
				return s;
			}
		}
		return null;
	}

	private static MedicationChange change(Kind kind, String medicine, Evidence e, String from, String to,
			String reason) {
		return new MedicationChange(id(kind, medicine, e.date(), to), medicine, name(e), e.concept().drugClass(), kind,
				e.date(), from, to, prescriberName(e), reason, e.source());
	}

	private static String name(Evidence e) {
		return e.display();
	}

	private static String strength(Evidence e) {
		String strength = e.concept().strengthText();
		return strength.isEmpty() ? e.display() : strength;
	}

	private static String notes(Evidence e) {
		return e.notes().isEmpty() ? null : String.join(" ", e.notes());
	}

	private static String firstOf(String... texts) {
		for (String text : texts) {
			if (text != null && !text.isBlank()) {
				return text;
			}
		}
		return null;
	}

	static String id(Kind kind, String medicine, LocalDate date, String to) {
		String text = kind + "|" + medicine + "|" + date + "|" + Objects.toString(to, "");
		return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString().substring(0, 8);
	}

	/** The prescriber as the patient knows them: by name, no identifiers. */
	private static String prescriberName(Evidence e) {
		return e.prescriber() == null ? null : e.prescriber().name();
	}

}
