package org.northstar.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.northstar.audit.AuditAction;
import org.northstar.caseload.AccessDecision;
import org.northstar.caseload.EmergencyAccessRefusedException;
import org.northstar.caseload.EmergencyReason;
import org.northstar.caseload.PatientAccess;
import org.northstar.clinical.ClinicalItems.Kind;
import org.northstar.clinical.ClinicalRecords;
import org.northstar.patient.PatientDetails;
import org.northstar.patient.Patients;
import org.northstar.patient.RecordLink;
import org.northstar.patient.RecordLinkage;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;
import org.northstar.worklist.Task;
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

	private final RecordLinkage linkage;

	private final Clock clock;

	PatientController(CurrentUser currentUser, PatientAccess access, Patients patients, ClinicalRecords clinical,
			Tasks tasks, TransitionsOfCare transitions, RecordLinkage linkage, Clock clock) {
		this.clock = clock;
		this.currentUser = currentUser;
		this.access = access;
		this.patients = patients;
		this.clinical = clinical;
		this.tasks = tasks;
		this.transitions = transitions;
		this.linkage = linkage;
	}

	/**
	 * One of the records the page merges: the source's own header, and how it was linked
	 * (null for the record the page is about when it joined the person first).
	 */
	public record SourceRecord(PatientDetails details, RecordLink link, boolean current) {
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
		model.addAttribute("user", user);
		if (!decision.allowed()) {
			// Nothing that says who the patient is: not their name, birth date or
			// identifiers. The id is the one the user already has.
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			model.addAttribute("patientId", patientId);
			model.addAttribute("mayBreakTheGlass", this.access.mayBreakTheGlass(user));
			model.addAttribute("reasons", List.of(EmergencyReason.Category.values()));
			return "patient/refused";
		}
		model.addAttribute("patient", details);
		Instant now = this.clock.instant();
		Set<Kind> shown = kinds == null || kinds.isEmpty() ? EnumSet.allOf(Kind.class) : EnumSet.copyOf(kinds);
		// The person's whole record: every linked record's items, each fact once.
		List<PatientId> records = this.patients.linkedRecords(patientId);
		model.addAttribute("timeline", this.clinical.timeline(records, shown, from, to, this.clock, 200));
		model.addAttribute("kinds", List.of(Kind.values()));
		model.addAttribute("shownKinds", shown);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		if (timelineOnly) {
			return "patient/page :: timeline";
		}
		model.addAttribute("emergency", decision == AccessDecision.EMERGENCY);
		model.addAttribute("age", details.summary().ageOn(LocalDate.now(this.clock)));
		model.addAttribute("languageAsSent", this.clinical.languagesAsSent(List.of(patientId)).get(patientId));
		model.addAttribute("problems", this.clinical.problems(records));
		model.addAttribute("medications", this.clinical.activeMedications(records));
		model.addAttribute("allergies", this.clinical.allergies(records));
		model.addAttribute("careTeam", this.clinical.careTeam(records, now));
		List<SourceRecord> sourceRecords = sourceRecords(patientId, records);
		model.addAttribute("sourceRecords", sourceRecords);
		model.addAttribute("sourceCount", sourceRecords.stream().map(r -> r.details().source()).distinct().count());
		LocalDate today = LocalDate.now(this.clock);
		model.addAttribute("tasks", this.tasks.openFor(records));
		model.addAttribute("today", today);
		model.addAttribute("tcm", this.transitions.clocksFor(records, today));
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
		// The task may belong to any record of the person the page shows.
		PatientId taskPatient = this.tasks.find(task)
			.map(Task::patient)
			.filter(this.patients.linkedRecords(patientId)::contains)
			.orElse(patientId);
		try {
			if (!this.tasks.complete(task, taskPatient, user.username(), doneOn, today)) {
				redirect.addFlashAttribute("taskError", "That task is no longer open.");
			}
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("taskError", ex.getMessage());
		}
		return "redirect:/patients/" + id + "#tasks";
	}

	private List<SourceRecord> sourceRecords(PatientId patient, List<PatientId> records) {
		if (records.size() < 2) {
			return List.of();
		}
		java.util.Map<PatientId, RecordLink> links = new java.util.HashMap<>();
		this.linkage.linksOf(patient).forEach(l -> links.put(l.record(), l));
		return records.stream()
			.map(r -> this.patients.find(r).map(d -> new SourceRecord(d, links.get(r), r.equals(patient))).orElse(null))
			.filter(java.util.Objects::nonNull)
			.toList();
	}

	/**
	 * Takes one record out of the person this page shows: a coordinator found it is
	 * someone else. Audited for both records.
	 */
	@PostMapping("/patients/{id}/records/{record}/unlink")
	String unlink(@PathVariable("id") String id, @PathVariable("record") String record, HttpServletRequest request,
			RedirectAttributes redirect) {
		PatientId patientId = parse(id);
		PatientId recordId = parse(record);
		if (!this.patients.linkedRecords(patientId).contains(recordId)
				|| patientId.equals(recordId) && this.patients.linkedRecords(patientId).size() < 2) {
			throw new PageNotFoundException("Record " + record + " is not linked to patient " + id);
		}
		UserAccount user = this.currentUser.get();
		String address = CurrentUser.address(request);
		if (!LinkageController.mayDecide(user)
				|| !this.access.check(user, patientId, AuditAction.UNLINK, "unlink record " + record, address).allowed()
				|| !this.access.check(user, recordId, AuditAction.UNLINK, "unlink from patient " + id, address)
					.allowed()) {
			throw new AccessRefusedException("You may not unlink records of this patient");
		}
		this.linkage.unlink(recordId, user.username());
		redirect.addFlashAttribute("message", "Record unlinked: it is shown on its own again.");
		return "redirect:/patients/" + (patientId.equals(recordId) ? record : id);
	}

	/**
	 * Breaks the glass with a reason chosen from the list and the user's own words
	 * ({@code reason}, needed for "other").
	 */
	@PostMapping("/patients/{id}/emergency-access")
	String breakTheGlass(@PathVariable("id") String id,
			@RequestParam(name = "category", defaultValue = "") String category,
			@RequestParam(name = "reason", defaultValue = "") String words, HttpServletRequest request,
			RedirectAttributes redirect) {
		PatientId patientId = parse(id);
		if (this.patients.find(patientId).isEmpty()) {
			throw new PageNotFoundException("There is no patient " + id);
		}
		EmergencyReason reason;
		try {
			reason = EmergencyReason.of(category, words);
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("reasonError", ex.getMessage());
			redirect.addFlashAttribute("category", category);
			redirect.addFlashAttribute("reason", words);
			return "redirect:/patients/" + id;
		}
		try {
			this.access.breakTheGlass(this.currentUser.get(), patientId, reason, CurrentUser.address(request));
		}
		catch (EmergencyAccessRefusedException ex) {
			throw new AccessRefusedException(ex.getMessage());
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
