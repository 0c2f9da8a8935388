package org.northstar.worklist;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The points each reason adds to a row's priority on the Today page, bound from
 * {@code northstar.today.*}. A row's priority is the sum of the points of its reasons;
 * docs/risk.md gives the reasoning behind each default.
 *
 * @param tcmContact a transition-of-care contact due today or overdue
 * @param taskOverdue any other task past its due day
 * @param taskDueToday any other task due today
 * @param perDayLate added for each day a task is overdue or a person is past their
 * contact interval, up to {@code maxDaysLate}
 * @param maxDaysLate the most days counted by {@code perDayLate}
 * @param admission an inpatient admission that arrived since the last review
 * @param edVisit an emergency department visit that arrived since the last review
 * @param dischargeWithoutFollowUp a discharge in the last {@code dischargeWindowDays}
 * with no contact and no task since
 * @param highRisk LACE or HOSPITAL of the latest stay in its high band
 * @param risingRisk LACE or HOSPITAL of the latest stay higher than the stay before's
 * @param notContacted no contact within the person's program's interval
 * @param dischargeWindowDays how long after a discharge its follow-up is looked for
 * @param contactIntervalDays the contact interval of each program ({@code CCM},
 * {@code PCM}) and of everyone else ({@code default}), in days
 * @param refillGap a medicine taken every day whose supply ran out at least
 * {@code refillGapDays} ago and was not refilled
 * @param refillGapDays how many days without supply make a refill gap
 */
@ConfigurationProperties("northstar.today")
public record TodayWeights(@DefaultValue("100") int tcmContact, @DefaultValue("30") int taskOverdue,
		@DefaultValue("15") int taskDueToday, @DefaultValue("5") int perDayLate, @DefaultValue("10") int maxDaysLate,
		@DefaultValue("60") int admission, @DefaultValue("50") int edVisit,
		@DefaultValue("70") int dischargeWithoutFollowUp, @DefaultValue("40") int highRisk,
		@DefaultValue("20") int risingRisk, @DefaultValue("25") int notContacted,
		@DefaultValue("30") int dischargeWindowDays, @DefaultValue Map<String, Integer> contactIntervalDays,
		@DefaultValue("25") int refillGap, @DefaultValue("7") int refillGapDays) {

	/** The defaults, as documented in docs/risk.md. */
	public static final TodayWeights DEFAULTS = new TodayWeights(100, 30, 15, 5, 10, 60, 50, 70, 40, 20, 25, 30,
			Map.of());

	@ConstructorBinding
	public TodayWeights {
		int[] all = { tcmContact, taskOverdue, taskDueToday, perDayLate, maxDaysLate, admission, edVisit,
				dischargeWithoutFollowUp, highRisk, risingRisk, notContacted, dischargeWindowDays, refillGap };
		for (int weight : all) {
			if (weight < 0) {
				throw new IllegalArgumentException("northstar.today: weights and days are 0 or more, not " + weight);
			}
		}
		if (refillGapDays < 1) {
			throw new IllegalArgumentException(
					"northstar.today.refill-gap-days must be 1 or more, not " + refillGapDays);
		}
		contactIntervalDays = contactIntervalDays == null ? Map.of() : Map.copyOf(contactIntervalDays);
		contactIntervalDays.forEach((program, days) -> {
			if (days == null || days < 1) {
				throw new IllegalArgumentException(
						"northstar.today.contact-interval-days." + program + " must be 1 or more days, not " + days);
			}
		});
	}

	/** The weights before refill gaps counted, with their defaults for a refill gap. */
	public TodayWeights(int tcmContact, int taskOverdue, int taskDueToday, int perDayLate, int maxDaysLate,
			int admission, int edVisit, int dischargeWithoutFollowUp, int highRisk, int risingRisk, int notContacted,
			int dischargeWindowDays, Map<String, Integer> contactIntervalDays) {
		this(tcmContact, taskOverdue, taskDueToday, perDayLate, maxDaysLate, admission, edVisit,
				dischargeWithoutFollowUp, highRisk, risingRisk, notContacted, dischargeWindowDays, contactIntervalDays,
				25, 7);
	}

	/**
	 * The contact interval of a program (null: none): configured, or 30 days for CCM and
	 * PCM (whose time is billed each calendar month) and 90 days for everyone else.
	 */
	public int contactInterval(String program) {
		String key = program == null ? "default" : program;
		Integer configured = this.contactIntervalDays.get(key);
		if (configured == null) {
			configured = this.contactIntervalDays.get(key.toLowerCase(java.util.Locale.ROOT));
		}
		if (configured != null) {
			return configured;
		}
		return program == null ? 90 : 30;
	}

	/** The points for being {@code days} late: {@link #perDayLate} each, capped. */
	int lateness(long days) {
		return (int) Math.min(Math.max(days, 0), this.maxDaysLate) * this.perDayLate;
	}

}
