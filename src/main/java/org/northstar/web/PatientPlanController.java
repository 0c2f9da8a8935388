package org.northstar.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.audit.AuditAction;
import org.northstar.careplan.CarePlan;
import org.northstar.careplan.CarePlans;
import org.northstar.careplan.CareTeams;
import org.northstar.careplan.PatientPlans;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.PatientAccess;
import org.northstar.patient.People;
import org.northstar.patient.Person;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The care plan for the person themselves, to print and hand over: plain language, in
 * their preferred language (or the one asked for), with a large-print option. Audited as
 * an export, as the provider summary is.
 */
@Controller
class PatientPlanController {

	private static final List<String> LABELS = List.of("print", "largePrint", "regularPrint", "language", "show",
			"back", "asWritten", "done");

	private final CurrentUser currentUser;

	private final PatientAccess access;

	private final People people;

	private final CarePlans plans;

	private final CareTeams teams;

	private final PatientPlans patientPlans;

	private final Caseloads caseloads;

	private final UserAccounts accounts;

	private final Clock clock;

	PatientPlanController(CurrentUser currentUser, PatientAccess access, People people, CarePlans plans,
			CareTeams teams, PatientPlans patientPlans, Caseloads caseloads, UserAccounts accounts, Clock clock) {
		this.currentUser = currentUser;
		this.access = access;
		this.people = people;
		this.plans = plans;
		this.teams = teams;
		this.patientPlans = patientPlans;
		this.caseloads = caseloads;
		this.accounts = accounts;
		this.clock = clock;
	}

	@GetMapping("/patients/{id}/care-plan/for-patient")
	String forPatient(@PathVariable("id") String id, @RequestParam(name = "lang", required = false) String lang,
			@RequestParam(name = "large", defaultValue = "false") boolean large, HttpServletRequest request,
			Model model) {
		PatientId patient;
		try {
			patient = new PatientId(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			throw new PageNotFoundException("There is no patient " + id);
		}
		UserAccount user = this.currentUser.get();
		if (!this.access
			.check(user, patient, AuditAction.EXPORT, "care plan for the patient", CurrentUser.address(request))
			.allowed()) {
			throw new AccessRefusedException("You may not see this person's care plan.");
		}
		Person person = this.people.personOf(patient)
			.orElseThrow(() -> new PageNotFoundException("There is no patient " + id));
		CarePlan plan = this.plans.of(person.ids())
			.orElseThrow(() -> new PageNotFoundException("This person has no care plan yet"));
		String preferred = lang != null && !lang.isBlank() ? lang.strip()
				: person.languages().isEmpty() ? null : person.languages().get(0).value();
		String coordinator = this.caseloads.coordinatorOf(patient)
			.flatMap(this.accounts::find)
			.map(UserAccount::displayName)
			.orElse(null);
		Map<String, String> labels = new LinkedHashMap<>();
		LABELS.forEach(key -> labels.put(key, this.patientPlans.label(key, preferred)));
		model.addAttribute("patientId", patient);
		model.addAttribute("person", person);
		model.addAttribute("preferred", preferred);
		model.addAttribute("large", large);
		model.addAttribute("labels", labels);
		model.addAttribute("patientPlan", this.patientPlans.of(plan, this.teams.team(plan.id()), preferred, coordinator,
				LocalDate.now(this.clock)));
		return "careplan/patient";
	}

}
