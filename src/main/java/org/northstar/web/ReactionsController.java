package org.northstar.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.audit.AuditAction;
import org.northstar.reactions.Reaction;
import org.northstar.reactions.Reactions;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The reactions not yet done, for administrators: what each listener still has to do, and
 * why a failed one failed, with a way to run it again once the cause is fixed. An event
 * names a patient (by id), so looking is audited.
 */
@Controller
class ReactionsController {

	private static final int PAGE_ROWS = 200;

	private final Reactions reactions;

	private final CurrentUser currentUser;

	ReactionsController(Reactions reactions, CurrentUser currentUser) {
		this.reactions = reactions;
		this.currentUser = currentUser;
	}

	@GetMapping("/admin/reactions")
	String outstanding(Model model, HttpServletRequest request) {
		List<Reaction> outstanding = this.reactions.outstanding(PAGE_ROWS);
		audit(AuditAction.SEARCH, "reactions: " + outstanding.size() + " outstanding", request);
		model.addAttribute("reactions", outstanding);
		Map<Reaction.State, Integer> counts = this.reactions.counts();
		int failed = counts.getOrDefault(Reaction.State.FAILED, 0);
		model.addAttribute("failed", failed);
		model.addAttribute("waiting", counts.values().stream().mapToInt(Integer::intValue).sum() - failed);
		model.addAttribute("limit", PAGE_ROWS);
		return "admin/reactions";
	}

	@PostMapping("/admin/reactions/{id}/retry")
	String retry(@PathVariable("id") UUID id, HttpServletRequest request, RedirectAttributes redirect) {
		audit(AuditAction.UPDATE, "reaction " + id + " retried", request);
		if (this.reactions.retry(id)) {
			redirect.addFlashAttribute("notice", "Retrying. A reaction that succeeds leaves this list.");
		}
		else {
			redirect.addFlashAttribute("error", "That reaction is no longer failed: it is done, or already running.");
		}
		return "redirect:/admin/reactions";
	}

	private void audit(AuditAction action, String what, HttpServletRequest request) {
		this.currentUser.audit(this.currentUser.get(), action, null, what, request);
	}

}
