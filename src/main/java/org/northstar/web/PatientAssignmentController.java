package org.northstar.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.audit.AuditAction;
import org.northstar.caseload.Assignments;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.web.PatientSections.Refusal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The patient page's "Caseload" line, loaded on its own: whose caseload the person is on,
 * under which program, and why (a supervisor, an attribution list, a rule).
 */
@Controller
class PatientAssignmentController {

	private final PatientSections sections;

	private final Assignments assignments;

	private final UserAccounts accounts;

	PatientAssignmentController(PatientSections sections, Assignments assignments, UserAccounts accounts) {
		this.sections = sections;
		this.assignments = assignments;
		this.accounts = accounts;
	}

	@GetMapping("/patients/{id}/assignment")
	String assignment(@PathVariable("id") String id, HttpServletRequest request, Model model) {
		PatientId patient = parse(id);
		this.sections.check(patient, AuditAction.READ, "caseload assignment",
				Refusal.page("You may not see this patient's record."), request);
		Assignments.Basis basis = this.assignments.basisOf(patient).orElse(null);
		model.addAttribute("basis", basis);
		model.addAttribute("coordinatorName", basis == null ? null
				: this.accounts.find(basis.coordinator()).map(UserAccount::displayName).orElse(basis.coordinator()));
		return "caseload/assignment :: assignment";
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
