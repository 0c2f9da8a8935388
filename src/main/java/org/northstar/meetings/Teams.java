package org.northstar.meetings;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.northstar.caseload.Caseloads;
import org.northstar.patient.People;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Component;

/** A team's people: those on the caseloads of the team's members. */
@Component
class Teams {

	private final Caseloads caseloads;

	private final UserAccounts accounts;

	private final People people;

	Teams(Caseloads caseloads, UserAccounts accounts, People people) {
		this.caseloads = caseloads;
		this.accounts = accounts;
		this.people = people;
	}

	/**
	 * The people whose coordinator is a member of the user's team, one record per person,
	 * each with their coordinator; none when the user is in no team.
	 */
	Map<PatientId, String> peopleOf(UserAccount user) {
		if (user.team() == null) {
			return Map.of();
		}
		Set<String> members = new HashSet<>(this.accounts.teamMembers(user.team()));
		List<PatientId> visible = this.people.onePerPerson(this.caseloads.visibleTo(user));
		Map<PatientId, String> coordinators = new java.util.LinkedHashMap<>(this.caseloads.coordinatorsOf(visible));
		coordinators.values().removeIf(c -> !members.contains(c));
		return coordinators;
	}

}
