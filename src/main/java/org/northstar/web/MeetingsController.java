package org.northstar.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.audit.AuditAction;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.PatientAccess;
import org.northstar.meetings.AgendaItem;
import org.northstar.meetings.Decision;
import org.northstar.meetings.Meeting;
import org.northstar.meetings.MeetingRefusedException;
import org.northstar.meetings.Meetings;
import org.northstar.patient.PatientSummary;
import org.northstar.patient.Patients;
import org.northstar.patient.People;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The team's interdisciplinary meetings: the list, starting one, and the meeting itself
 * with its agenda, minutes and decisions. Only the team's coordinators and supervisors
 * see a team's meetings. Each person on the agenda is opened through
 * {@link PatientAccess} when the meeting is shown (audited as a read; someone the user
 * may no longer see is shown without their details), and for every write about them.
 */
@Controller
class MeetingsController {

	private final CurrentUser currentUser;

	private final Meetings meetings;

	private final PatientAccess access;

	private final People people;

	private final Patients patients;

	private final UserAccounts accounts;

	private final Caseloads caseloads;

	MeetingsController(CurrentUser currentUser, Meetings meetings, PatientAccess access, People people,
			Patients patients, UserAccounts accounts, Caseloads caseloads) {
		this.currentUser = currentUser;
		this.meetings = meetings;
		this.access = access;
		this.people = people;
		this.patients = patients;
		this.accounts = accounts;
		this.caseloads = caseloads;
	}

	@GetMapping("/meetings")
	String list(Model model) {
		UserAccount user = member();
		model.addAttribute("meetings", this.meetings.ofTeam(user.team(), 50));
		model.addAttribute("team", user.team());
		return "meetings/list";
	}

	/**
	 * Starts a meeting of the user's team, its agenda compiled from the team's people.
	 */
	@PostMapping("/meetings")
	String start(HttpServletRequest request) {
		UserAccount user = member();
		Meeting meeting = this.meetings.start(user);
		this.currentUser.audit(user, AuditAction.CREATE, null, "IDT meeting " + meeting.id() + " started for team "
				+ user.team() + ": " + meeting.items().size() + " people on the agenda", request);
		return "redirect:/meetings/" + meeting.id();
	}

	@GetMapping("/meetings/{id}")
	String meeting(@PathVariable("id") long id, HttpServletRequest request, Model model) {
		UserAccount user = member();
		Meeting meeting = meetingOf(user, id);
		Set<PatientId> refused = new HashSet<>();
		for (AgendaItem item : meeting.items()) {
			if (!this.access
				.check(user, item.person(), AuditAction.READ, "IDT meeting " + id + ": agenda",
						CurrentUser.address(request))
				.allowed()) {
				refused.add(item.person());
			}
		}
		model.addAttribute("meeting", meeting);
		model.addAttribute("refused", refused);
		model.addAttribute("owners", this.accounts.teamMembers(meeting.team()));
		// A decision is most often for the person's own coordinator: offered first.
		model.addAttribute("coordinators",
				this.caseloads.coordinatorsOf(meeting.items().stream().map(AgendaItem::person).toList()));
		model.addAttribute("username", user.username());
		if (meeting.open()) {
			// Whom the team could add: its people not on the agenda yet, by name.
			List<PatientId> onAgenda = meeting.items().stream().map(AgendaItem::person).toList();
			List<PatientId> others = new ArrayList<>(this.meetings.teamPeople(user));
			others.removeIf(p -> onAgenda.stream().anyMatch(a -> this.people.samePerson(a, p)));
			List<PatientSummary> candidates = this.patients.summaries(others, null);
			this.currentUser.audit(user, AuditAction.SEARCH, null,
					"IDT meeting " + id + ": " + candidates.size() + " people of the team to add", request);
			model.addAttribute("candidates", candidates);
		}
		return "meetings/meeting";
	}

	@PostMapping("/meetings/{id}/people")
	String addPerson(@PathVariable("id") long id, @RequestParam(name = "person", defaultValue = "") String person,
			HttpServletRequest request, RedirectAttributes redirect) {
		UserAccount user = member();
		meetingOf(user, id);
		return change(id, null, redirect, () -> {
			PatientId patient = parse(person);
			open(user, patient, AuditAction.UPDATE, "IDT meeting " + id + ": added to the agenda", request);
			AgendaItem item = this.meetings.addPerson(id, patient, user.username());
			return "Added " + item.name() + " to the agenda.";
		});
	}

	@PostMapping("/meetings/{id}/items/{item}/remove")
	String remove(@PathVariable("id") long id, @PathVariable("item") long item, HttpServletRequest request,
			RedirectAttributes redirect) {
		UserAccount user = member();
		AgendaItem agendaItem = itemOf(meetingOf(user, id), item);
		return change(id, null, redirect, () -> {
			open(user, agendaItem.person(), AuditAction.UPDATE, "IDT meeting " + id + ": taken off the agenda",
					request);
			this.meetings.remove(id, item);
			return "Took " + agendaItem.name() + " off the agenda.";
		});
	}

	@PostMapping("/meetings/{id}/items/{item}/move")
	String move(@PathVariable("id") long id, @PathVariable("item") long item,
			@RequestParam(name = "direction", defaultValue = "up") String direction, RedirectAttributes redirect) {
		UserAccount user = member();
		itemOf(meetingOf(user, id), item);
		return change(id, item, redirect, () -> {
			this.meetings.move(id, item, !"down".equals(direction));
			return null;
		});
	}

	@PostMapping("/meetings/{id}/items/{item}/minutes")
	String minutes(@PathVariable("id") long id, @PathVariable("item") long item,
			@RequestParam(name = "minutes", defaultValue = "") String minutes, HttpServletRequest request,
			RedirectAttributes redirect) {
		UserAccount user = member();
		AgendaItem agendaItem = itemOf(meetingOf(user, id), item);
		return change(id, item, redirect, () -> {
			open(user, agendaItem.person(), AuditAction.UPDATE, "IDT meeting " + id + ": minutes", request);
			this.meetings.writeMinutes(id, item, minutes);
			return "Saved the minutes about " + agendaItem.name() + ".";
		});
	}

	/** A decision about a person, which becomes a task on the worklist. */
	@PostMapping("/meetings/{id}/items/{item}/decisions")
	String decide(@PathVariable("id") long id, @PathVariable("item") long item,
			@RequestParam(name = "text", defaultValue = "") String text,
			@RequestParam(name = "owner", defaultValue = "") String owner,
			@RequestParam(name = "dueOn", defaultValue = "") String dueOn, HttpServletRequest request,
			RedirectAttributes redirect) {
		UserAccount user = member();
		AgendaItem agendaItem = itemOf(meetingOf(user, id), item);
		return change(id, item, redirect, () -> {
			LocalDate due = date(dueOn);
			open(user, agendaItem.person(), AuditAction.CREATE, "IDT meeting " + id + ": decision, task for " + owner,
					request);
			Decision decision = this.meetings.decide(id, item, text, owner, due, user.username());
			return "Decided for " + agendaItem.name() + ": task " + decision.taskId() + " for " + decision.owner()
					+ ", due " + decision.dueOn() + ".";
		});
	}

	@PostMapping("/meetings/{id}/close")
	String close(@PathVariable("id") long id, HttpServletRequest request, RedirectAttributes redirect) {
		UserAccount user = member();
		meetingOf(user, id);
		return change(id, null, redirect, () -> {
			Meeting closed = this.meetings.close(id, user.username());
			this.currentUser.audit(user, AuditAction.UPDATE, null, "IDT meeting " + id + " closed", request);
			return "The meeting is closed with " + closed.decisionCount() + " decisions.";
		});
	}

	/** One change to a meeting; returns what to tell the user, or null for nothing. */
	private interface Change {

		String apply();

	}

	private String change(long meetingId, Long itemId, RedirectAttributes redirect, Change change) {
		try {
			String message = change.apply();
			if (message != null) {
				redirect.addFlashAttribute("message", message);
			}
		}
		catch (MeetingRefusedException | NoSuchElementException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/meetings/" + meetingId + (itemId == null ? "" : "#agenda-item-" + itemId);
	}

	private UserAccount member() {
		UserAccount user = this.currentUser.get();
		if (!Meetings.mayMeet(user)) {
			throw new AccessRefusedException("Team meetings are for the coordinators and supervisors of a team.");
		}
		return user;
	}

	private Meeting meetingOf(UserAccount user, long id) {
		Meeting meeting = this.meetings.find(id)
			.orElseThrow(() -> new PageNotFoundException("There is no meeting " + id));
		if (!meeting.team().equals(user.team())) {
			throw new AccessRefusedException("This meeting is another team's.");
		}
		return meeting;
	}

	private static AgendaItem itemOf(Meeting meeting, long item) {
		return meeting.items()
			.stream()
			.filter(i -> i.id() == item)
			.findFirst()
			.orElseThrow(() -> new PageNotFoundException("Meeting " + meeting.id() + " has no agenda item " + item));
	}

	private void open(UserAccount user, PatientId person, AuditAction action, String what, HttpServletRequest request) {
		if (!this.access.check(user, person, action, what, CurrentUser.address(request)).allowed()) {
			throw new MeetingRefusedException("person", "This person is not on your team's caseloads.");
		}
	}

	private static LocalDate date(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			throw new MeetingRefusedException("dueOn", "'" + text + "' is not a date (yyyy-mm-dd)");
		}
	}

	private static PatientId parse(String id) {
		try {
			return new PatientId(UUID.fromString(id.strip()));
		}
		catch (IllegalArgumentException ex) {
			throw new MeetingRefusedException("person", "Choose a person of the team to add");
		}
	}

}
