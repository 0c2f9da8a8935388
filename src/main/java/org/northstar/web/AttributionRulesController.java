package org.northstar.web;

import java.util.Arrays;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.caseload.AssignmentRefusedException;
import org.northstar.caseload.Assignments;
import org.northstar.caseload.AttributionRules;
import org.northstar.security.UserAccount;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The attribution rules a supervisor or administrator keeps: new patients whose general
 * practitioner, managing organization or sending system matches go to a coordinator.
 */
@Controller
class AttributionRulesController {

	private final CurrentUser currentUser;

	private final AttributionRules rules;

	private final Assignments assignments;

	AttributionRulesController(CurrentUser currentUser, AttributionRules rules, Assignments assignments) {
		this.currentUser = currentUser;
		this.rules = rules;
		this.assignments = assignments;
	}

	@GetMapping("/caseload/rules")
	String rules(Model model) {
		UserAccount user = manager();
		model.addAttribute("rules", this.rules.all());
		model.addAttribute("kinds", Arrays.asList(AttributionRules.Kind.values()));
		model.addAttribute("coordinators", this.assignments.coordinatorsFor(user));
		return "caseload/rules";
	}

	@PostMapping("/caseload/rules")
	String add(@RequestParam("kind") AttributionRules.Kind kind, @RequestParam("match") String match,
			@RequestParam(name = "coordinator", required = false) String coordinator,
			@RequestParam(name = "program", required = false) String program, HttpServletRequest request,
			RedirectAttributes redirect) {
		UserAccount user = manager();
		try {
			AttributionRules.Rule rule = this.rules.add(user, kind, match, coordinator, program,
					CurrentUser.address(request));
			redirect.addFlashAttribute("message", "Added the " + rule.describe() + ".");
		}
		catch (AssignmentRefusedException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/caseload/rules";
	}

	@PostMapping("/caseload/rules/{id}/remove")
	String remove(@PathVariable("id") long id, HttpServletRequest request, RedirectAttributes redirect) {
		this.rules.remove(manager(), id, CurrentUser.address(request));
		redirect.addFlashAttribute("message", "Removed the rule. The patients it assigned stay where they are.");
		return "redirect:/caseload/rules";
	}

	private UserAccount manager() {
		UserAccount user = this.currentUser.get();
		if (!Assignments.mayAssign(user)) {
			throw new AccessRefusedException("Only supervisors and administrators keep attribution rules.");
		}
		return user;
	}

}
