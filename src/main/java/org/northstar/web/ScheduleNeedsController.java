package org.northstar.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.audit.AuditAction;
import org.northstar.scheduling.Commitments;
import org.northstar.scheduling.InvalidScheduleException;
import org.northstar.scheduling.Preferences;
import org.northstar.scheduling.TelehealthReadiness;
import org.northstar.scheduling.TravelAndPreferences;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;
import org.northstar.web.PatientSections.Refusal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What the schedule section asks of the person beside their commitments, as forms where
 * the API had them alone: the telehealth checklist that decides whether video visits are
 * offered, and the clinic language they prefer or need. Saved through the same domain
 * types as the API, so the same input is refused with the same words; a change needs
 * change access (emergency access may only read) and is audited.
 */
@Controller
class ScheduleNeedsController {

	/** The section's refusal, answered in place with a 403. */
	private static final String REFUSED = "patient/schedule-needs :: refused";

	private final PatientSections sections;

	private final Commitments commitments;

	ScheduleNeedsController(PatientSections sections, Commitments commitments) {
		this.sections = sections;
		this.commitments = commitments;
	}

	@GetMapping("/patients/{id}/schedule/needs")
	String needs(@PathVariable String id, HttpServletRequest request, Model model) {
		PatientId patient = this.sections.read(patient(id), "schedule needs", REFUSED, request).patient();
		return needs(patient, model);
	}

	@PostMapping("/patients/{id}/schedule/telehealth")
	String telehealth(@PathVariable String id, @RequestParam(name = "device", defaultValue = "false") boolean device,
			@RequestParam(name = "connection", defaultValue = "false") boolean connection,
			@RequestParam(name = "ableToUse", defaultValue = "false") boolean ableToUse,
			@RequestParam(name = "privateSpace", defaultValue = "false") boolean privateSpace,
			@RequestParam(name = "helper", defaultValue = "false") boolean helper, HttpServletRequest request,
			Model model) {
		TelehealthReadiness readiness = new TelehealthReadiness(device, connection, ableToUse, privateSpace, helper);
		PatientId patient = patient(id);
		UserAccount user = change(patient, "telehealth readiness: "
				+ (readiness.ready() ? "ready" : "missing " + String.join(", ", readiness.missing())), request);
		this.commitments.saveTelehealth(patient, readiness, user.username());
		model.addAttribute("telehealthSaved", true);
		return needs(patient, model);
	}

	@PostMapping("/patients/{id}/schedule/language")
	String language(@PathVariable String id, @RequestParam(name = "language", defaultValue = "") String language,
			@RequestParam(name = "languageRequired", defaultValue = "false") boolean required,
			HttpServletRequest request, Model model) {
		PatientId patient = patient(id);
		String asked = language.isBlank() ? "none" : language.strip() + (required ? ", required" : ", preferred");
		UserAccount user = change(patient, "clinic language: " + asked, request);
		TravelAndPreferences travel = this.commitments.travelOf(patient).orElse(TravelAndPreferences.NONE);
		Preferences was = travel.preferences();
		Preferences preferences;
		try {
			preferences = new Preferences(was.evenings(), was.saturdays(), was.severalVisitsPerDay(), language,
					required);
		}
		catch (InvalidScheduleException ex) {
			model.addAttribute("languageError", "Nothing was saved. " + ex.getMessage());
			model.addAttribute("field", ex.field());
			return needs(patient, model);
		}
		this.commitments.saveTravel(patient, new TravelAndPreferences(travel.transport(), preferences),
				user.username());
		model.addAttribute("languageSaved", true);
		return needs(patient, model);
	}

	private String needs(PatientId patient, Model model) {
		model.addAttribute("patientId", patient);
		model.addAttribute("telehealth", this.commitments.telehealthOf(patient).orElse(null));
		model.addAttribute("preferences",
				this.commitments.travelOf(patient).orElse(TravelAndPreferences.NONE).preferences());
		return "patient/schedule-needs :: needs";
	}

	/**
	 * Decides and audits the change; a refusal answers with the section's refusal, 403.
	 */
	private UserAccount change(PatientId patient, String what, HttpServletRequest request) {
		return this.sections.checkChange(patient, AuditAction.UPDATE, what, Refusal.inPlace(REFUSED), request).user();
	}

	private static PatientId patient(String id) {
		try {
			return new PatientId(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			throw new PageNotFoundException("There is no patient " + id);
		}
	}

}
