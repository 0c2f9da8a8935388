package org.northstar.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.northstar.audit.AuditAction;
import org.northstar.caseload.PatientAccess;
import org.northstar.patient.People;
import org.northstar.risk.PersonRisk;
import org.northstar.risk.RiskAssessment;
import org.northstar.risk.RiskScores;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;
import org.northstar.web.PatientSections.Opened;
import org.northstar.web.PatientSections.Refusal;
import org.northstar.worklist.TcmClock;
import org.northstar.worklist.TcmClock.Complexity;
import org.northstar.worklist.TransitionsOfCare;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The patient page's transitional care section, loaded on its own: each TCM period's
 * clock, the complexity of its discharge as a clinician judged it ("not assessed" until
 * one does), and the stay's risk scores beside it as information only. A user with a
 * clinical role and access to the person judges the complexity in place. Every read and
 * judgement is decided and audited by {@link PatientAccess}.
 */
@Controller
class TransitionsOfCareController {

	private static final String FRAGMENT = "patient/transitions :: transitions";

	private final PatientSections sections;

	private final People people;

	private final TransitionsOfCare transitions;

	private final RiskScores risks;

	private final Clock clock;

	TransitionsOfCareController(PatientSections sections, People people, TransitionsOfCare transitions,
			RiskScores risks, Clock clock) {
		this.sections = sections;
		this.people = people;
		this.transitions = transitions;
		this.risks = risks;
		this.clock = clock;
	}

	@GetMapping("/patients/{id}/transitions")
	String transitions(@PathVariable("id") String id, HttpServletRequest request, Model model) {
		Opened opened = this.sections.read(parse(id), "transitions of care", FRAGMENT, request);
		return section(opened.patient(), opened.user(), model, null, null);
	}

	/**
	 * A clinician's judgement of the complexity of one discharge's TCM service: moderate
	 * or high, never inferred. Only a clinical role may judge; the judgement is audited
	 * with what was judged, refused or not.
	 */
	@PostMapping("/patients/{id}/transitions/{encounter}/complexity")
	String judge(@PathVariable("id") String id, @PathVariable("encounter") String encounter,
			@RequestParam(name = "complexity", defaultValue = "") String complexity,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		PatientId patient = parse(id);
		UUID stay = stay(encounter);
		Complexity judged = judgement(complexity);
		String what = "TCM complexity "
				+ (judged == null ? "'" + complexity + "'" : judged.name().toLowerCase(Locale.ROOT))
				+ " for the discharge of Encounter/" + stay;
		UserAccount user = this.sections
			.check(patient, AuditAction.UPDATE, what,
					Refusal.page("You may not change this person's transitions of care."), request)
			.user();
		if (!clinician(user)) {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			return section(patient, user, model, null,
					"Only a clinician (coordinator, supervisor or care team member) judges the complexity.");
		}
		if (judged == null) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return section(patient, user, model, null,
					"Choose moderate or high complexity; '" + complexity + "' is neither.");
		}
		if (!this.transitions.assess(this.people.recordsOf(patient), stay, judged, user.username())) {
			throw new PageNotFoundException("This person has no TCM period for Encounter/" + stay);
		}
		if (htmx == null) {
			return "redirect:/patients/" + id + "#tcm";
		}
		return section(patient, user, model, "Judged " + judged.label() + ".", null);
	}

	private String section(PatientId patient, UserAccount user, Model model, String message, String error) {
		List<PatientId> records = this.people.recordsOf(patient);
		LocalDate today = LocalDate.now(this.clock);
		List<TcmClock> clocks = this.transitions.clocksFor(records, today);
		Map<UUID, PersonRisk> scores = new HashMap<>();
		if (!clocks.isEmpty()) {
			for (RiskAssessment score : this.risks.currentOfPerson(patient)) {
				PersonRisk stay = scores.getOrDefault(score.encounter(), PersonRisk.NONE);
				scores.put(score.encounter(), switch (score.instrument()) {
					case LACE -> new PersonRisk(score, stay.hospital());
					case HOSPITAL -> new PersonRisk(stay.lace(), score);
				});
			}
		}
		model.addAttribute("patientId", patient);
		model.addAttribute("tcm", clocks);
		model.addAttribute("scores", scores);
		model.addAttribute("today", today);
		model.addAttribute("mayJudge", clinician(user));
		model.addAttribute("message", message);
		model.addAttribute("error", error);
		return FRAGMENT;
	}

	private static boolean clinician(UserAccount user) {
		return PatientAccess.CLINICAL_ROLES.stream().anyMatch(user::has);
	}

	private static Complexity judgement(String complexity) {
		return switch (complexity.strip().toUpperCase(Locale.ROOT)) {
			case "MODERATE" -> Complexity.MODERATE;
			case "HIGH" -> Complexity.HIGH;
			default -> null;
		};
	}

	private static UUID stay(String encounter) {
		try {
			return UUID.fromString(encounter);
		}
		catch (IllegalArgumentException ex) {
			throw new PageNotFoundException("There is no discharge " + encounter);
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
