package org.northstar.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.audit.AuditAction;
import org.northstar.scheduling.Commitment;
import org.northstar.scheduling.Commitments;
import org.northstar.scheduling.InvalidScheduleException;
import org.northstar.scheduling.Preferences;
import org.northstar.scheduling.TelehealthReadiness;
import org.northstar.scheduling.Transport;
import org.northstar.scheduling.TravelAndPreferences;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;
import org.northstar.web.PatientSections.Refusal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What the schedule section asks of the person, as forms where the API had them alone:
 * their commitments (added, changed and removed one at a time), how they travel and when
 * they would rather be seen, the telehealth checklist that decides whether video visits
 * are offered, and the clinic language they prefer or need. Saved through the same domain
 * types and service as the API, so the same input is refused with the same words and a
 * refused form saves nothing; a change needs change access (emergency access may only
 * read) and is audited.
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
	String needs(@PathVariable String id, @RequestParam(name = "edit", required = false) Integer edit,
			HttpServletRequest request, Model model) {
		PatientId patient = this.sections.read(patient(id), "schedule needs", REFUSED, request).patient();
		if (edit != null) {
			List<Commitment> current = this.commitments.of(patient);
			if (edit >= 0 && edit < current.size()) {
				model.addAttribute("commitmentForm", CommitmentForm.of(edit, current.get(edit)));
			}
		}
		return needs(patient, model);
	}

	/**
	 * Adds a commitment, or changes the one at {@code position}; the person's whole list
	 * is then replaced as the API replaces it.
	 */
	@PostMapping("/patients/{id}/schedule/commitments")
	String commitment(@PathVariable String id, @RequestParam MultiValueMap<String, String> fields,
			HttpServletRequest request, Model model) {
		CommitmentForm form = CommitmentForm.posted(fields);
		Commitment parsed;
		try {
			parsed = form.commitment();
			if (form.changing()) {
				form.changed();
			}
		}
		catch (InvalidScheduleException ex) {
			PatientId patient = this.sections.read(patient(id), "schedule needs", REFUSED, request).patient();
			return refusedCommitment(patient, form, ex, model);
		}
		PatientId patient = patient(id);
		String did = form.changing() ? "changed " : "added ";
		List<Commitment> list = null;
		if (form.changing()) {
			list = asOpened(patient, request);
			if (!stillAsOpened(list, form.changed(), form.was())) {
				return refusedCommitment(patient, form, changedMeanwhile(), model);
			}
			list.set(form.changed(), parsed);
		}
		change(patient, "commitments: " + did + parsed.describe(), request);
		if (list == null) {
			list = new ArrayList<>(this.commitments.of(patient));
			list.add(parsed);
		}
		this.commitments.replace(patient, list);
		model.addAttribute("commitmentSaved", did + parsed.describe());
		return needs(patient, model);
	}

	@PostMapping("/patients/{id}/schedule/commitments/remove")
	String removeCommitment(@PathVariable String id, @RequestParam(name = "position") int position,
			@RequestParam(name = "was", defaultValue = "") String was, HttpServletRequest request, Model model) {
		PatientId patient = patient(id);
		List<Commitment> list = asOpened(patient, request);
		if (!stillAsOpened(list, position, was)) {
			model.addAttribute("commitmentError", "Nothing was removed. " + changedMeanwhile().getMessage());
			return needs(patient, model);
		}
		change(patient, "commitments: removed number " + (position + 1), request);
		Commitment removed = list.remove(position);
		this.commitments.replace(patient, list);
		model.addAttribute("commitmentSaved", "removed " + removed.describe());
		return needs(patient, model);
	}

	@PostMapping("/patients/{id}/schedule/travel")
	String travel(@PathVariable String id, @RequestParam MultiValueMap<String, String> fields,
			HttpServletRequest request, Model model) {
		TravelForm form = TravelForm.posted(fields);
		Transport transport;
		try {
			transport = form.transport();
		}
		catch (InvalidScheduleException ex) {
			PatientId patient = this.sections.read(patient(id), "schedule needs", REFUSED, request).patient();
			model.addAttribute("travelForm", form);
			model.addAttribute("travelError", "Nothing was saved. " + ex.getMessage());
			model.addAttribute("field", ex.field());
			return needs(patient, model);
		}
		PatientId patient = patient(id);
		UserAccount user = change(patient, "travel and preferences: " + transport.mode().name().toLowerCase(Locale.ROOT)
				+ (transport.home() == null ? "" : ", home given"), request);
		TravelAndPreferences was = this.commitments.travelOf(patient).orElse(TravelAndPreferences.NONE);
		this.commitments.saveTravel(patient, new TravelAndPreferences(transport, form.preferences(was.preferences())),
				user.username());
		model.addAttribute("travelSaved", true);
		return needs(patient, model);
	}

	private String refusedCommitment(PatientId patient, CommitmentForm form, InvalidScheduleException ex, Model model) {
		model.addAttribute("commitmentForm", form);
		model.addAttribute("commitmentError", "Nothing was saved. " + ex.getMessage());
		model.addAttribute("field", ex.field());
		return needs(patient, model);
	}

	/**
	 * "Needs a ride (48 h notice, 08:00–17:00); trips up to 45 min; home given.", or with
	 * "Needs a ride (08:00–17:00; 2 business days' notice, by 17:00)".
	 */
	static String travelState(Transport t) {
		String hours = t.rideStarts() + "–" + t.rideEnds();
		String ride = t.rideNoticeBusinessDays() > 0 ? hours + "; " + t.rideNotice() : t.rideNotice() + ", " + hours;
		String how = t.needsRide() ? "Needs a ride (" + ride + ")"
				: t.transitOnly() ? "Public transit only" : "Drives or is driven";
		String trips = t.maxTripMinutes() == null ? "" : "; trips up to " + t.maxTripMinutes() + " min";
		return how + trips + (t.home() == null ? "; home not given, so no travel is counted." : "; home given.");
	}

	/**
	 * The person's commitments, read to compare with the form before the change is
	 * decided: an edit refused because they changed meanwhile is audited as the read it
	 * was, not as a change.
	 */
	private List<Commitment> asOpened(PatientId patient, HttpServletRequest request) {
		return new ArrayList<>(
				this.commitments.of(this.sections.read(patient, "schedule needs", REFUSED, request).patient()));
	}

	/** Whether the commitment at the position is the one the form was opened with. */
	private static boolean stillAsOpened(List<Commitment> list, int position, String was) {
		return position >= 0 && position < list.size() && CommitmentForm.fingerprint(list.get(position)).equals(was);
	}

	private static InvalidScheduleException changedMeanwhile() {
		return new InvalidScheduleException("position",
				"The person's commitments changed since this form was opened: look at them again and retry.");
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
		TravelAndPreferences travel = this.commitments.travelOf(patient).orElse(TravelAndPreferences.NONE);
		List<Commitment> list = this.commitments.of(patient);
		model.addAttribute("patientId", patient);
		model.addAttribute("commitments", list);
		model.addAttribute("fingerprints", list.stream().map(CommitmentForm::fingerprint).toList());
		if (!model.containsAttribute("commitmentForm")) {
			model.addAttribute("commitmentForm", CommitmentForm.blank());
		}
		model.addAttribute("kinds", CommitmentForm.KINDS);
		model.addAttribute("weekdays", CommitmentForm.WEEKDAYS);
		if (!model.containsAttribute("travelForm")) {
			model.addAttribute("travelForm", TravelForm.of(travel.transport(), travel.preferences()));
		}
		model.addAttribute("travelState", travelState(travel.transport()));
		model.addAttribute("telehealth", this.commitments.telehealthOf(patient).orElse(null));
		model.addAttribute("preferences", travel.preferences());
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
