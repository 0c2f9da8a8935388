package org.northstar.meetings;

import java.util.List;

import org.northstar.shared.PatientId;

/**
 * One person on a meeting's agenda: why they are there, what was said and what was
 * decided.
 *
 * @param person the record that stands for the person
 * @param position their place on the agenda, from 1
 * @param addedBy who added them by hand; null when the agenda compiled them
 */
public record AgendaItem(long id, PatientId person, String name, int position, List<AgendaReason> reasons,
		String minutes, String addedBy, List<Decision> decisions) {

	public AgendaItem {
		reasons = List.copyOf(reasons);
		decisions = List.copyOf(decisions);
	}

}
