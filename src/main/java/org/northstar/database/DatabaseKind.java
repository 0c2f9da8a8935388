package org.northstar.database;

/**
 * What a database was created for, recorded in it once, when it was first started, and
 * never changed. A demo holds the demo caseload's invented patients and the demo's
 * sign-ins, and says so on every page; a real database holds real patients. The two never
 * mix: a demo refuses every way real data comes in (a command-line import,
 * {@code POST /fhir}, the HL7 feed), and only a demo gets the demo's sign-ins.
 *
 * <p>
 * {@code serve} on a new embedded database makes a demo; {@code serve --no-demo}, every
 * other command, and every external database make a real one.
 */
public enum DatabaseKind {

	DEMO, REAL;

	/** The sentence a refusal ends with: what to do instead. */
	public static final String HOW_TO_START_A_REAL_ONE = "To work with real data, start a real database:"
			+ " 'northstar serve --no-demo --data-dir DIR' with a new, empty DIR,"
			+ " or NORTHSTAR_DB_URL naming a PostgreSQL of your own.";

	/**
	 * @param what what was refused, as the start of a sentence: "HL7 messages are"
	 * @throws DemoDatabaseException when this is a demo
	 */
	public void refuseRealData(String what) {
		if (this == DEMO) {
			throw new DemoDatabaseException(what + " refused: this is a demo database, for the demo's invented"
					+ " patients only, and real patients must never mix with them. " + HOW_TO_START_A_REAL_ONE);
		}
	}

}
