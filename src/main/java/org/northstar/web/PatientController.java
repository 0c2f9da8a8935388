package org.northstar.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.northstar.audit.AuditAction;
import org.northstar.caseload.AccessDecision;
import org.northstar.caseload.PatientAccess;
import org.northstar.clinical.ClinicalItems.Kind;
import org.northstar.clinical.ClinicalRecords;
import org.northstar.patient.PatientDetails;
import org.northstar.patient.Patients;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;
import org.northstar.worklist.Tasks;
import org.northstar.worklist.TransitionsOfCare;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The whole patient on one page, every item with the source that reported it. */
@Controller
class PatientController {

	private final CurrentUser currentUser;

	private final PatientAccess access;

	private final Patients patients;

	private final ClinicalRecords clinical;

	private final Tasks tasks;

	private final TransitionsOfCare transitions;

	private final Clock clock = Clock.systemDefaultZone();

	PatientController(CurrentUser currentUser, PatientAccess access, Patients patients, ClinicalRecords clinical,
			Tasks tasks, TransitionsOfCare transitions) {
		this.currentUser = currentUser;
		this.access = access;
		this.patients = patients;
		this.clinical = clinical;
		this.tasks = tasks;
		this.transitions = transitions;
	}

	@GetMapping("/patients/{id}")
	String patient(@PathVariable("id") String id, @RequestParam(name = "kind", required = false) Set<Kind> kinds,
			@RequestParam(name = "from", required = false) LocalDate from,
			@RequestParam(name = "to", required = false) LocalDate to,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		PatientId patientId = parse(id);
		PatientDetails details = this.patients.find(patientId)
			.orElseThrow(() -> new PageNotFoundException("There is no patient " + id));
		UserAccount user = this.currentUser.get();
		boolean timelineOnly = htmx != null;
		AccessDecision decision = this.access.check(user, patientId, AuditAction.READ,
				timelineOnly ? "patient timeline" : "patient page", CurrentUser.address(request));
		model.addAttribute("patient", details);
		model.addAttribute("user", user);
		if (!decision.allowed()) {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			return "patient/refused";
		}
		Instant now = this.clock.instant();
		ZoneId zone = this.clock.getZone();
		Set<Kind> shown = kinds == null || kinds.isEmpty() ? EnumSet.allOf(Kind.class) : EnumSet.copyOf(kinds);
		Instant start = from == null ? Instant.EPOCH : from.atStartOfDay(zone).toInstant();
		Instant end = to == null ? now.plusSeconds(366L * 24 * 3600) : to.plusDays(1).atStartOfDay(zone).toInstant();
		model.addAttribute("timeline", this.clinical.timeline(patientId, shown, start, end, 200));
		model.addAttribute("kinds", List.of(Kind.values()));
		model.addAttribute("shownKinds", shown);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		if (timelineOnly) {
			return "patient/page :: timeline";
		}
		model.addAttribute("emergency", decision == AccessDecision.EMERGENCY);
		model.addAttribute("age", details.summary().ageOn(LocalDate.now(this.clock)));
		model.addAttribute("problems", this.clinical.problems(patientId));
		model.addAttribute("medications", this.clinical.activeMedications(patientId));
		model.addAttribute("allergies", this.clinical.allergies(patientId));
		model.addAttribute("careTeam", this.clinical.careTeam(patientId, now));
		model.addAttribute("tasks", this.tasks.openFor(patientId));
		model.addAttribute("today", LocalDate.now(this.clock));
		model.addAttribute("tcm", this.transitions.clocksFor(patientId, LocalDate.now(this.clock)));
		return "patient/page";
	}

	@PostMapping("/patients/{id}/tasks/{task}/done")
	String completeTask(@PathVariable("id") String id, @PathVariable("task") long task,
			@RequestParam(name = "on", required = false) LocalDate on, HttpServletRequest request,
			RedirectAttributes redirect) {
		PatientId patientId = parse(id);
		if (this.patients.find(patientId).isEmpty()) {
			throw new PageNotFoundException("There is no patient " + id);
		}
		UserAccount user = this.currentUser.get();
		LocalDate today = LocalDate.now(this.clock);
		LocalDate doneOn = on == null ? today : on;
		if (!this.access
			.check(user, patientId, AuditAction.UPDATE, "task " + task + " done on " + doneOn,
					CurrentUser.address(request))
			.allowed()) {
			// The patient page says why, and offers to break the glass.
			return "redirect:/patients/" + id;
		}
		try {
			if (!this.tasks.complete(task, patientId, user.username(), doneOn, today)) {
				redirect.addFlashAttribute("taskError", "That task is no longer open.");
			}
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("taskError", ex.getMessage());
		}
		return "redirect:/patients/" + id + "#tasks";
	}

	@PostMapping("/patients/{id}/emergency-access")
	String breakTheGlass(@PathVariable("id") String id, @RequestParam(name = "reason", defaultValue = "") String reason,
			HttpServletRequest request, RedirectAttributes redirect) {
		PatientId patientId = parse(id);
		if (this.patients.find(patientId).isEmpty()) {
			throw new PageNotFoundException("There is no patient " + id);
		}
		try {
			this.access.breakTheGlass(this.currentUser.get(), patientId, reason, CurrentUser.address(request));
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("reasonError", ex.getMessage());
		}
		return "redirect:/patients/" + id;
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
