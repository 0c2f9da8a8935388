package org.northstar.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.security.AccountRefusedException;
import org.northstar.security.Actor;
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
 * The administrator's page of user accounts: create, disable and enable, reset a
 * password, unlock, change roles and team; and the teams. Every change is audited by
 * {@link UserAccounts}; a refused change is told on the page and changes nothing.
 */
@Controller
class UsersController {

	private static final String PAGE = "redirect:/admin/users";

	private final UserAccounts accounts;

	private final CurrentUser currentUser;

	UsersController(UserAccounts accounts, CurrentUser currentUser) {
		this.accounts = accounts;
		this.currentUser = currentUser;
	}

	@GetMapping("/admin/users")
	String users(Model model) {
		model.addAttribute("users", this.accounts.all());
		model.addAttribute("roles", List.of(Role.values()));
		model.addAttribute("teams", this.accounts.teams());
		return "admin/users";
	}

	@PostMapping("/admin/users")
	String create(@RequestParam("username") String username, @RequestParam("displayName") String displayName,
			@RequestParam(name = "roles", required = false) Set<Role> roles,
			@RequestParam(name = "team", required = false) String team,
			@RequestParam(name = "source", required = false) String source, HttpServletRequest request,
			RedirectAttributes redirect) {
		return change(request, redirect, actor -> {
			if (roles != null && roles.contains(Role.INTEGRATION)) {
				if (roles.size() > 1 || (team != null && !team.isBlank())) {
					throw new AccountRefusedException(
							"An INTEGRATION account is a system's: it holds that role alone, in no team.");
				}
				this.accounts.createIntegration(username.strip(), displayName, source, actor);
				return "Created the integration " + username.strip() + " for the source '" + source.strip()
						+ "'. It never signs in; issue its token with 'northstar token --user " + username.strip()
						+ " --scope system/*.write'.";
			}
			if (source != null && !source.isBlank()) {
				throw new AccountRefusedException("A source is an INTEGRATION's; people have none.");
			}
			String password = this.accounts.createWithOneTimePassword(username.strip(), displayName, roles(roles), team,
					actor);
			redirect.addFlashAttribute("oneTimeUser", username.strip());
			redirect.addFlashAttribute("oneTimePassword", password);
			return "Created " + username.strip() + ".";
		});
	}

	@PostMapping("/admin/users/{username}/roles")
	String changeRoles(@PathVariable("username") String username,
			@RequestParam(name = "roles", required = false) Set<Role> roles,
			@RequestParam(name = "team", required = false) String team, HttpServletRequest request,
			RedirectAttributes redirect) {
		return change(request, redirect, actor -> {
			this.accounts.changeRoles(username, roles(roles), team, actor);
			return "Changed " + username + ". Their open sessions end.";
		});
	}

	@PostMapping("/admin/users/{username}/disable")
	String disable(@PathVariable("username") String username, HttpServletRequest request, RedirectAttributes redirect) {
		return change(request, redirect, actor -> {
			if (username.equals(actor.username())) {
				throw new AccountRefusedException("You cannot disable your own account: ask another administrator.");
			}
			int revoked = this.accounts.disable(username, actor);
			return "Disabled " + username + ". Their open sessions end"
					+ (revoked == 0 ? "." : " and their " + revoked + " API token(s) are revoked.");
		});
	}

	@PostMapping("/admin/users/{username}/enable")
	String enable(@PathVariable("username") String username, HttpServletRequest request, RedirectAttributes redirect) {
		return change(request, redirect, actor -> {
			this.accounts.enable(username, actor);
			return "Enabled " + username + ".";
		});
	}

	@PostMapping("/admin/users/{username}/reset-password")
	String resetPassword(@PathVariable("username") String username, HttpServletRequest request,
			RedirectAttributes redirect) {
		return change(request, redirect, actor -> {
			String password = this.accounts.resetPassword(username, actor);
			redirect.addFlashAttribute("oneTimeUser", username);
			redirect.addFlashAttribute("oneTimePassword", password);
			return "Reset the password of " + username + ". Their open sessions end.";
		});
	}

	@PostMapping("/admin/users/{username}/unlock")
	String unlock(@PathVariable("username") String username, HttpServletRequest request, RedirectAttributes redirect) {
		return change(request, redirect, actor -> {
			this.accounts.unlock(username, actor);
			return "Unlocked " + username + ".";
		});
	}

	@PostMapping("/admin/teams")
	String createTeam(@RequestParam("code") String code, @RequestParam("name") String name, HttpServletRequest request,
			RedirectAttributes redirect) {
		return change(request, redirect, actor -> {
			this.accounts.createTeam(code.strip(), name, actor);
			return "Created the team " + code.strip() + ".";
		});
	}

	private String change(HttpServletRequest request, RedirectAttributes redirect, Function<Actor, String> change) {
		UserAccount admin = this.currentUser.get();
		try {
			redirect.addFlashAttribute("message", change.apply(Actor.of(admin, CurrentUser.address(request))));
		}
		catch (AccountRefusedException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return PAGE;
	}

	private static Set<Role> roles(Set<Role> roles) {
		return roles == null || roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
	}

}
