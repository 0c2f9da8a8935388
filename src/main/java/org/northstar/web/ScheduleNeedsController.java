package org.northstar.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.northstar.audit.AuditAction;
import org.northstar.caseload.PatientAccess;
import org.northstar.scheduling.Commitments;
import org.northstar.scheduling.InvalidScheduleException;
import org.northstar.scheduling.Preferences;
import org.northstar.scheduling.TelehealthReadiness;
import org.northstar.scheduling.TravelAndPreferences;
import org.northstar.shared.PatientId;

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

	private final CurrentUser currentUser;

	private final PatientAccess access;

	private final Commitments commitments;

	ScheduleNeedsController(CurrentUser currentUser, PatientAccess access, Commitments commitments) {
		this.currentUser = currentUser;
		this.access = access;
		this.commitments = commitments;
	}

	@GetMapping("/patients/{id}/schedule/needs")
	String needs(@PathVariable String id, HttpServletRequest request, HttpServletResponse response, Model model) {
		PatientId patient = patient(id);
		if (!this.access
			.check(this.currentUser.get(), patient, AuditAction.READ, "schedule needs", CurrentUser.address(request))
			.allowed()) {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			return "patient/schedule-needs :: refused";
		}
		return needs(patient, model);
	}

	@PostMapping("/patients/{id}/schedule/telehealth")
	String telehealth(@PathVariable String id, @RequestParam(name = "device", defaultValue = "false") boolean device,
			@RequestParam(name = "connection", defaultValue = "false") boolean connection,
			@RequestParam(name = "ableToUse", defaultValue = "false") boolean ableToUse,
			@RequestParam(name = "privateSpace", defaultValue = "false") boolean privateSpace,
			@RequestParam(name = "helper", defaultValue = "false") boolean helper, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		TelehealthReadiness readiness = new TelehealthReadiness(device, connection, ableToUse, privateSpace, helper);
		PatientId patient = patient(id);
		if (!change(patient,
				"telehealth readiness: "
						+ (readiness.ready() ? "ready" : "missing " + String.join(", ", readiness.missing())),
				request)) {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			return "patient/schedule-needs :: refused";
		}
		this.commitments.saveTelehealth(patient, readiness, this.currentUser.get().username());
		model.addAttribute("telehealthSaved", true);
		return needs(patient, model);
	}

	@PostMapping("/patients/{id}/schedule/language")
	String language(@PathVariable String id, @RequestParam(name = "language", defaultValue = "") String language,
			@RequestParam(name = "languageRequired", defaultValue = "false") boolean required,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		PatientId patient = patient(id);
		String asked = language.isBlank() ? "none" : language.strip() + (required ? ", required" : ", preferred");
		if (!change(patient, "clinic language: " + asked, request)) {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			return "patient/schedule-needs :: refused";
		}
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
				this.currentUser.get().username());
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

	private boolean change(PatientId patient, String what, HttpServletRequest request) {
		return this.access
			.checkChange(this.currentUser.get(), patient, AuditAction.UPDATE, what, CurrentUser.address(request))
			.allowed();
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
