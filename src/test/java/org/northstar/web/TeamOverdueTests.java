package org.northstar.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.shared.PatientId;
import org.northstar.worklist.Task;
import org.northstar.worklist.TodayRow;
import org.northstar.worklist.TodayRow.Kind;
import org.northstar.worklist.TodayRow.Reason;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The supervisor's count of what is overdue on each coordinator's Today: by each task's
 * kind and due day, whatever its words.
 */
class TeamOverdueTests {

	static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

	static final PatientId PERSON = new PatientId(UUID.randomUUID());

	@Test
	void countsOverdueTransitionOfCareContactsByKindAndDueDayNotByTheirWords() {
		// Due today, though its title says "overdue since": not overdue.
		Task dueToday = task(1, Task.Kind.TCM_CONTACT, "Call back: overdue since the hospital's letter", TODAY);
		// Two days late, in words that do not say so.
		Task late = task(2, Task.Kind.TCM_CONTACT, "Contact after discharge", TODAY.minusDays(2));
		Task later = task(4, Task.Kind.TCM_CONTACT, "Contact after the second discharge", TODAY.minusDays(3));
		Task visitLate = task(3, Task.Kind.TCM_VISIT, "Face-to-face visit", TODAY.minusDays(1));
		TodayRow row = new TodayRow(PERSON, "Kind, Kim", "ana", 200,
				List.of(new Reason(Kind.TCM_CONTACT, dueToday.title() + ": due today", 100, "TCM contact 100"),
						new Reason(Kind.TCM_CONTACT, late.title() + ": 2 days late", 110, "TCM contact 100"),
						new Reason(Kind.TCM_CONTACT, later.title() + ": 3 days late", 115, "TCM contact 100"),
						new Reason(Kind.TASK_OVERDUE, visitLate.title(), 35, "overdue task 30")),
				List.of(later, late, dueToday, visitLate), null, null);

		TodayController.Overdue overdue = TodayController.Overdue.of("ana", List.of(row), TODAY);

		assertThat(overdue.tcmContacts()).isEqualTo(2);
		assertThat(overdue.tasks()).isEqualTo(1);
		assertThat(overdue.people()).isEqualTo(1);
	}

	private static Task task(long id, Task.Kind kind, String title, LocalDate due) {
		return new Task(id, PERSON, "ana", kind, title, due, "OPEN", null, 1, Instant.parse("2026-11-20T12:00:00Z"),
				Instant.parse("2026-11-20T12:00:00Z"));
	}

}
