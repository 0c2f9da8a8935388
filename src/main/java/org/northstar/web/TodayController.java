package org.northstar.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.audit.AuditAction;
import org.northstar.caseload.AssignmentRefusedException;
import org.northstar.caseload.PatientAccess;
import org.northstar.documentation.Interactions;
import org.northstar.documentation.InvalidDocumentationException;
import org.northstar.documentation.NewInteraction;
import org.northstar.patient.People;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.worklist.Task;
import org.northstar.worklist.TaskChange;
import org.northstar.worklist.Tasks;
import org.northstar.worklist.Today;
import org.northstar.worklist.TodayRow;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Today": the coordinator's home page, everything about her people that needs her,
 * ranked by an explainable priority; and the actions on a row (done, snooze, a new task,
 * a call, reassign), each answered by htmx with the row as it now stands. Every action
 * opens the person through {@link PatientAccess} (audited, refused outside the user's
 * reach).
 */
@Controller
class TodayController {

	private final CurrentUser currentUser;

	private final Today today;

	private final Tasks tasks;

	private final Interactions interactions;

	private final PatientAccess access;

	private final People people;

	private final UserAccounts accounts;

	private final Clock clock;

	private final DateFormats dates;

	TodayController(CurrentUser currentUser, Today today, Tasks tasks, Interactions interactions, PatientAccess access,
			People people, UserAccounts accounts, Clock clock, DateFormats dates) {
		this.dates = dates;
		this.currentUser = currentUser;
		this.today = today;
		this.tasks = tasks;
		this.interactions = interactions;
		this.access = access;
		this.people = people;
		this.accounts = accounts;
		this.clock = clock;
	}

	@GetMapping("/today")
	String today(HttpServletRequest request, Model model) {
		UserAccount user = this.currentUser.get();
		List<TodayRow> rows = this.today.forUser(user);
		this.currentUser.audit(user, AuditAction.SEARCH, null, "Today: " + rows.size() + " people", request);
		model.addAttribute("rows", rows);
		page(user, model);
		return "today/page";
	}

	/** The team's Today, by coordinator, with what is overdue. */
	@GetMapping("/today/team")
	String team(HttpServletRequest request, Model model) {
		UserAccount user = this.currentUser.get();
		if (!user.has(Role.SUPERVISOR)) {
			throw new AccessRefusedException("Only supervisors see the team's Today.");
		}
		Map<String, List<TodayRow>> team = this.today.forTeam(user);
		List<Task> escalated = user.team() == null ? List.of() : this.tasks.escalatedTo(user.team());
		this.currentUser.audit(
				user, AuditAction.SEARCH, null, "Team Today: " + team.values().stream().mapToInt(List::size).sum()
						+ " people of " + team.size() + " coordinators, " + escalated.size() + " escalated tasks",
				request);
		model.addAttribute("team", team);
		model.addAttribute("escalated", escalated);
		LocalDate today = LocalDate.now(this.clock);
		model.addAttribute("overdue",
				team.entrySet().stream().map(e -> Overdue.of(e.getKey(), e.getValue(), today)).toList());
		page(user, model);
		return "today/team";
	}

	/**
	 * What is late on one coordinator's Today, counted: tasks by their kind and due day
	 * (a transition-of-care contact, any other task), never by the words of a reason.
	 */
	record Overdue(String coordinator, int people, int tcmContacts, int tasks, int notContacted) {

		static Overdue of(String coordinator, List<TodayRow> rows, LocalDate today) {
			int tcm = 0;
			int tasks = 0;
			int notContacted = 0;
			for (TodayRow row : rows) {
				for (Task task : row.tasks()) {
					if (task.dueOn().isBefore(today)) {
						if (task.kind() == Task.Kind.TCM_CONTACT) {
							tcm++;
						}
						else {
							tasks++;
						}
					}
				}
				if (row.reasons().stream().anyMatch(r -> r.kind() == TodayRow.Kind.NOT_CONTACTED)) {
					notContacted++;
				}
			}
			return new Overdue(coordinator, rows.size(), tcm, tasks, notContacted);
		}

	}

	/**
	 * One action's form for a row, loaded when the coordinator opens it (see
	 * today/forms.html).
	 */
	@GetMapping("/today/people/{person}/forms/{form}")
	String form(@PathVariable("person") UUID personId, @PathVariable("form") String form, HttpServletRequest request,
			Model model) {
		if (!List.of("call", "snooze", "task", "reassign").contains(form)) {
			throw new PageNotFoundException("No Today form '" + form + "'");
		}
		UserAccount user = this.currentUser.get();
		PatientId person = new PatientId(personId);
		open(user, person, AuditAction.READ, "Today: " + form + " form", request);
		Optional<TodayRow> row = this.today.rowOf(user, person);
		if (row.isEmpty()) {
			return "today/forms :: none";
		}
		model.addAttribute("row", row.get());
		page(user, model);
		return "today/forms :: " + form;
	}

	@PostMapping("/today/tasks/{task}/done")
	String done(@PathVariable("task") long task, @RequestParam("person") UUID personId,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request,
			Model model) {
		PatientId person = new PatientId(personId);
		UserAccount user = this.currentUser.get();
		Task found = this.tasks.find(task)
			.filter(t -> this.people.samePerson(person, t.patient()))
			.orElseThrow(() -> new PageNotFoundException("The person has no task " + task));
		open(user, found.patient(), AuditAction.UPDATE, "Today: task " + task + " done", request);
		LocalDate day = LocalDate.now(this.clock);
		String message = this.tasks.complete(task, found.patient(), user.username(), day, day)
				? "Done: " + TodayRow.shortName(found) + "." : "That task was no longer open.";
		return row(user, person, message, htmx, model);
	}

	@PostMapping("/today/people/{person}/snooze")
	String snooze(@PathVariable("person") UUID personId, @RequestParam("until") String until,
			@RequestParam("reason") String reason, @RequestHeader(name = "HX-Request", required = false) String htmx,
			HttpServletRequest request, Model model) {
		PatientId person = new PatientId(personId);
		UserAccount user = this.currentUser.get();
		open(user, person, AuditAction.UPDATE, "Today: snoozed", request);
		String message;
		try {
			TodayRow.Snooze snooze = this.today.snooze(user, person, day("until", until), reason);
			message = "Snoozed until " + this.dates.date(snooze.until()) + ": " + snooze.reason() + ".";
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("error", ex.getMessage());
			message = null;
		}
		return row(user, person, message, htmx, model);
	}

	@PostMapping("/today/people/{person}/tasks")
	String createTask(@PathVariable("person") UUID personId, @RequestParam("title") String title,
			@RequestParam("dueOn") String dueOn, @RequestHeader(name = "HX-Request", required = false) String htmx,
			HttpServletRequest request, Model model) {
		PatientId person = new PatientId(personId);
		UserAccount user = this.currentUser.get();
		open(user, person, AuditAction.CREATE, "Today: task created", request);
		String message = null;
		if (title == null || title.isBlank() || title.length() > 200) {
			model.addAttribute("error", "A task needs a title of 1 to 200 characters.");
		}
		else {
			try {
				LocalDate due = day("dueOn", dueOn);
				this.tasks.create(new TaskChange(person, user.username(), Task.Kind.OTHER, title.strip(), due, "OPEN"));
				message = "Task added, due " + this.dates.date(due) + ": " + title.strip() + ".";
			}
			catch (IllegalArgumentException ex) {
				model.addAttribute("error", ex.getMessage());
			}
		}
		return row(user, person, message, htmx, model);
	}

	@PostMapping("/today/people/{person}/calls")
	String call(@PathVariable("person") UUID personId, @RequestParam("outcome") String outcome,
			@RequestParam("minutes") String minutes,
			@RequestParam(name = "activity", defaultValue = "OTHER") String activity,
			@RequestParam(name = "note", defaultValue = "") String note,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request,
			Model model) {
		PatientId person = new PatientId(personId);
		UserAccount user = this.currentUser.get();
		open(user, person, AuditAction.CREATE, "Today: call documented", request);
		String message = null;
		try {
			Integer parsedMinutes = minutes == null || minutes.isBlank() ? null : Integer.valueOf(minutes.strip());
			Instant now = this.clock.instant();
			this.interactions.record(person,
					new NewInteraction("PHONE_OUT", outcome, now.toString(), parsedMinutes, "CLINICAL_STAFF", activity,
							note.isBlank() ? "Call from Today: " + outcome.toLowerCase() : note, List.of(), null, null),
					user.username());
			message = "Call documented: " + outcome.toLowerCase().replace('_', ' ') + ", " + parsedMinutes + " min.";
		}
		catch (NumberFormatException ex) {
			model.addAttribute("error", "Minutes: '" + minutes + "' is not a whole number");
		}
		catch (InvalidDocumentationException ex) {
			model.addAttribute("error", ex.getMessage());
		}
		return row(user, person, message, htmx, model);
	}

	@PostMapping("/today/people/{person}/coordinator")
	String reassign(@PathVariable("person") UUID personId, @RequestParam("coordinator") String coordinator,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request,
			Model model) {
		PatientId person = new PatientId(personId);
		UserAccount user = this.currentUser.get();
		if (!user.has(Role.SUPERVISOR)) {
			this.currentUser.auditRefused(user, AuditAction.UPDATE, person,
					"Today: reassigning refused, not a supervisor", request);
			throw new AccessRefusedException("Only supervisors reassign people.");
		}
		open(user, person, AuditAction.UPDATE, "Today: reassigned to " + coordinator, request);
		if (!teamCoordinators(user).contains(coordinator)) {
			model.addAttribute("error", coordinator + " is not a coordinator of your team.");
			return row(user, person, null, htmx, model);
		}
		try {
			this.today.reassign(user, person, coordinator, CurrentUser.address(request));
		}
		catch (AssignmentRefusedException ex) {
			model.addAttribute("error", ex.getMessage());
			return row(user, person, null, htmx, model);
		}
		return row(user, person, "Reassigned to " + coordinator + ".", htmx, model);
	}

	private List<String> teamCoordinators(UserAccount user) {
		if (user.team() == null) {
			return List.of();
		}
		return this.accounts.teamMembers(user.team())
			.stream()
			.filter(name -> this.accounts.find(name).map(a -> a.has(Role.COORDINATOR) && a.enabled()).orElse(false))
			.toList();
	}

	/**
	 * Opens the person's record for an action on their row, audited.
	 * @throws AccessRefusedException outside the user's reach (the refusal is audited)
	 */
	private void open(UserAccount user, PatientId person, AuditAction action, String what, HttpServletRequest request) {
		if (!this.access.check(user, person, action, what, CurrentUser.address(request)).allowed()) {
			throw new AccessRefusedException("This person is not on your caseloads.");
		}
	}

	private String row(UserAccount user, PatientId person, String message, String htmx, Model model) {
		if (htmx == null) {
			return "redirect:/today";
		}
		Optional<TodayRow> row = this.today.rowOf(user, person);
		model.addAttribute("row", row.orElse(null));
		model.addAttribute("person", person);
		model.addAttribute("message", message);
		page(user, model);
		return "today/row :: row";
	}

	private void page(UserAccount user, Model model) {
		model.addAttribute("user", user);
		model.addAttribute("todayDay", LocalDate.now(this.clock));
		model.addAttribute("weights", this.today.weights());
		model.addAttribute("supervisor", user.has(Role.SUPERVISOR));
		model.addAttribute("coordinators", user.has(Role.SUPERVISOR) ? teamCoordinators(user) : List.of());
	}

	private static LocalDate day(String field, String value) {
		try {
			return LocalDate.parse(value.strip());
		}
		catch (java.time.format.DateTimeParseException | NullPointerException ex) {
			throw new IllegalArgumentException(field + ": '" + value + "' is not a day (YYYY-MM-DD)");
		}
	}

}
