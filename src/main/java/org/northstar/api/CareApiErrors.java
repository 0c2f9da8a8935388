package org.northstar.api;

import java.util.NoSuchElementException;

import org.northstar.documentation.Consents;
import org.northstar.documentation.InvalidDocumentationException;
import org.northstar.scheduling.ConflictsException;
import org.northstar.scheduling.InvalidScheduleException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.HandlerMethod;

/**
 * Errors of the care API (documentation, billing, risk, adherence, scheduling) as problem
 * details: what was wrong and, for a refused field, its name in {@code field}; a
 * booking's conflicts listed in {@code conflicts} (409).
 */
@RestControllerAdvice(assignableTypes = { InteractionsController.class, ConsentsController.class,
		BillingController.class, PatientRiskController.class, AdherenceController.class, SchedulingController.class,
		SmsRepliesController.class })
class CareApiErrors {

	@ExceptionHandler(InvalidDocumentationException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidDocumentationException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setProperty("field", ex.field());
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler(InvalidScheduleException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidScheduleException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setProperty("field", ex.field());
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler(ConflictsException.class)
	ResponseEntity<ProblemDetail> conflicts(ConflictsException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setProperty("conflicts", ex.conflicts().stream().map(SchedulingController.ConflictJson::of).toList());
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex, HandlerMethod handler) {
		// Where the body's shape is written down: scheduling's own page, or billing's.
		String docs = handler.getBeanType() == SchedulingController.class ? "docs/scheduling.md" : "docs/billing.md";
		return ResponseEntity.badRequest()
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The body is not the JSON this takes (see "
					+ docs + "): " + ex.getMostSpecificCause().getMessage().lines().findFirst().orElse("")));
	}

	@ExceptionHandler(CareAccess.Refused.class)
	ResponseEntity<ProblemDetail> refused(CareAccess.Refused ex) {
		return problem(HttpStatus.FORBIDDEN, ex.getMessage());
	}

	@ExceptionHandler({ CareAccess.NotFound.class, NoSuchElementException.class })
	ResponseEntity<ProblemDetail> notFound(RuntimeException ex) {
		return problem(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(Consents.AlreadyRevokedException.class)
	ResponseEntity<ProblemDetail> alreadyRevoked(Consents.AlreadyRevokedException ex) {
		return problem(HttpStatus.CONFLICT, ex.getMessage());
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
		return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
	}

}
