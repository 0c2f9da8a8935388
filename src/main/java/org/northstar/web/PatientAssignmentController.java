package org.northstar.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.audit.AuditAction;
import org.northstar.caseload.Assignments;
import org.northstar.caseload.PatientAccess;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;

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

	private final CurrentUser currentUser;

	private final PatientAccess access;

	private final Assignments assignments;

	private final UserAccounts accounts;

	PatientAssignmentController(CurrentUser currentUser, PatientAccess access, Assignments assignments,
			UserAccounts accounts) {
		this.currentUser = currentUser;
		this.access = access;
		this.assignments = assignments;
		this.accounts = accounts;
	}

	@GetMapping("/patients/{id}/assignment")
	String assignment(@PathVariable("id") String id, HttpServletRequest request, Model model) {
		PatientId patient = parse(id);
		UserAccount user = this.currentUser.get();
		if (!this.access.check(user, patient, AuditAction.READ, "caseload assignment", CurrentUser.address(request))
			.allowed()) {
			throw new AccessRefusedException("You may not see this patient's record.");
		}
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
