package org.northstar.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.audit.AuditAction;
import org.northstar.ingest.hl7.Hl7Inbox;
import org.northstar.ingest.hl7.Hl7Message;
import org.northstar.ingest.hl7.Hl7MessageStatus;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The HL7 message log for administrators: what the hospitals sent, what each message came
 * to, and the dead letters to reprocess once their cause is fixed. A message's raw text
 * carries a patient's demographics, so opening one is audited.
 */
@Controller
class MessageLogController {

	private static final int PAGE_ROWS = 200;

	private final Hl7Inbox inbox;

	private final CurrentUser currentUser;

	MessageLogController(Hl7Inbox inbox, CurrentUser currentUser) {
		this.inbox = inbox;
		this.currentUser = currentUser;
	}

	@GetMapping("/admin/hl7")
	String log(@RequestParam(name = "status", required = false) String status, Model model,
			HttpServletRequest request) {
		Hl7MessageStatus filter = status(status);
		List<Hl7Message> messages = this.inbox.list(filter, PAGE_ROWS);
		audit(AuditAction.SEARCH,
				"HL7 message log" + (filter == null ? "" : ", status " + filter) + ": " + messages.size() + " messages",
				request);
		model.addAttribute("messages", messages);
		model.addAttribute("status", filter);
		model.addAttribute("statuses", List.of(Hl7MessageStatus.values()));
		model.addAttribute("limit", PAGE_ROWS);
		return "admin/hl7-log";
	}

	@GetMapping("/admin/hl7/{id}")
	String message(@PathVariable("id") long id, Model model, HttpServletRequest request) {
		Hl7Message message = this.inbox.find(id)
			.orElseThrow(() -> new PageNotFoundException("There is no HL7 message " + id));
		// The raw text is the patients' demographics: audited under each, so that their
		// record's trail shows who read it.
		List<PatientId> patients = this.inbox.patientsIn(message);
		if (patients.isEmpty()) {
			audit(AuditAction.READ, "HL7 message " + id, request);
		}
		for (PatientId patient : patients) {
			this.currentUser.audit(this.currentUser.get(), AuditAction.READ, patient,
					"HL7 message " + id + " (raw text)", request);
		}
		model.addAttribute("message", message);
		model.addAttribute("raw", lines(message.raw()));
		model.addAttribute("ack", lines(message.ackText()));
		model.addAttribute("reprocessable",
				message.status() == Hl7MessageStatus.DEAD || message.status() == Hl7MessageStatus.REJECTED);
		return "admin/hl7-message";
	}

	@PostMapping("/admin/hl7/{id}/reprocess")
	String reprocess(@PathVariable("id") long id, HttpServletRequest request, RedirectAttributes redirect) {
		audit(AuditAction.UPDATE, "HL7 message " + id + " reprocessed", request);
		try {
			Hl7Message after = this.inbox.reprocess(id)
				.orElseThrow(() -> new PageNotFoundException("There is no HL7 message " + id));
			if (after.status() == Hl7MessageStatus.APPLIED || after.status() == Hl7MessageStatus.IGNORED) {
				redirect.addFlashAttribute("notice", "Reprocessed: the message is now " + after.status() + ".");
			}
			else {
				redirect.addFlashAttribute("error",
						"Reprocessed, and it is still " + after.status() + ": " + after.errorReason());
			}
		}
		catch (Hl7Inbox.NotReprocessableException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/admin/hl7/" + id;
	}

	private void audit(AuditAction action, String what, HttpServletRequest request) {
		this.currentUser.audit(this.currentUser.get(), action, null, what, request);
	}

	/** HL7 ends segments with a carriage return; a page shows one per line. */
	private static String lines(String text) {
		return text == null ? null : text.strip().replaceAll("\r\n?", "\n");
	}

	private static Hl7MessageStatus status(String name) {
		if (name == null || name.isBlank()) {
			return null;
		}
		try {
			return Hl7MessageStatus.named(name);
		}
		catch (IllegalArgumentException ex) {
			throw new BadFilterException(ex.getMessage());
		}
	}

}
