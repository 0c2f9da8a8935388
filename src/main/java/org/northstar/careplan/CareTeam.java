package org.northstar.careplan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.northstar.shared.PatientId;

/**
 * The care team around a person's plan: its members, current and past, in the order they
 * joined.
 *
 * @param fhirId its id in the FHIR API ({@code CareTeam/<fhirId>})
 * @param version counts the changes to its membership, from 1; kept apart from the
 * plan's, so that a new member does not make the plan new to everyone
 * @param planVersion the plan's version now: a member who last saw an older one has not
 * seen the latest
 */
public record CareTeam(long planId, UUID fhirId, PatientId patient, int version, int planVersion, Instant updatedAt,
		List<CareTeamMember> members) {

	public CareTeam {
		members = List.copyOf(members);
	}

	public List<CareTeamMember> current(LocalDate today) {
		return this.members.stream().filter(m -> !m.ended() || m.endedOn().isAfter(today)).toList();
	}

	public List<CareTeamMember> past(LocalDate today) {
		return this.members.stream().filter(m -> m.ended() && !m.endedOn().isAfter(today)).toList();
	}

	public java.util.Optional<CareTeamMember> member(long memberId) {
		return this.members.stream().filter(m -> m.id() == memberId).findFirst();
	}

}
