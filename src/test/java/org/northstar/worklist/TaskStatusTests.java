package org.northstar.worklist;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.northstar.worklist.TaskStatus.CANCELLED;
import static org.northstar.worklist.TaskStatus.DONE;
import static org.northstar.worklist.TaskStatus.IN_PROGRESS;
import static org.northstar.worklist.TaskStatus.ON_HOLD;
import static org.northstar.worklist.TaskStatus.OPEN;

/** The task state machine: every pair of statuses, allowed or refused. */
class TaskStatusTests {

	/** What a coordinator may do from each status; everything else is refused. */
	static final Map<TaskStatus, Set<TaskStatus>> ALLOWED = Map.of(OPEN,
			EnumSet.of(IN_PROGRESS, ON_HOLD, DONE, CANCELLED), IN_PROGRESS, EnumSet.of(OPEN, ON_HOLD, DONE, CANCELLED),
			ON_HOLD, EnumSet.of(OPEN, IN_PROGRESS, DONE, CANCELLED), DONE, EnumSet.of(OPEN), CANCELLED,
			EnumSet.of(OPEN));

	@Test
	void allowsExactlyTheTransitionsACoordinatorNeeds() {
		for (TaskStatus from : TaskStatus.values()) {
			for (TaskStatus to : TaskStatus.values()) {
				assertThat(from.mayBecome(to)).as(from + " -> " + to).isEqualTo(ALLOWED.get(from).contains(to));
			}
		}
	}

	@Test
	void refusesEveryOtherTransitionNamingBothStatuses() {
		int refused = 0;
		for (TaskStatus from : TaskStatus.values()) {
			for (TaskStatus to : TaskStatus.values()) {
				if (ALLOWED.get(from).contains(to)) {
					from.checkBecomes(to);
					continue;
				}
				refused++;
				assertThatThrownBy(() -> from.checkBecomes(to)).as(from + " -> " + to)
					.isInstanceOf(TaskStatus.TransitionRefusedException.class)
					.hasMessageContaining(from.label())
					.satisfies(ex -> {
						if (from != to) {
							assertThat(ex).hasMessageContaining(to.label());
						}
					});
			}
		}
		// 25 pairs, 14 allowed.
		assertThat(refused).isEqualTo(11);
	}

	@Test
	void aDoneTaskCannotBeCancelledNorACancelledOneDone() {
		assertThatThrownBy(() -> DONE.checkBecomes(CANCELLED))
			.hasMessage("A task that is done cannot become cancelled: only reopening it is allowed.");
		assertThatThrownBy(() -> CANCELLED.checkBecomes(DONE))
			.hasMessage("A task that is cancelled cannot become done: only reopening it is allowed.");
		assertThatThrownBy(() -> ON_HOLD.checkBecomes(ON_HOLD)).hasMessage("The task is already on hold.");
	}

	@Test
	void stillToDoIsOpenInProgressOrOnHold() {
		assertThat(EnumSet.allOf(TaskStatus.class).stream().filter(TaskStatus::active)).containsExactlyInAnyOrder(OPEN,
				IN_PROGRESS, ON_HOLD);
		assertThat(TaskStatus.ACTIVE_SQL).isEqualTo("status in ('OPEN', 'IN_PROGRESS', 'ON_HOLD')");
	}

	@Test
	void readsAStatusInAnyCaseAndNamesTheStatusesWhenItCannot() {
		assertThat(TaskStatus.of(" in_progress ")).isEqualTo(IN_PROGRESS);
		assertThatThrownBy(() -> TaskStatus.of("PAUSED")).hasMessageContaining("not PAUSED")
			.hasMessageContaining("ON_HOLD");
	}

}
