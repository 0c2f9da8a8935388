package org.northstar.web;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Errors mapped once, at the edge: the user sees a friendly page that says what happened,
 * the log keeps the stack trace. Never a stack trace on screen.
 */
@ControllerAdvice(basePackageClasses = ErrorPages.class)
class ErrorPages {

	private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

	@ExceptionHandler(Exception.class)
	String handle(Exception ex, HttpServletResponse response, Model model) throws Exception {
		ResponseStatus declared = AnnotatedElementUtils.findMergedAnnotation(ex.getClass(), ResponseStatus.class);
		if (declared == null && ex instanceof org.springframework.web.ErrorResponse errorResponse) {
			response.setStatus(errorResponse.getStatusCode().value());
			model.addAttribute("status", errorResponse.getStatusCode().value());
			model.addAttribute("message", "The request could not be understood.");
			return "error";
		}
		HttpStatus status = declared == null ? HttpStatus.INTERNAL_SERVER_ERROR : declared.code();
		if (status.is5xxServerError()) {
			log.error("Page failed", ex);
		}
		response.setStatus(status.value());
		model.addAttribute("status", status.value());
		model.addAttribute("message", status.is5xxServerError()
				? "Something went wrong on our side. It has been logged; please try again." : ex.getMessage());
		return "error";
	}

}
