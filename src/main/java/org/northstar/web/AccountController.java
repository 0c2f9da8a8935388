package org.northstar.web;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.security.AccountRefusedException;
import org.northstar.security.SessionGuard;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Where every user changes their own password, and where a user holding a one-time
 * password must choose one before anything else.
 */
@Controller
class AccountController {

	private final UserAccounts accounts;

	private final CurrentUser currentUser;

	AccountController(UserAccounts accounts, CurrentUser currentUser) {
		this.accounts = accounts;
		this.currentUser = currentUser;
	}

	@GetMapping(SessionGuard.PASSWORD_PAGE)
	String passwordPage(Model model) {
		UserAccount user = this.currentUser.get();
		model.addAttribute("required", user.mustChangePassword());
		model.addAttribute("rules", UserAccounts.PASSWORD_RULES);
		return "account/password";
	}

	@PostMapping(SessionGuard.PASSWORD_PAGE)
	String changePassword(@RequestParam("current") String current, @RequestParam("password") String password,
			@RequestParam("repeat") String repeat, HttpServletRequest request, RedirectAttributes redirect) {
		UserAccount user = this.currentUser.get();
		if (!password.equals(repeat)) {
			redirect.addFlashAttribute("error", "The new password and its repetition differ.");
			return "redirect:" + SessionGuard.PASSWORD_PAGE;
		}
		try {
			long stamp = this.accounts.changeOwnPassword(user.username(), current, password,
					CurrentUser.address(request));
			SessionGuard.keep(request, stamp);
		}
		catch (AccountRefusedException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:" + SessionGuard.PASSWORD_PAGE;
		}
		if (user.mustChangePassword()) {
			return "redirect:/";
		}
		redirect.addFlashAttribute("message", "Your password is changed. Your other sessions, if any, have ended.");
		return "redirect:" + SessionGuard.PASSWORD_PAGE;
	}

}
