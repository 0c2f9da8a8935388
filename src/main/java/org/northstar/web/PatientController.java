package org.northstar.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.northstar.audit.AuditAction;
import org.northstar.caseload.AccessDecision;
import org.northstar.caseload.LinkageDecisions;
import org.northstar.caseload.LinkageRefusedException;
import org.northstar.caseload.EmergencyAccessRefusedException;
import org.northstar.caseload.EmergencyReason;
import org.northstar.caseload.PatientAccess;
import org.northstar.clinical.ClinicalItems.Kind;
import org.northstar.clinical.ClinicalRecords;
import org.northstar.patient.DecisionConflictException;
import org.northstar.patient.PatientDetails;
import org.northstar.patient.People;
import org.northstar.patient.Patients;
import org.northstar.patient.Person;
import org.northstar.patient.RecordLink;
import org.northstar.patient.Unlink;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;

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

	private final People people;

	private final ClinicalRecords clinical;

	private final LinkageDecisions decisions;

	private final Clock clock;

	PatientController(CurrentUser currentUser, PatientAccess access, Patients patients, People people,
			ClinicalRecords clinical, LinkageDecisions decisions, Clock clock) {
		this.clock = clock;
		this.currentUser = currentUser;
		this.access = access;
		this.patients = patients;
		this.people = people;
		this.clinical = clinical;
		this.decisions = decisions;
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
		Set<Kind> shown = kinds == null || kinds.isEmpty() ? EnumSet.allOf(Kind.class) : EnumSet.copyOf(kinds);
		// The person's whole record: every linked record's items, each fact once.
		Person person = this.people.personOf(patientId)
			.orElseThrow(() -> new PageNotFoundException("There is no patient " + id));
		List<PatientId> records = person.ids();
		model.addAttribute("timeline", this.clinical.timeline(records, shown, from, to, this.clock, 200));
		model.addAttribute("kinds", List.of(Kind.values()));
		model.addAttribute("shownKinds", shown);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		if (timelineOnly) {
			return "patient/page :: timeline";
		}
		model.addAttribute("emergency", decision == AccessDecision.EMERGENCY);
		// The header is the person's: the primary record's name, what every record says.
		model.addAttribute("person", person);
		model.addAttribute("age", person.primary().summary().ageOn(LocalDate.now(this.clock)));
		model.addAttribute("languagesAsSent", languagesAsSent(person));
		List<SourceRecord> sourceRecords = sourceRecords(person);
		model.addAttribute("sourceRecords", sourceRecords);
		model.addAttribute("sourceCount", sourceRecords.stream().map(r -> r.details().source()).distinct().count());
		LocalDate today = LocalDate.now(this.clock);
		model.addAttribute("today", today);
		return "patient/page";
	}

	private static List<SourceRecord> sourceRecords(Person person) {
		if (!person.linked()) {
			return List.of();
		}
		return person.records()
			.stream()
			.map(r -> new SourceRecord(r.details(), r.link(), r.id().equals(person.asked())))
			.toList();
	}

	/** Each language code of the person's records as its source wrote it, if it did. */
	private Map<String, String> languagesAsSent(Person person) {
		Map<PatientId, String> asSent = this.clinical.languagesAsSent(person.ids());
		Map<String, String> byCode = new HashMap<>();
		for (Person.Record r : person.records()) {
			String code = r.details().summary().language();
			if (code != null && asSent.get(r.id()) != null) {
				byCode.putIfAbsent(code.strip().toLowerCase(Locale.ROOT), asSent.get(r.id()));
			}
		}
		return byCode;
	}

	/**
	 * Takes one record out of the person this page shows: a coordinator found it is
	 * someone else. Asks for a confirmation and a reason, and offers to undo it. Who may
	 * is {@link LinkageDecisions}'s to say; it audits both records.
	 */
	@PostMapping("/patients/{id}/records/{record}/unlink")
	String unlink(@PathVariable("id") String id, @PathVariable("record") String record,
			@RequestParam(name = "reason", defaultValue = "") String reason,
			@RequestParam(name = "confirm", defaultValue = "false") boolean confirm, HttpServletRequest request,
			RedirectAttributes redirect) {
		PatientId patientId = parse(id);
		PatientId recordId = parse(record);
		if (!this.people.recordsOf(patientId).contains(recordId)
				|| patientId.equals(recordId) && this.people.recordsOf(patientId).size() < 2) {
			throw new PageNotFoundException("Record " + record + " is not linked to patient " + id);
		}
		if (!confirm || reason.isBlank()) {
			redirect.addFlashAttribute("unlinkError",
					"Nothing was unlinked: confirm that this record is someone else's, and say why.");
			return "redirect:/patients/" + id + "#source-records";
		}
		try {
			Unlink unlink = this.decisions.unlink(this.currentUser.get(), patientId, recordId, reason,
					CurrentUser.address(request));
			redirect.addFlashAttribute("message", "Record unlinked: it is shown on its own again.");
			redirect.addFlashAttribute("undo", unlink.id());
		}
		catch (LinkageRefusedException ex) {
			throw new AccessRefusedException(ex.getMessage());
		}
		catch (DecisionConflictException | IllegalArgumentException ex) {
			redirect.addFlashAttribute("unlinkError", ex.getMessage());
			return "redirect:/patients/" + id + "#source-records";
		}
		return "redirect:/patients/" + (patientId.equals(recordId) ? record : id);
	}

	/** Puts back a record unlinked by mistake, as it was linked before. */
	@PostMapping("/patients/{id}/unlinks/{unlink}/undo")
	String undoUnlink(@PathVariable("id") String id, @PathVariable("unlink") long unlink, HttpServletRequest request,
			RedirectAttributes redirect) {
		parse(id);
		try {
			this.decisions.undo(this.currentUser.get(), unlink, CurrentUser.address(request));
			redirect.addFlashAttribute("message", "Unlink undone: the record is linked again.");
		}
		catch (LinkageRefusedException ex) {
			throw new AccessRefusedException(ex.getMessage());
		}
		catch (DecisionConflictException ex) {
			redirect.addFlashAttribute("unlinkError", ex.getMessage());
		}
		return "redirect:/patients/" + id;
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
