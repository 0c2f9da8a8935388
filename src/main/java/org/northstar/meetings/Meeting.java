package org.northstar.meetings;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An interdisciplinary team meeting about a team's people.
 *
 * @param team the team's code
 * @param items the agenda, in its order
 * @param closedAt when it was closed; a closed meeting is a record and no longer changes
 */
public record Meeting(long id, String team, LocalDate heldOn, Instant startedAt, String startedBy, Instant closedAt,
		String closedBy, List<AgendaItem> items) {

	public Meeting {
		items = List.copyOf(items);
	}

	public boolean open() {
		return this.closedAt == null;
	}

	public int decisionCount() {
		return this.items.stream().mapToInt(i -> i.decisions().size()).sum();
	}

}
