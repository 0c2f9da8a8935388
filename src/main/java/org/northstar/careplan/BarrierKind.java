package org.northstar.careplan;

/** What stands between a person and their plan: the fixed list. */
public enum BarrierKind {

	TRANSPORT("Transport"), LANGUAGE("Language"), COST("Cost"), WORK_SCHEDULE("Work schedule"), HOUSING("Housing"),
	FOOD("Food"), CAREGIVER_STRAIN("Caregiver strain"), HEALTH_LITERACY("Health literacy"),
	DIGITAL_LITERACY("Digital literacy"), MISTRUST("Mistrust"), OTHER("Other");

	private final String label;

	BarrierKind(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

}
