package org.northstar.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.audit.AuditAction;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator's user accounts page; the audit report is
 * {@link AuditReportController}.
 */
@Controller
class AdminController {

	private final UserAccounts accounts;

	private final CurrentUser currentUser;

	AdminController(UserAccounts accounts, CurrentUser currentUser) {
		this.accounts = accounts;
		this.currentUser = currentUser;
	}

	@GetMapping("/admin/users")
	String users(Model model) {
		model.addAttribute("users", this.accounts.all());
		model.addAttribute("roles", List.of(Role.values()));
		return "admin/users";
	}

	@PostMapping("/admin/users")
	String createUser(@RequestParam("username") String username, @RequestParam("displayName") String displayName,
			@RequestParam("password") String password, @RequestParam(name = "roles", required = false) Set<Role> roles,
			@RequestParam(name = "team", required = false) String team, HttpServletRequest request,
			RedirectAttributes redirect) {
		if (!username.matches("[a-z][a-z0-9._-]{1,31}") || password.length() < 12 || roles == null) {
			redirect.addFlashAttribute("error",
					"A username is 2-32 lower-case letters, digits, dots, dashes; a password at least 12 characters; and at least one role.");
			return "redirect:/admin/users";
		}
		if (this.accounts.find(username).isPresent()) {
			redirect.addFlashAttribute("error", "The username '" + username + "' is taken.");
			return "redirect:/admin/users";
		}
		String teamCode = team == null || team.isBlank() ? null : team.strip();
		if (teamCode != null) {
			this.accounts.ensureTeam(teamCode, teamCode);
		}
		this.accounts.create(username, displayName.strip(), password, EnumSet.copyOf(roles), teamCode);
		auditRoleChange(username, "created with roles " + roles + (teamCode == null ? "" : " in team " + teamCode),
				request);
		redirect.addFlashAttribute("message", "Created " + username + ".");
		return "redirect:/admin/users";
	}

	@PostMapping("/admin/users/{username}/roles")
	String changeRoles(@PathVariable("username") String username,
			@RequestParam(name = "roles", required = false) Set<Role> roles,
			@RequestParam(name = "team", required = false) String team, HttpServletRequest request,
			RedirectAttributes redirect) {
		UserAccount before = this.accounts.find(username)
			.orElseThrow(() -> new PageNotFoundException("There is no user " + username));
		Set<Role> after = roles == null ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
		String teamCode = team == null || team.isBlank() ? null : team.strip();
		if (teamCode != null) {
			this.accounts.ensureTeam(teamCode, teamCode);
		}
		this.accounts.changeRoles(username, after, teamCode);
		auditRoleChange(username,
				"roles " + before.roles() + " -> " + after + ", team " + before.team() + " -> " + teamCode, request);
		redirect.addFlashAttribute("message", "Changed " + username + ".");
		return "redirect:/admin/users";
	}

	@PostMapping("/admin/users/{username}/unlock")
	String unlock(@PathVariable("username") String username, HttpServletRequest request, RedirectAttributes redirect) {
		this.accounts.unlock(username);
		auditRoleChange(username, "unlocked", request);
		redirect.addFlashAttribute("message", "Unlocked " + username + ".");
		return "redirect:/admin/users";
	}

	private void auditRoleChange(String username, String what, HttpServletRequest request) {
		UserAccount admin = this.currentUser.get();
		this.currentUser.audit(admin, AuditAction.ROLE_CHANGE, null, "user " + username + ": " + what, request);
	}

	/** A filter a report cannot apply: shown to the administrator as a 400 page. */
	@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.BAD_REQUEST)
	static class BadFilterException extends RuntimeException {

		BadFilterException(String message) {
			super(message);
		}

	}

}
