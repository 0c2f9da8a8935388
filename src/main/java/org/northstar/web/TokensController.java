package org.northstar.web;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.security.AccountRefusedException;
import org.northstar.security.ApiToken;
import org.northstar.security.ApiTokens;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The API tokens that work now: a user sees and revokes their own, an administrator
 * everyone's. Tokens are issued at the command line ({@code northstar token}).
 */
@Controller
class TokensController {

	private final ApiTokens tokens;

	private final CurrentUser currentUser;

	TokensController(ApiTokens tokens, CurrentUser currentUser) {
		this.tokens = tokens;
		this.currentUser = currentUser;
	}

	@GetMapping("/tokens")
	String tokens(Model model) {
		UserAccount user = this.currentUser.get();
		boolean everyone = user.has(Role.ADMINISTRATOR);
		model.addAttribute("tokens", everyone ? this.tokens.active() : this.tokens.activeOf(user.username()));
		model.addAttribute("everyone", everyone);
		model.addAttribute("maxDays", this.tokens.maxLifetime().toDays());
		return "tokens/list";
	}

	@PostMapping("/tokens/{id}/revoke")
	String revoke(@PathVariable("id") long id, HttpServletRequest request, RedirectAttributes redirect) {
		try {
			ApiToken revoked = this.tokens.revoke(id, this.currentUser.get(), CurrentUser.address(request));
			redirect.addFlashAttribute("message",
					"Revoked token " + id + " (" + revoked.purpose() + "): it no longer works.");
		}
		catch (AccountRefusedException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/tokens";
	}

}
