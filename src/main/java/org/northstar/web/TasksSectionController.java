package org.northstar.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.northstar.audit.AuditAction;
import org.northstar.careplan.CarePlan;
import org.northstar.careplan.CarePlans;
import org.northstar.careplan.PlanItem;
import org.northstar.caseload.PatientAccess;
import org.northstar.patient.People;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.worklist.Recurrence;
import org.northstar.worklist.Task;
import org.northstar.worklist.TaskBasis;
import org.northstar.worklist.TaskChange;
import org.northstar.worklist.TaskPriority;
import org.northstar.worklist.TaskStatus;
import org.northstar.worklist.Tasks;
import org.northstar.web.PatientSections.Opened;
import org.northstar.web.PatientSections.Refusal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The patient page's Tasks section, loaded on its own and changed in place: the person's
 * tasks still to do with their history, those closed in the last week (a completion can
 * be undone the day it was recorded), and a form to set a new one down with an owner (a
 * member of the user's team, or the team's queue), due date, priority and recurrence. A
 * care-plan intervention or barrier becomes a task through the same form, and the task
 * links back to it. Reads are decided and audited by {@link PatientAccess#check}; writes
 * by {@link PatientAccess#checkChange} (a clinical role with access, not under emergency
 * access). Without htmx a write redirects back to the page.
 */
@Controller
class TasksSectionController {

	private static final String FRAGMENT = "patient/tasks :: tasks";

	/** How far back the section lists closed tasks. */
	private static final int CLOSED_DAYS = 7;

	private final PatientSections sections;

	private final People people;

	private final Tasks tasks;

	private final CarePlans plans;

	private final UserAccounts accounts;

	private final Clock clock;

	TasksSectionController(PatientSections sections, People people, Tasks tasks, CarePlans plans, UserAccounts accounts,
			Clock clock) {
		this.sections = sections;
		this.people = people;
		this.tasks = tasks;
		this.plans = plans;
		this.accounts = accounts;
		this.clock = clock;
	}

	@GetMapping("/patients/{id}/tasks")
	String section(@PathVariable("id") String id, HttpServletRequest request, Model model) {
		Opened opened = this.sections.read(parse(id), "tasks", FRAGMENT, request);
		String fragment = show(opened.patient(), opened.user(), model, null, null);
		if (opened.emergency()) {
			model.addAttribute("mayChange", false);
		}
		return fragment;
	}

	/**
	 * Sets a task down for the person; with {@code planItem}, one that follows that
	 * intervention or barrier of the person's plan.
	 */
	@PostMapping("/patients/{id}/tasks")
	String create(@PathVariable("id") String id, @RequestParam(name = "title", defaultValue = "") String title,
			@RequestParam(name = "dueOn", defaultValue = "") String dueOn,
			@RequestParam(name = "owner", defaultValue = "") String owner,
			@RequestParam(name = "priority", defaultValue = "ROUTINE") String priority,
			@RequestParam(name = "repeatEvery", defaultValue = "") String repeatEvery,
			@RequestParam(name = "repeatUnit", defaultValue = "") String repeatUnit,
			@RequestParam(name = "planItem", required = false) Long planItem,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		PatientId patient = parse(id);
		String what = planItem == null ? "task created" : "task created from care-plan item " + planItem;
		return write(patient, AuditAction.CREATE, what, htmx, request, response, model, redirect, user -> {
			String named = title.strip();
			if (named.isEmpty() || named.length() > 200) {
				throw new IllegalArgumentException("A task needs a title of 1 to 200 characters.");
			}
			TaskBasis basis = planItem == null ? null : basis(patient, planItem);
			Task task = this.tasks.create(
					new TaskChange(patient, owner(user, owner), Task.Kind.OTHER, named, date("Due", dueOn),
							TaskStatus.OPEN, TaskPriority.of(priority), recurrence(repeatEvery, repeatUnit), basis),
					user.username());
			response.setHeader("HX-Trigger", "tasks-changed");
			return "Task added for " + task.owner() + ", due " + task.dueOn() + ": " + task.title() + ".";
		});
	}

	/** Starts, holds, resumes, cancels or reopens a task. */
	@PostMapping("/patients/{id}/tasks/{task}/status")
	String status(@PathVariable("id") String id, @PathVariable("task") long task,
			@RequestParam(name = "status", defaultValue = "") String status,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		PatientId patient = parse(id);
		return write(patient, AuditAction.UPDATE, "task " + task + " " + status.toLowerCase(Locale.ROOT), htmx, request,
				response, model, redirect, user -> {
					Task changed = this.tasks
						.changeStatus(task, taskPatient(patient, task), TaskStatus.of(status), user.username())
						.orElseThrow(() -> new NoSuchElementException("This person has no task " + task));
					response.setHeader("HX-Trigger", "tasks-changed");
					return "'" + changed.title() + "' is " + changed.status().label() + ".";
				});
	}

	/** Completes a task on the day it was done (today unless said). */
	@PostMapping("/patients/{id}/tasks/{task}/complete")
	String complete(@PathVariable("id") String id, @PathVariable("task") long task,
			@RequestParam(name = "on", defaultValue = "") String on,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		PatientId patient = parse(id);
		LocalDate today = LocalDate.now(this.clock);
		return write(patient, AuditAction.UPDATE, "task " + task + " done on " + (on.isBlank() ? today : on), htmx,
				request, response, model, redirect, user -> {
					LocalDate doneOn = on.isBlank() ? today : date("Done on", on);
					if (!this.tasks.complete(task, taskPatient(patient, task), user.username(), doneOn, today)) {
						throw new NoSuchElementException("That task is no longer open.");
					}
					response.setHeader("HX-Trigger", "tasks-changed");
					return "Done on " + doneOn + ": " + this.tasks.find(task).map(Task::title).orElse("") + ".";
				});
	}

	/** Undoes a completion recorded today: the task is back as it was. */
	@PostMapping("/patients/{id}/tasks/{task}/undo")
	String undo(@PathVariable("id") String id, @PathVariable("task") long task,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		PatientId patient = parse(id);
		return write(patient, AuditAction.UPDATE, "task " + task + " completion undone", htmx, request, response, model,
				redirect, user -> {
					Task found = this.tasks.find(task)
						.filter(t -> this.people.recordsOf(patient).contains(t.patient()))
						.orElseThrow(() -> new NoSuchElementException("This person has no task " + task));
					if (found.status() != TaskStatus.DONE) {
						throw new IllegalArgumentException(
								"'" + found.title() + "' is not done: there is nothing to undo.");
					}
					Task undone = this.tasks.changeStatus(task, found.patient(), TaskStatus.OPEN, user.username())
						.orElseThrow();
					response.setHeader("HX-Trigger", "tasks-changed");
					return "Undone: '" + undone.title() + "' is " + undone.status().label() + " again.";
				});
	}

	/** What one write does, given the user; returns what to tell them. */
	private interface Change {

		String apply(UserAccount user);

	}

	private String write(PatientId patient, AuditAction action, String what, String htmx, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect, Change change) {
		UserAccount user = this.sections
			.checkChange(patient, action, what,
					Refusal.inPlaceOrPage(FRAGMENT, "You may not change this person's tasks."), request)
			.user();
		String message = null;
		String error = null;
		try {
			message = change.apply(user);
		}
		catch (IllegalArgumentException | NoSuchElementException | Tasks.VersionConflictException ex) {
			error = ex.getMessage();
		}
		if (htmx == null) {
			redirect.addFlashAttribute(error == null ? "taskMessage" : "taskError", error == null ? message : error);
			return "redirect:/patients/" + patient + "#tasks";
		}
		return show(patient, user, model, message, error);
	}

	private String show(PatientId patient, UserAccount user, Model model, String message, String error) {
		List<PatientId> records = this.people.recordsOf(patient);
		LocalDate today = LocalDate.now(this.clock);
		List<Task> open = this.tasks.openFor(records);
		List<Task> closed = this.tasks.closedFor(records,
				today.minusDays(CLOSED_DAYS).atStartOfDay(this.clock.getZone()).toInstant());
		List<Long> ids = new ArrayList<>();
		open.forEach(t -> ids.add(t.id()));
		closed.forEach(t -> ids.add(t.id()));
		Set<Long> undoable = new HashSet<>();
		for (Task t : closed) {
			if (t.status() == TaskStatus.DONE && t.completedAt() != null
					&& LocalDate.ofInstant(t.completedAt(), this.clock.getZone()).equals(today)) {
				undoable.add(t.id());
			}
		}
		model.addAttribute("patientId", patient);
		model.addAttribute("openTasks", open);
		model.addAttribute("closedTasks", closed);
		model.addAttribute("undoable", undoable);
		model.addAttribute("history", this.tasks.history(ids));
		model.addAttribute("today", today);
		model.addAttribute("owners", owners(user));
		model.addAttribute("priorities", TaskPriority.values());
		model.addAttribute("username", user.username());
		model.addAttribute("mayChange", PatientAccess.CLINICAL_ROLES.stream().anyMatch(user::has));
		model.addAttribute("taskMessage", message);
		model.addAttribute("taskError", error);
		return FRAGMENT;
	}

	/** Whom a task can be given to: the user, the members of their team, its queue. */
	private Map<String, String> owners(UserAccount user) {
		Map<String, String> owners = new java.util.LinkedHashMap<>();
		owners.put(user.username(), user.displayName() + " (me)");
		if (user.team() != null) {
			for (String member : this.accounts.teamMembers(user.team())) {
				owners.putIfAbsent(member, member);
			}
			owners.put(Task.teamQueue(user.team()), "Team queue: " + user.team());
		}
		return owners;
	}

	/**
	 * The owner the form named: the user when none, else someone of the user's team or
	 * its queue, or a Northstar user with an account.
	 */
	private String owner(UserAccount user, String owner) {
		String named = owner.strip();
		if (named.isEmpty()) {
			return user.username();
		}
		if (owners(user).containsKey(named) || (!named.startsWith(Task.TEAM_QUEUE)
				&& this.accounts.find(named).filter(UserAccount::enabled).isPresent())) {
			return named;
		}
		throw new IllegalArgumentException("Owner: '" + named + "' is neither a Northstar user nor your team's queue");
	}

	/** The intervention or barrier of the person's plan a task follows. */
	private TaskBasis basis(PatientId patient, long itemId) {
		CarePlan plan = this.plans.of(this.people.recordsOf(patient))
			.orElseThrow(() -> new NoSuchElementException("This person has no care plan yet"));
		PlanItem item = plan.items()
			.stream()
			.filter(i -> i.id() == itemId)
			.findFirst()
			.orElseThrow(() -> new NoSuchElementException("This person's plan has no item " + itemId));
		if (item.kind() != PlanItem.Kind.INTERVENTION && item.kind() != PlanItem.Kind.BARRIER) {
			throw new IllegalArgumentException(
					"Only an intervention or a barrier becomes a task, not a " + item.kind().label());
		}
		String kind = item.kind() == PlanItem.Kind.BARRIER ? "Barrier" : "Intervention";
		return new TaskBasis(TaskBasis.Kind.PLAN_ITEM, item.id(), kind + ": " + item.title());
	}

	/**
	 * The record of the person the task is on; the page's record if it is none of theirs.
	 */
	private PatientId taskPatient(PatientId patient, long task) {
		return this.tasks.find(task)
			.map(Task::patient)
			.filter(this.people.recordsOf(patient)::contains)
			.orElse(patient);
	}

	private static Recurrence recurrence(String every, String unit) {
		if (every.isBlank() && (unit.isBlank() || "NONE".equals(unit))) {
			return null;
		}
		if (unit.isBlank() || "NONE".equals(unit)) {
			throw new IllegalArgumentException("Repeat: every " + every.strip() + " days or weeks?");
		}
		int count;
		try {
			count = every.isBlank() ? 1 : Integer.parseInt(every.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Repeat every: '" + every + "' is not a whole number");
		}
		try {
			return new Recurrence(count, Recurrence.Unit.valueOf(unit.strip().toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(ex.getMessage().startsWith("A task recurs") ? ex.getMessage()
					: "Repeat: '" + unit + "' is neither days nor weeks");
		}
	}

	private static LocalDate date(String field, String text) {
		if (text.isBlank()) {
			throw new IllegalArgumentException(field + ": a date is needed");
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(field + ": '" + text + "' is not a date (yyyy-mm-dd)");
		}
	}

	private static PatientId parse(String id) {
		try {
			return new PatientId(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			throw new PageNotFoundException("There is no patient " + id);
		}
	}

}
