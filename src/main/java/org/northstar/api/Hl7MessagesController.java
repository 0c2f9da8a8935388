package org.northstar.api;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditTrail;
import org.northstar.ingest.hl7.Hl7Inbox;
import org.northstar.ingest.hl7.Hl7Message;
import org.northstar.ingest.hl7.Hl7MessageStatus;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HL7 v2 message log for administrators: what arrived, what it came to, and the dead
 * letters to fix and reprocess. Restricted to ADMINISTRATOR by the API security chain.
 */
@RestController
@RequestMapping("/api/hl7/messages")
class Hl7MessagesController {

	private static final int MAX_LIMIT = 1000;

	private final Hl7Inbox inbox;

	private final AuditTrail audit;

	private final UserAccounts accounts;

	Hl7MessagesController(Hl7Inbox inbox, AuditTrail audit, UserAccounts accounts) {
		this.inbox = inbox;
		this.audit = audit;
		this.accounts = accounts;
	}

	/** The newest messages first, without their raw text. */
	@GetMapping
	List<Hl7Message> list(@RequestParam(required = false) String status, @RequestParam(defaultValue = "100") int limit,
			HttpServletRequest request) {
		List<Hl7Message> messages = this.inbox.list(status == null ? null : status(status),
				Math.max(1, Math.min(limit, MAX_LIMIT)));
		audit(AuditAction.SEARCH,
				"HL7 message log" + (status == null ? "" : ", status " + status) + ": " + messages.size() + " messages",
				request);
		return messages;
	}

	/**
	 * One message with its raw text, which carries the patient's demographics: audited
	 * under each patient it is about, so that their record's trail shows who read it.
	 */
	@GetMapping("/{id}")
	ResponseEntity<?> find(@PathVariable long id, HttpServletRequest request) {
		Optional<Hl7Message> message = this.inbox.find(id);
		List<PatientId> patients = message.map(this.inbox::patientsIn).orElse(List.of());
		if (patients.isEmpty()) {
			audit(AuditAction.READ, null, "HL7 message " + id + (message.isEmpty() ? " (not found)" : ""), request);
		}
		for (PatientId patient : patients) {
			audit(AuditAction.READ, patient, "HL7 message " + id + " (raw text)", request);
		}
		return message.<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> notFound(id));
	}

	@PostMapping("/{id}/reprocess")
	ResponseEntity<?> reprocess(@PathVariable long id, HttpServletRequest request) {
		audit(AuditAction.UPDATE, "HL7 message " + id + " reprocessed", request);
		return this.inbox.reprocess(id).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> notFound(id));
	}

	private void audit(AuditAction action, String what, HttpServletRequest request) {
		audit(action, null, what, request);
	}

	private void audit(AuditAction action, PatientId patient, String what, HttpServletRequest request) {
		UserAccount user = this.accounts.signedIn().orElseThrow();
		this.audit.record(new AuditRecord(user.username(), user.roleNames(), action, patient, what,
				request.getRemoteAddr(), AuditRecord.Outcome.SUCCESS, false, null));
	}

	@ExceptionHandler(Hl7Inbox.NotReprocessableException.class)
	ResponseEntity<ProblemDetail> notReprocessable(Hl7Inbox.NotReprocessableException ex) {
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage()));
	}

	@ExceptionHandler(UnknownStatusException.class)
	ResponseEntity<ProblemDetail> unknownStatus(UnknownStatusException ex) {
		return ResponseEntity.badRequest()
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage()));
	}

	private static Hl7MessageStatus status(String name) {
		try {
			return Hl7MessageStatus.named(name);
		}
		catch (IllegalArgumentException ex) {
			throw new UnknownStatusException(ex.getMessage());
		}
	}

	private static final class UnknownStatusException extends RuntimeException {

		UnknownStatusException(String message) {
			super(message);
		}

	}

	private static ResponseEntity<?> notFound(long id) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no HL7 message " + id));
	}

}
