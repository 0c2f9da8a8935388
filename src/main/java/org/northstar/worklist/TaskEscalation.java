package org.northstar.worklist;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.northstar.security.Role;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Escalates overdue tasks to their owner's team supervisors: a task still to do whose due
 * day is more than the grace period ({@code northstar.tasks.escalation-grace}, whole
 * days) past is marked escalated to the owner's team (a team queue's own team), once, and
 * its history says to whom. The supervisors find it on their team's Today. A task whose
 * owner has no team, or whose team has no supervisor, waits until it has one. Each task
 * is escalated in a transaction of its own, so the job never holds a long one.
 */
@Component
class TaskEscalation {

	private static final Logger log = LoggerFactory.getLogger(TaskEscalation.class);

	private static final int BATCH = 500;

	private final Tasks tasks;

	private final UserAccounts accounts;

	private final Clock clock;

	private final long graceDays;

	TaskEscalation(Tasks tasks, UserAccounts accounts, Clock clock,
			@Value("${northstar.tasks.escalation-grace:2d}") Duration grace) {
		if (grace.isNegative()) {
			throw new IllegalArgumentException(
					"northstar.tasks.escalation-grace (NORTHSTAR_TASKS_ESCALATION_GRACE) cannot be negative: " + grace);
		}
		this.tasks = tasks;
		this.accounts = accounts;
		this.clock = clock;
		this.graceDays = grace.toDays();
	}

	@Scheduled(initialDelayString = "${northstar.tasks.escalation-interval:PT15M}",
			fixedDelayString = "${northstar.tasks.escalation-interval:PT15M}")
	void escalateOverdue() {
		int escalated = escalateOverdue(LocalDate.now(this.clock));
		if (escalated > 0) {
			log.info("Escalated {} overdue tasks to their teams' supervisors", escalated);
		}
	}

	/**
	 * Escalates every task overdue by more than the grace period on {@code today}.
	 * @return how many were escalated now
	 */
	int escalateOverdue(LocalDate today) {
		LocalDate dueBefore = today.minusDays(this.graceDays);
		Map<String, Optional<String>> teamOf = new HashMap<>();
		Map<String, String> supervisorsOf = new HashMap<>();
		List<UserAccount> everyone = null;
		int escalated = 0;
		long after = 0;
		List<Task> batch;
		do {
			batch = this.tasks.toEscalate(dueBefore, after, BATCH);
			for (Task task : batch) {
				after = task.id();
				if (task.owner() == null) {
					continue;
				}
				Optional<String> team = teamOf.computeIfAbsent(task.owner(), this::teamOf);
				if (team.isEmpty()) {
					continue;
				}
				if (everyone == null) {
					everyone = this.accounts.all();
				}
				List<UserAccount> accounts = everyone;
				String supervisors = supervisorsOf.computeIfAbsent(team.get(),
						t -> String.join(", ",
								accounts.stream()
									.filter(a -> t.equals(a.team()) && a.enabled() && a.has(Role.SUPERVISOR))
									.map(UserAccount::username)
									.sorted()
									.toList()));
				if (!supervisors.isEmpty() && this.tasks.escalate(task.id(), team.get(), supervisors)) {
					escalated++;
				}
			}
		}
		while (batch.size() == BATCH);
		return escalated;
	}

	private Optional<String> teamOf(String owner) {
		if (owner.startsWith(Task.TEAM_QUEUE)) {
			return Optional.of(owner.substring(Task.TEAM_QUEUE.length()));
		}
		return this.accounts.find(owner).map(UserAccount::team).filter(t -> !t.isBlank());
	}

}
