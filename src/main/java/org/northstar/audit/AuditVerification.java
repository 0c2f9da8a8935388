package org.northstar.audit;

/**
 * The result of checking the chain.
 *
 * @param intactRecords how many records, from the first, are intact
 * @param unkeyedRecords how many of those were written before the audit key, hashed with
 * plain SHA-256
 * @param brokenAt the first record that does not fit or is missing, or 0 when the chain
 * is intact
 * @param problem what is wrong, naming the records; null when intact
 */
public record AuditVerification(long intactRecords, long unkeyedRecords, long brokenAt, String problem) {

	static AuditVerification intact(long records, long unkeyed) {
		return new AuditVerification(records, unkeyed, 0, null);
	}

	static AuditVerification broken(long intactRecords, long unkeyed, long brokenAt, String problem) {
		return new AuditVerification(intactRecords, unkeyed, brokenAt, problem);
	}

	public boolean isIntact() {
		return this.brokenAt == 0;
	}

}
