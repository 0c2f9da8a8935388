package org.northstar.audit;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;

import org.northstar.shared.PatientId;

/**
 * Which audit events to list, in which order, and which page of them. Start from
 * {@link #newestFirst()} and narrow it; every criterion given must hold.
 *
 * @param user part of the username, in any case; null for anyone
 * @param exactUser {@code user} is the whole username, not a part
 * @param patients records of these patients only; null for any record, empty for none
 * @param action this action only; null for any
 * @param emergencyOnly only access granted by breaking the glass
 * @param from recorded at or after; null for no bound
 * @param to recorded before; null for no bound
 * @param sort one of {@code time}, {@code user}, {@code action}, {@code patient}
 * @param offset how many matching records to skip
 * @param limit at most this many records
 */
public record AuditQuery(String user, boolean exactUser, Set<PatientId> patients, AuditAction action,
		boolean emergencyOnly, Instant from, Instant to, String sort, boolean descending, int offset, int limit) {

	public AuditQuery {
		user = user == null || user.isBlank() ? null : user.strip();
		patients = patients == null ? null : Set.copyOf(patients);
		sort = sort == null ? "time" : sort;
		offset = Math.max(0, offset);
		limit = Math.max(0, limit);
	}

	/**
	 * One user's records (the whole username) about one patient record, the first
	 * {@code limit} in the order given.
	 */
	public AuditQuery(String username, PatientId patient, Instant from, Instant to, String sort, boolean descending,
			int limit) {
		this(username, true, patient == null ? null : Set.of(patient), null, false, from, to, sort, descending, 0,
				limit);
	}

	/** Every record, the newest first, all of them. */
	public static AuditQuery newestFirst() {
		return new AuditQuery(null, false, null, null, false, null, null, "time", true, 0, Integer.MAX_VALUE);
	}

	public AuditQuery byUser(String user) {
		return new AuditQuery(user, false, this.patients, this.action, this.emergencyOnly, this.from, this.to,
				this.sort, this.descending, this.offset, this.limit);
	}

	/**
	 * Records about any of these patient records (typically all records of one person).
	 */
	public AuditQuery forPatients(Collection<PatientId> patients) {
		return new AuditQuery(this.user, this.exactUser, patients == null ? null : Set.copyOf(patients), this.action,
				this.emergencyOnly, this.from, this.to, this.sort, this.descending, this.offset, this.limit);
	}

	public AuditQuery withAction(AuditAction action) {
		return new AuditQuery(this.user, this.exactUser, this.patients, action, this.emergencyOnly, this.from, this.to,
				this.sort, this.descending, this.offset, this.limit);
	}

	public AuditQuery emergencyOnly(boolean emergencyOnly) {
		return new AuditQuery(this.user, this.exactUser, this.patients, this.action, emergencyOnly, this.from, this.to,
				this.sort, this.descending, this.offset, this.limit);
	}

	public AuditQuery between(Instant from, Instant to) {
		return new AuditQuery(this.user, this.exactUser, this.patients, this.action, this.emergencyOnly, from, to,
				this.sort, this.descending, this.offset, this.limit);
	}

	public AuditQuery sortedBy(String sort, boolean descending) {
		return new AuditQuery(this.user, this.exactUser, this.patients, this.action, this.emergencyOnly, this.from,
				this.to, sort, descending, this.offset, this.limit);
	}

	public AuditQuery page(int offset, int limit) {
		return new AuditQuery(this.user, this.exactUser, this.patients, this.action, this.emergencyOnly, this.from,
				this.to, this.sort, this.descending, offset, limit);
	}

}
