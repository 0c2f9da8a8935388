package org.northstar.audit;

/**
 * The result of checking the chain.
 *
 * @param intactRecords how many records, from the first, are intact
 * @param brokenAt the first record that does not fit, or 0 when the chain is intact
 */
public record AuditVerification(long intactRecords, long brokenAt, String problem) {

	static AuditVerification intact(long records) {
		return new AuditVerification(records, 0, null);
	}

	static AuditVerification broken(long intactRecords, long brokenAt, String problem) {
		return new AuditVerification(intactRecords, brokenAt, problem);
	}

	public boolean isIntact() {
		return this.brokenAt == 0;
	}

}
