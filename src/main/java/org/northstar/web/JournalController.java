package org.northstar.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.audit.AuditAction;
import org.northstar.careplan.BarrierKind;
import org.northstar.caseload.PatientAccess;
import org.northstar.meetings.FamilyConference;
import org.northstar.meetings.FamilyConferences;
import org.northstar.meetings.MeetingRefusedException;
import org.northstar.meetings.Meetings;
import org.northstar.meetings.Victories;
import org.northstar.meetings.Victory;
import org.northstar.patient.People;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;
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
 * The victory journal and family conference records: the patient page's section for them,
 * loaded on its own and changed in place, and the team's journal of victories by
 * coordinator. Every read and write about a person is decided and audited by
 * {@link PatientAccess}; only a clinical role records.
 */
@Controller
class JournalController {

	private static final String FRAGMENT = "meetings/journal :: journal";

	private static final Refusal WRITE_REFUSED = Refusal.inPlaceOrPage(FRAGMENT,
			"You may not record this for this person.");

	/** How far back the team's journal looks unless told otherwise. */
	private static final int JOURNAL_DAYS = 90;

	private final CurrentUser currentUser;

	private final PatientSections sections;

	private final People people;

	private final Victories victories;

	private final FamilyConferences conferences;

	private final Clock clock;

	JournalController(CurrentUser currentUser, PatientSections sections, People people, Victories victories,
			FamilyConferences conferences, Clock clock) {
		this.currentUser = currentUser;
		this.sections = sections;
		this.people = people;
		this.victories = victories;
		this.conferences = conferences;
		this.clock = clock;
	}

	@GetMapping("/patients/{id}/journal")
	String journal(@PathVariable("id") String id, HttpServletRequest request, Model model) {
		Opened opened = this.sections.read(parse(id), "victories and family conferences", FRAGMENT, request);
		return show(opened.patient(), opened.user(), model, null, null);
	}

	@PostMapping("/patients/{id}/victories")
	String recordVictory(@PathVariable("id") String id, @RequestParam(name = "text", defaultValue = "") String text,
			@RequestParam(name = "happenedOn", defaultValue = "") String happenedOn,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		PatientId patient = parse(id);
		return write(patient, "victory", htmx, request, model, redirect, user -> {
			Victory victory = this.victories.record(patient, text, date("happenedOn", happenedOn), user.username());
			return "Recorded the victory: " + victory.text();
		});
	}

	@PostMapping("/patients/{id}/family-conferences")
	String recordConference(@PathVariable("id") String id,
			@RequestParam(name = "heldOn", defaultValue = "") String heldOn,
			@RequestParam(name = "participants", defaultValue = "") String participants,
			@RequestParam(name = "explained", defaultValue = "") String explained,
			@RequestParam(name = "questions", defaultValue = "") String questions,
			@RequestParam(name = "decisions", defaultValue = "") String decisions,
			@RequestParam(name = "caregiverConcerns", defaultValue = "") String caregiverConcerns,
			@RequestParam(name = "raiseBarrier", defaultValue = "false") boolean raiseBarrier,
			@RequestParam(name = "barrierAction", defaultValue = "") String barrierAction,
			@RequestParam(name = "barrierDueOn", defaultValue = "") String barrierDueOn,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		PatientId patient = parse(id);
		return write(patient, "family conference" + (raiseBarrier ? " and caregiver-strain barrier" : ""), htmx,
				request, model, redirect, user -> {
					FamilyConference.Draft draft = new FamilyConference.Draft(date("heldOn", heldOn), participants,
							explained, questions, decisions, caregiverConcerns, raiseBarrier, barrierAction,
							date("barrierDueOn", barrierDueOn));
					FamilyConference recorded = this.conferences.record(patient, this.people.recordsOf(patient), draft,
							user.username());
					return "Recorded the family conference of " + recorded.heldOn()
							+ (recorded.barrierItemId() == null ? "."
									: "; raised a " + BarrierKind.CAREGIVER_STRAIN.label().toLowerCase()
											+ " barrier on the care plan.");
				});
	}

	/**
	 * The team's victory journal, by coordinator: the victories of the people on the
	 * team's caseloads, or of one coordinator's.
	 */
	@GetMapping("/victories")
	String teamJournal(@RequestParam(name = "coordinator", required = false) String coordinator,
			HttpServletRequest request, Model model) {
		UserAccount user = this.currentUser.get();
		if (!Meetings.mayMeet(user)) {
			throw new AccessRefusedException("The victory journal is for the coordinators and supervisors of a team.");
		}
		String only = coordinator == null || coordinator.isBlank() ? null : coordinator.strip();
		LocalDate since = LocalDate.now(this.clock).minusDays(JOURNAL_DAYS);
		List<Victories.Listed> listed = this.victories.ofTeam(user, only, since);
		this.currentUser.audit(user, AuditAction.SEARCH, null, "Victory journal of team " + user.team()
				+ (only == null ? "" : ", coordinator " + only) + ": " + listed.size() + " victories", request);
		model.addAttribute("victories", listed);
		model.addAttribute("coordinator", only);
		model.addAttribute("coordinators", new TreeSet<>(
				this.victories.ofTeam(user, null, since).stream().map(Victories.Listed::coordinator).toList()));
		model.addAttribute("team", user.team());
		model.addAttribute("since", since);
		return "meetings/victories";
	}

	/** What one write does, given the user; returns what to tell them. */
	private interface Change {

		String apply(UserAccount user);

	}

	private String write(PatientId patient, String what, String htmx, HttpServletRequest request, Model model,
			RedirectAttributes redirect, Change change) {
		Opened opened = this.sections.check(patient, AuditAction.CREATE, what, WRITE_REFUSED, request);
		if (!opened.clinician()) {
			throw WRITE_REFUSED.answer(request);
		}
		UserAccount user = opened.user();
		String message = null;
		String error = null;
		try {
			message = change.apply(user);
		}
		catch (MeetingRefusedException ex) {
			error = ex.getMessage();
		}
		if (htmx == null) {
			redirect.addFlashAttribute(error == null ? "journalMessage" : "journalError",
					error == null ? message : error);
			return "redirect:/patients/" + patient + "#journal";
		}
		return show(patient, user, model, message, error);
	}

	private String show(PatientId patient, UserAccount user, Model model, String message, String error) {
		List<PatientId> records = this.people.recordsOf(patient);
		model.addAttribute("patientId", patient);
		model.addAttribute("victories", this.victories.of(records));
		model.addAttribute("conferences", this.conferences.of(records));
		model.addAttribute("today", LocalDate.now(this.clock));
		model.addAttribute("mayRecord", PatientAccess.CLINICAL_ROLES.stream().anyMatch(user::has));
		model.addAttribute("journalMessage", message);
		model.addAttribute("journalError", error);
		return FRAGMENT;
	}

	private static LocalDate date(String field, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			throw new MeetingRefusedException(field, "'" + text + "' is not a date (yyyy-mm-dd)");
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
