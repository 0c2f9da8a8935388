package org.northstar.meetings;

/**
 * Why a person is on a meeting's agenda, in words, as it stood when the agenda was
 * compiled.
 */
public record AgendaReason(Kind kind, String text) {

	/**
	 * The kinds of reason, the most pressing first: the agenda is ordered by the most
	 * pressing reason each person has, then by how many they have.
	 */
	public enum Kind {

		ADMISSION("Admission"), ED_VISIT("ED visit"), HIGH_RISK("High risk"), RISING_RISK("Rising risk"),
		OVERDUE_TASK("Overdue task"), STALLED_GOAL("Stalled goal"), BARRIER("Barrier"), VICTORY("Victory"),
		ADDED("Added");

		private final String label;

		Kind(String label) {
			this.label = label;
		}

		public String label() {
			return this.label;
		}

	}

}
