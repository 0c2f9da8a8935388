package org.northstar.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.audit.AuditAction;
import org.northstar.careplan.CarePlan;
import org.northstar.careplan.CarePlans;
import org.northstar.careplan.CareTeam;
import org.northstar.careplan.CareTeamMember;
import org.northstar.careplan.CareTeams;
import org.northstar.careplan.Channel;
import org.northstar.careplan.HandoffNote;
import org.northstar.careplan.Handoffs;
import org.northstar.careplan.InvalidPlanItemException;
import org.northstar.careplan.MemberDraft;
import org.northstar.careplan.PlanConflictException;
import org.northstar.careplan.PlanShare;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.PatientAccess;
import org.northstar.clinical.ClinicalRecords;
import org.northstar.patient.People;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.web.PatientSections.Opened;
import org.northstar.web.PatientSections.Refusal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The care team inside the care-plan section, loaded on its own and changed in place:
 * members from every organisation with how to reach them and whether they have seen the
 * latest plan, whom the plan was sent to, the handoff notes between coordinators, and the
 * care team the person's other sources sent. Reads are decided and audited by
 * {@link PatientAccess}; changes by {@link PatientAccess#checkChange} (the care team
 * only; emergency access reads).
 */
@Controller
class CareTeamController {

	private static final String FRAGMENT = "careplan/team :: team";

	private final PatientSections sections;

	private final People people;

	private final CarePlans plans;

	private final CareTeams teams;

	private final Handoffs handoffs;

	private final ClinicalRecords clinical;

	private final Caseloads caseloads;

	private final UserAccounts accounts;

	private final Clock clock;

	CareTeamController(PatientSections sections, People people, CarePlans plans, CareTeams teams, Handoffs handoffs,
			ClinicalRecords clinical, Caseloads caseloads, UserAccounts accounts, Clock clock) {
		this.sections = sections;
		this.people = people;
		this.plans = plans;
		this.teams = teams;
		this.handoffs = handoffs;
		this.clinical = clinical;
		this.caseloads = caseloads;
		this.accounts = accounts;
		this.clock = clock;
	}

	@GetMapping("/patients/{id}/care-team")
	String team(@PathVariable("id") String id, HttpServletRequest request, Model model) {
		Opened opened = this.sections.read(parse(id), "care team", FRAGMENT, request);
		return show(opened.patient(), opened.user(), !opened.emergency() && opened.clinician(), model, null, null);
	}

	/** Adds a member: a Northstar user, or someone outside with a way to reach them. */
	@PostMapping("/patients/{id}/care-team/members")
	String add(@PathVariable("id") String id, @RequestParam(name = "username", required = false) String username,
			@RequestParam(name = "name", required = false) String name,
			@RequestParam(name = "role", required = false) String role,
			@RequestParam(name = "organisation", required = false) String organisation,
			@RequestParam(name = "phone", required = false) String phone,
			@RequestParam(name = "email", required = false) String email,
			@RequestParam(name = "channel", required = false) String channel,
			@RequestParam(name = "startedOn", required = false) String startedOn, HttpServletRequest request,
			Model model) {
		PatientId patient = parse(id);
		return write(patient, AuditAction.CREATE, "care team: add a member", request, model, user -> {
			// Checked before the plan is opened, so that a refused member opens nothing.
			MemberDraft draft = draft(username, name, role, organisation, phone, email, channel, startedOn).validated();
			CarePlan plan = this.plans.open(patient, this.people.recordsOf(patient), user.username());
			CareTeamMember member = this.teams.add(plan.id(), draft, user.username());
			return "Added " + member.name() + " (" + member.role() + ") to the care team.";
		});
	}

	/** Changes a member's details, against the version the form showed. */
	@PostMapping("/patients/{id}/care-team/members/{member}")
	String change(@PathVariable("id") String id, @PathVariable("member") long member,
			@RequestParam("version") int version, @RequestParam(name = "username", required = false) String username,
			@RequestParam(name = "name", required = false) String name,
			@RequestParam(name = "role", required = false) String role,
			@RequestParam(name = "organisation", required = false) String organisation,
			@RequestParam(name = "phone", required = false) String phone,
			@RequestParam(name = "email", required = false) String email,
			@RequestParam(name = "channel", required = false) String channel,
			@RequestParam(name = "startedOn", required = false) String startedOn, HttpServletRequest request,
			Model model) {
		PatientId patient = parse(id);
		return write(patient, AuditAction.UPDATE, "care team: change member " + member, request, model, user -> {
			CarePlan plan = existing(patient);
			CareTeamMember changed = this.teams.change(plan.id(), member, version,
					draft(username, name, role, organisation, phone, email, channel, startedOn), user.username());
			return "Saved " + changed.name() + "'s details.";
		});
	}

	/** Ends a membership on a day, with the reason; the member stays in the history. */
	@PostMapping("/patients/{id}/care-team/members/{member}/end")
	String end(@PathVariable("id") String id, @PathVariable("member") long member, @RequestParam("version") int version,
			@RequestParam(name = "endedOn", required = false) String endedOn,
			@RequestParam(name = "reason", required = false) String reason, HttpServletRequest request, Model model) {
		PatientId patient = parse(id);
		return write(patient, AuditAction.UPDATE, "care team: end member " + member, request, model, user -> {
			CareTeamMember ended = this.teams.end(existing(patient).id(), member, version, date("endedOn", endedOn),
					reason, user.username());
			return ended.name() + " left the care team on " + ended.endedOn() + ".";
		});
	}

	/** Records that a member has seen the plan's current version (told, shown). */
	@PostMapping("/patients/{id}/care-team/members/{member}/seen")
	String seen(@PathVariable("id") String id, @PathVariable("member") long member,
			@RequestParam("planVersion") int planVersion, HttpServletRequest request, Model model) {
		PatientId patient = parse(id);
		return write(patient, AuditAction.UPDATE, "care team: member " + member + " saw plan version " + planVersion,
				request, model, user -> {
					CareTeamMember seen = this.teams.markSeen(existing(patient).id(), member, planVersion,
							user.username());
					return seen.name() + " has seen version " + seen.seenVersion() + " of the plan.";
				});
	}

	/**
	 * Records that the plan was sent to a member, how, and in which form; audited as an
	 * export of the plan.
	 */
	@PostMapping("/patients/{id}/care-team/shares")
	String share(@PathVariable("id") String id, @RequestParam(name = "member", defaultValue = "0") long member,
			@RequestParam(name = "format", defaultValue = "BUNDLE") String format,
			@RequestParam(name = "channel", required = false) String channel, HttpServletRequest request, Model model) {
		PatientId patient = parse(id);
		return write(patient, AuditAction.EXPORT, "care plan sent to care-team member " + member, request, model,
				user -> {
					PlanShare share = this.teams.shared(existing(patient).id(), member, format(format),
							channel(channel), user.username());
					return "Recorded: version " + share.planVersion() + " of the plan sent to " + share.member() + " ("
							+ share.format().label() + ", " + share.channel().label().toLowerCase() + ").";
				});
	}

	/**
	 * Writes the handoff note: the one a reassignment prompted the previous coordinator
	 * for, or the writer's own note ahead of a move.
	 */
	@PostMapping("/patients/{id}/care-team/handoff")
	String handoff(@PathVariable("id") String id, @RequestParam(name = "from", required = false) String from,
			@RequestParam(name = "text", defaultValue = "") String text, HttpServletRequest request, Model model) {
		PatientId patient = parse(id);
		return write(patient, AuditAction.CREATE, "handoff note", request, model, user -> {
			String writer = from == null || from.isBlank() ? user.username() : from.strip();
			this.handoffs.write(patient, writer, text, user.username());
			return "Handoff note saved.";
		});
	}

	/** The new coordinator has read the handoff note. */
	@PostMapping("/patients/{id}/care-team/handoff/{note}/acknowledge")
	String acknowledge(@PathVariable("id") String id, @PathVariable("note") long note, HttpServletRequest request,
			Model model) {
		PatientId patient = parse(id);
		return write(patient, AuditAction.UPDATE, "handoff note " + note + " acknowledged", request, model, user -> {
			this.handoffs.acknowledge(this.people.recordsOf(patient), note, user.username());
			return "Handoff note acknowledged.";
		});
	}

	private interface Change {

		String apply(UserAccount user);

	}

	private String write(PatientId patient, AuditAction action, String what, HttpServletRequest request, Model model,
			Change change) {
		UserAccount user = this.sections.checkChange(patient, action, what, Refusal.inPlace(FRAGMENT), request).user();
		String message = null;
		String error = null;
		try {
			message = change.apply(user);
		}
		catch (InvalidPlanItemException | PlanConflictException | NoSuchElementException ex) {
			error = ex.getMessage();
		}
		return show(patient, user, true, model, message, error);
	}

	private String show(PatientId patient, UserAccount user, boolean mayChange, Model model, String message,
			String error) {
		List<PatientId> records = this.people.recordsOf(patient);
		Optional<CarePlan> plan = this.plans.of(records);
		Optional<CareTeam> team = plan.map(p -> this.teams.team(p.id()));
		LocalDate today = LocalDate.now(this.clock);
		Instant now = this.clock.instant();
		model.addAttribute("patientId", patient);
		model.addAttribute("plan", plan.orElse(null));
		model.addAttribute("team", team.orElse(null));
		model.addAttribute("current", team.map(t -> t.current(today)).orElse(List.of()));
		model.addAttribute("past", team.map(t -> t.past(today)).orElse(List.of()));
		model.addAttribute("shares", plan.map(p -> this.teams.shares(p.id())).orElse(List.of()));
		model.addAttribute("teamHistory", plan.map(p -> this.teams.history(p.id())).orElse(List.of()));
		List<HandoffNote> notes = this.handoffs.of(records);
		model.addAttribute("handoffs", notes);
		// The person's coordinator may leave one note ahead for whoever comes next.
		model.addAttribute("mayWriteAhead",
				this.caseloads.coordinatorOf(patient).filter(user.username()::equals).isPresent()
						&& notes.stream().noneMatch(n -> n.to() == null && n.from().equals(user.username())));
		model.addAttribute("imported", this.clinical.careTeam(records, now));
		model.addAttribute("channels", Channel.values());
		model.addAttribute("formats", PlanShare.Format.values());
		model.addAttribute("today", today);
		model.addAttribute("username", user.username());
		model.addAttribute("mayChange", mayChange);
		if (message != null) {
			model.addAttribute("teamMessage", message);
		}
		if (error != null) {
			model.addAttribute("teamError", error);
		}
		return FRAGMENT;
	}

	private MemberDraft draft(String username, String name, String role, String organisation, String phone,
			String email, String channel, String startedOn) {
		String user = username == null || username.isBlank() ? null : username.strip();
		String named = name;
		if (user != null) {
			UserAccount account = this.accounts.find(user)
				.filter(UserAccount::enabled)
				.orElseThrow(() -> new InvalidPlanItemException("username",
						"there is no Northstar user '" + user + "': leave it empty for someone outside Northstar"));
			if (named == null || named.isBlank()) {
				named = account.displayName();
			}
		}
		LocalDate started = date("startedOn", startedOn);
		return new MemberDraft(user, named, role, organisation, phone, email,
				channel == null || channel.isBlank() ? null : channel(channel),
				started == null ? LocalDate.now(this.clock) : started);
	}

	private CarePlan existing(PatientId patient) {
		return this.plans.of(this.people.recordsOf(patient))
			.orElseThrow(() -> new NoSuchElementException("This person has no care plan yet"));
	}

	private static Channel channel(String channel) {
		if (channel == null || channel.isBlank()) {
			throw new InvalidPlanItemException("channel", "say how");
		}
		try {
			return Channel.valueOf(channel.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidPlanItemException("channel", "'" + channel + "' is not a way to reach someone");
		}
	}

	private static PlanShare.Format format(String format) {
		try {
			return PlanShare.Format.valueOf(format.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidPlanItemException("format", "'" + format + "' is not a bundle or a summary");
		}
	}

	private static LocalDate date(String field, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw new InvalidPlanItemException(field, "'" + text + "' is not a date (yyyy-mm-dd)");
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
