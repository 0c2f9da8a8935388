package org.northstar.web;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.audit.AuditAction;
import org.northstar.documentation.InvalidDocumentationException;
import org.northstar.documentation.QuickText;
import org.northstar.documentation.QuickTexts;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Where supervisors keep the practice's quick-text: phrases and note templates per
 * program, which coordinators insert into notes with a click on the patient page.
 */
@Controller
class QuickTextController {

	private final QuickTexts quickTexts;

	private final CurrentUser currentUser;

	QuickTextController(QuickTexts quickTexts, CurrentUser currentUser) {
		this.quickTexts = quickTexts;
		this.currentUser = currentUser;
	}

	@GetMapping("/quick-text")
	String list(Model model) {
		supervisor();
		model.addAttribute("quickTexts", this.quickTexts.all());
		model.addAttribute("programs", InteractionPanelController.ACTIVITIES);
		return "quicktext/list";
	}

	@PostMapping("/quick-text")
	String add(@RequestParam(name = "program", defaultValue = "") String program,
			@RequestParam(name = "kind", defaultValue = "") String kind,
			@RequestParam(name = "title", defaultValue = "") String title,
			@RequestParam(name = "body", defaultValue = "") String body, HttpServletRequest request,
			RedirectAttributes redirect) {
		UserAccount user = supervisor();
		try {
			QuickText added = this.quickTexts.add(program, kind, title, body, user.username());
			this.currentUser.audit(user, AuditAction.CREATE, null, "quick-text " + added.id() + " " + added.title(),
					request);
			redirect.addFlashAttribute("message", "Added \"" + added.title() + "\" to " + added.program() + ".");
		}
		catch (InvalidDocumentationException ex) {
			redirect.addFlashAttribute("error", "Nothing was added. " + ex.getMessage());
			redirect.addFlashAttribute("field", ex.field());
			redirect.addFlashAttribute("program", program);
			redirect.addFlashAttribute("kind", kind);
			redirect.addFlashAttribute("title", title);
			redirect.addFlashAttribute("body", body);
		}
		return "redirect:/quick-text";
	}

	@PostMapping("/quick-text/{id}/delete")
	String remove(@PathVariable("id") long id, HttpServletRequest request, RedirectAttributes redirect) {
		UserAccount user = supervisor();
		if (this.quickTexts.remove(id)) {
			this.currentUser.audit(user, AuditAction.DELETE, null, "quick-text " + id, request);
			redirect.addFlashAttribute("message", "Removed. Notes it was inserted into keep their words.");
		}
		return "redirect:/quick-text";
	}

	private UserAccount supervisor() {
		UserAccount user = this.currentUser.get();
		if (!user.has(Role.SUPERVISOR) && !user.has(Role.ADMINISTRATOR)) {
			throw new AccessRefusedException("Only supervisors keep the quick-text; ask yours to add a phrase.");
		}
		return user;
	}

}
