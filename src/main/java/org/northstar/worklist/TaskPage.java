package org.northstar.worklist;

import java.util.List;

/** One page of tasks, and how many match in all. */
public record TaskPage(List<Task> tasks, int total) {

	public TaskPage {
		tasks = List.copyOf(tasks);
	}

}
