package org.northstar.careplan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.northstar.careplan.ItemChanges.FieldChange;
import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The care team around each person's plan, across organisations: Northstar users and
 * people outside it, each with a role, an organisation, how to reach them and whether
 * they have seen the latest version of the plan; and the record of whom the plan was sent
 * to.
 *
 * <p>
 * Invariants: a membership is never deleted; it ends on a day, with a reason, and its
 * history keeps every change field by field with who made it and when. A membership is
 * changed only against the version it was read at. A member has seen the latest plan only
 * when they were sent or shown the plan's current version: any change to the plan makes
 * it new to them. Callers decide and audit access first ({@code caseload.PatientAccess}).
 */
@Service
public class CareTeams {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final CarePlans plans;

	CareTeams(JdbcClient jdbc, Clock clock, CarePlans plans) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.plans = plans;
	}

	/** The care team of the person's plan, if they have a plan. */
	public Optional<CareTeam> of(Collection<PatientId> records) {
		UUID[] ids = records.stream().map(PatientId::value).toArray(UUID[]::new);
		return this.jdbc.sql("select id from care_plan where patient_id = any(?) order by id limit 1")
			.param(ids)
			.query(Long.class)
			.optional()
			.map(this::team);
	}

	/** A care team by its id in the FHIR API. */
	public Optional<CareTeam> byFhirId(UUID fhirId) {
		return this.jdbc.sql("select id from care_plan where care_team_fhir_id = ?")
			.param(fhirId)
			.query(Long.class)
			.optional()
			.map(this::team);
	}

	/** The care team of a plan (empty when nobody was added yet). */
	public CareTeam team(long planId) {
		List<CareTeamMember> members = this.jdbc.sql(MEMBER + " where plan_id = ? order by started_on, id")
			.param(planId)
			.query((rs, n) -> member(rs))
			.list();
		return this.jdbc.sql("""
				select id, care_team_fhir_id, patient_id, care_team_version, version, updated_at
				from care_plan where id = ?
				""")
			.param(planId)
			.query((rs, n) -> new CareTeam(rs.getLong(1), rs.getObject(2, UUID.class),
					new PatientId(rs.getObject(3, UUID.class)), rs.getInt(4), rs.getInt(5),
					rs.getTimestamp(6).toInstant(), members))
			.optional()
			.orElseThrow(() -> new NoSuchElementException("There is no care plan " + planId));
	}

	/**
	 * Adds a member to the plan's care team.
	 * @throws InvalidPlanItemException naming the field that is wrong; nothing is added
	 */
	@Transactional
	public CareTeamMember add(long planId, MemberDraft draft, String by) {
		draft.validated();
		lockTeam(planId);
		Timestamp now = Timestamp.from(this.clock.instant());
		long id = this.jdbc.sql("""
				insert into care_team_member (plan_id, username, name, role, organisation, phone, email,
				       preferred_channel, started_on, created_at, created_by, updated_at, updated_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
				""")
			.params(planId, draft.username(), draft.name(), draft.role(), draft.organisation(), draft.phone(),
					draft.email(), name(draft.channel()), draft.startedOn(), now, by, now, by)
			.query(Long.class)
			.single();
		history(planId, id, now, by, List.of(new FieldChange("joined", null, draft.name() + ", " + draft.role())));
		touch(planId);
		return memberOf(planId, id);
	}

	/**
	 * Changes a membership's details, against the version it was read at; fields that did
	 * not change are not recorded.
	 * @throws NoSuchElementException if the team has no such member
	 * @throws PlanConflictException if the membership is no longer at
	 * {@code expectedVersion}
	 * @throws InvalidPlanItemException if the details break a rule, or the membership has
	 * ended
	 */
	@Transactional
	public CareTeamMember change(long planId, long memberId, int expectedVersion, MemberDraft draft, String by) {
		draft.validated();
		CareTeamMember current = current(planId, memberId, expectedVersion);
		if (current.ended()) {
			throw new InvalidPlanItemException("endedOn", current.name() + "'s membership ended on " + current.endedOn()
					+ ": add them again rather than change a past membership");
		}
		List<FieldChange> changes = between(current.draft(), draft);
		if (changes.isEmpty()) {
			return current;
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		int updated = this.jdbc.sql("""
				update care_team_member set username = ?, name = ?, role = ?, organisation = ?, phone = ?, email = ?,
				       preferred_channel = ?, started_on = ?, version = version + 1, updated_at = ?, updated_by = ?
				where id = ? and plan_id = ? and version = ?
				""")
			.params(draft.username(), draft.name(), draft.role(), draft.organisation(), draft.phone(), draft.email(),
					name(draft.channel()), draft.startedOn(), now, by, memberId, planId, expectedVersion)
			.update();
		if (updated == 0) {
			throw conflict(memberOf(planId, memberId), expectedVersion);
		}
		history(planId, memberId, now, by, changes);
		touch(planId);
		return memberOf(planId, memberId);
	}

	/**
	 * Ends a membership on a day, with the reason; the member stays in the team's
	 * history.
	 * @throws InvalidPlanItemException if it ended already, the day is before it began,
	 * or no reason is given
	 * @throws PlanConflictException if the membership is no longer at
	 * {@code expectedVersion}
	 */
	@Transactional
	public CareTeamMember end(long planId, long memberId, int expectedVersion, LocalDate on, String reason, String by) {
		CareTeamMember current = current(planId, memberId, expectedVersion);
		String why = Texts.blankToNull(reason);
		if (current.ended()) {
			throw new InvalidPlanItemException("endedOn",
					current.name() + "'s membership already ended on " + current.endedOn());
		}
		if (on == null) {
			throw new InvalidPlanItemException("endedOn", "say on which day " + current.name() + " left the team");
		}
		if (on.isBefore(current.startedOn())) {
			throw new InvalidPlanItemException("endedOn",
					current.name() + " joined on " + current.startedOn() + " and cannot leave before, on " + on);
		}
		if (why == null) {
			throw new InvalidPlanItemException("endReason", "say why " + current.name() + " leaves the team");
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.sql("""
				update care_team_member set ended_on = ?, end_reason = ?, version = version + 1, updated_at = ?,
				       updated_by = ?
				where id = ? and plan_id = ?
				""").params(on, why, now, by, memberId, planId).update();
		history(planId, memberId, now, by,
				List.of(new FieldChange("endedOn", null, on.toString()), new FieldChange("endReason", null, why)));
		touch(planId);
		return memberOf(planId, memberId);
	}

	/**
	 * Records that a member has seen a version of the plan (told by phone, shown in a
	 * meeting); a later version they saw before is kept.
	 * @throws InvalidPlanItemException if the plan has no such version yet
	 */
	@Transactional
	public CareTeamMember markSeen(long planId, long memberId, int planVersion, String by) {
		CareTeamMember current = memberOf(planId, memberId);
		int latest = planVersion(planId);
		if (planVersion < 1 || planVersion > latest) {
			throw new InvalidPlanItemException("seenVersion",
					"the plan has versions 1 to " + latest + ", not " + planVersion);
		}
		if (current.seenVersion() != null && current.seenVersion() >= planVersion) {
			return current;
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.sql("""
				update care_team_member set seen_version = ?, seen_at = ?, version = version + 1, updated_at = ?,
				       updated_by = ?
				where id = ? and plan_id = ?
				""").params(planVersion, now, now, by, memberId, planId).update();
		history(planId, memberId, now, by, List.of(new FieldChange("seen",
				current.seenVersion() == null ? null : "version " + current.seenVersion(), "version " + planVersion)));
		touch(planId);
		return memberOf(planId, memberId);
	}

	/**
	 * Records that the plan, at its current version, was sent to a member, and that they
	 * have now seen that version.
	 * @return the share, naming the version sent
	 * @throws InvalidPlanItemException if the membership has ended
	 */
	@Transactional
	public PlanShare shared(long planId, long memberId, PlanShare.Format format, Channel channel, String by) {
		CareTeamMember member = memberOf(planId, memberId);
		if (member.ended()) {
			throw new InvalidPlanItemException("member",
					member.name() + " left the care team on " + member.endedOn() + ": the plan is not sent to them");
		}
		if (channel == null) {
			throw new InvalidPlanItemException("channel", "say how the plan was sent to " + member.name());
		}
		int version = this.jdbc.sql("select version from care_plan where id = ? for share")
			.param(planId)
			.query(Integer.class)
			.single();
		Timestamp now = Timestamp.from(this.clock.instant());
		long id = this.jdbc.sql("""
				insert into care_plan_share (plan_id, member_id, plan_version, format, channel, sent_at, sent_by)
				values (?, ?, ?, ?, ?, ?, ?) returning id
				""")
			.params(planId, memberId, version, format.name(), channel.name(), now, by)
			.query(Long.class)
			.single();
		markSeen(planId, memberId, version, by);
		return new PlanShare(id, memberId, member.name(), version, format, channel, now.toInstant(), by);
	}

	/** Whom the plan was sent to, newest first. */
	public List<PlanShare> shares(long planId) {
		return this.jdbc.sql("""
				select s.id, s.member_id, m.name, s.plan_version, s.format, s.channel, s.sent_at, s.sent_by
				from care_plan_share s join care_team_member m on m.id = s.member_id
				where s.plan_id = ? order by s.id desc
				""")
			.param(planId)
			.query((rs, n) -> new PlanShare(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4),
					PlanShare.Format.valueOf(rs.getString(5)), Channel.valueOf(rs.getString(6)),
					rs.getTimestamp(7).toInstant(), rs.getString(8)))
			.list();
	}

	/** The team's history, newest first. */
	public List<MemberChange> history(long planId) {
		return this.jdbc.sql("""
				select c.id, c.member_id, m.name, c.changed_at, c.changed_by, c.field, c.before, c.after
				from care_team_change c join care_team_member m on m.id = c.member_id
				where c.plan_id = ? order by c.id desc
				""")
			.param(planId)
			.query((rs, n) -> new MemberChange(rs.getLong(1), rs.getLong(2), rs.getString(3),
					rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
			.list();
	}

	/**
	 * Puts these members on the person's care team, opening the plan if need be, all or
	 * nothing (a FHIR CareTeam create): if one cannot be added, there is no plan either.
	 * @param records the person's records, {@code record} among them
	 * @throws PlanConflictException if the team has members already; none is added
	 * @throws InvalidPlanItemException naming the first member's field that is wrong
	 */
	@Transactional
	public CareTeam create(PatientId record, Collection<PatientId> records, List<MemberDraft> members, String by) {
		members.forEach(MemberDraft::validated);
		CarePlan plan = this.plans.open(record, records, by);
		CareTeam team = team(plan.id());
		if (!team.members().isEmpty()) {
			throw new PlanConflictException(
					"The person has a care team already (version " + team.version() + "): change that one",
					team.version());
		}
		return revise(plan.id(), team.version(), List.of(), members, by);
	}

	/**
	 * Revises the team as a whole against its version (a FHIR CareTeam update): members
	 * named are changed or ended, the others added. All or nothing.
	 * @throws PlanConflictException if the team is no longer at {@code expectedVersion}
	 */
	@Transactional
	public CareTeam revise(long planId, int expectedVersion, List<MemberRevision> revisions,
			List<MemberDraft> additions, String by) {
		int current = lockTeam(planId);
		if (current != expectedVersion) {
			throw new PlanConflictException("The care team was changed since version " + expectedVersion
					+ " (it is at version " + current + "): read it again and reapply your change", current);
		}
		for (MemberRevision revision : revisions) {
			CareTeamMember member = memberOf(planId, revision.memberId());
			if (member.ended()) {
				if (!member.draft().equals(revision.draft()) || !Objects.equals(member.endedOn(), revision.endedOn())) {
					throw new InvalidPlanItemException("endedOn", member.name() + "'s membership ended on "
							+ member.endedOn() + " and is kept as it was: add them again instead");
				}
				continue;
			}
			member = change(planId, member.id(), member.version(), revision.draft(), by);
			if (revision.endedOn() != null) {
				end(planId, member.id(), member.version(), revision.endedOn(),
						revision.endReason() == null ? "ended through the FHIR API" : revision.endReason(), by);
			}
		}
		for (MemberDraft addition : additions) {
			add(planId, addition, by);
		}
		return team(planId);
	}

	/**
	 * A member's new details in a revision of the whole team, and the day their
	 * membership ends if it does.
	 */
	public record MemberRevision(long memberId, MemberDraft draft, LocalDate endedOn, String endReason) {
	}

	private CareTeamMember current(long planId, long memberId, int expectedVersion) {
		CareTeamMember current = memberOf(planId, memberId);
		if (current.version() != expectedVersion) {
			throw conflict(current, expectedVersion);
		}
		return current;
	}

	private CareTeamMember memberOf(long planId, long memberId) {
		return this.jdbc.sql(MEMBER + " where id = ? and plan_id = ?")
			.params(memberId, planId)
			.query((rs, n) -> member(rs))
			.optional()
			.orElseThrow(() -> new NoSuchElementException("The care team has no member " + memberId));
	}

	private int planVersion(long planId) {
		return this.jdbc.sql("select version from care_plan where id = ?").param(planId).query(Integer.class).single();
	}

	private int lockTeam(long planId) {
		return this.jdbc.sql("select care_team_version from care_plan where id = ? for update")
			.param(planId)
			.query(Integer.class)
			.optional()
			.orElseThrow(() -> new NoSuchElementException("There is no care plan " + planId));
	}

	private void touch(long planId) {
		this.jdbc.sql("update care_plan set care_team_version = care_team_version + 1 where id = ?")
			.param(planId)
			.update();
	}

	private static PlanConflictException conflict(CareTeamMember current, int expected) {
		return new PlanConflictException(
				current.name() + "'s membership was changed by " + current.updatedBy() + " since you read it (version "
						+ expected + ", now " + current.version() + "): read it again and reapply your change",
				current.version());
	}

	private void history(long planId, long memberId, Timestamp at, String by, List<FieldChange> changes) {
		for (FieldChange change : changes) {
			this.jdbc.sql("""
					insert into care_team_change (plan_id, member_id, changed_at, changed_by, field, before, after)
					values (?, ?, ?, ?, ?, ?, ?)
					""").params(planId, memberId, at, by, change.field(), change.before(), change.after()).update();
		}
	}

	private static List<FieldChange> between(MemberDraft before, MemberDraft after) {
		List<FieldChange> changes = new ArrayList<>();
		add(changes, "username", before.username(), after.username());
		add(changes, "name", before.name(), after.name());
		add(changes, "role", before.role(), after.role());
		add(changes, "organisation", before.organisation(), after.organisation());
		add(changes, "phone", before.phone(), after.phone());
		add(changes, "email", before.email(), after.email());
		add(changes, "channel", name(before.channel()), name(after.channel()));
		add(changes, "startedOn", Objects.toString(before.startedOn(), null),
				Objects.toString(after.startedOn(), null));
		return changes;
	}

	private static void add(List<FieldChange> changes, String field, String before, String after) {
		if (!Objects.equals(before, after)) {
			changes.add(new FieldChange(field, before, after));
		}
	}

	private static final String MEMBER = """
			select id, plan_id, username, name, role, organisation, phone, email, preferred_channel, started_on,
			       ended_on, end_reason, seen_version, seen_at, version, updated_at, updated_by
			from care_team_member""";

	private static CareTeamMember member(ResultSet rs) throws SQLException {
		String channel = rs.getString(9);
		java.sql.Date ended = rs.getDate(11);
		Timestamp seenAt = rs.getTimestamp(14);
		return new CareTeamMember(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getString(7), rs.getString(8), channel == null ? null : Channel.valueOf(channel),
				rs.getDate(10).toLocalDate(), ended == null ? null : ended.toLocalDate(), rs.getString(12),
				(Integer) rs.getObject(13), seenAt == null ? null : seenAt.toInstant(), rs.getInt(15),
				rs.getTimestamp(16).toInstant(), rs.getString(17));
	}

	private static String name(Enum<?> value) {
		return value == null ? null : value.name();
	}

}
