package org.northstar.scheduling;

/**
 * Visits of one type at least {@code minDays} days before visits of another ("lab at
 * least 2 days before cardiology"). Zero: the same day is fine if it comes first.
 */
public record VisitOrder(String before, String after, int minDays) {

	public VisitOrder {
		if (before == null || before.isBlank()) {
			throw new InvalidScheduleException("before", "An order needs the type that comes first");
		}
		if (after == null || after.isBlank()) {
			throw new InvalidScheduleException("after", "An order needs the type that comes after");
		}
		if (minDays < 0 || minDays > 365) {
			throw new InvalidScheduleException("minDays", "An order's gap is 0 to 365 days, not " + minDays);
		}
	}

	/** "lab at least 2 days before cardiology". */
	public String describe() {
		return this.before + (this.minDays == 0 ? " before " : " at least " + this.minDays + " days before ")
				+ this.after;
	}

}
