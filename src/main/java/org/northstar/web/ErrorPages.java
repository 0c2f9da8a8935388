package org.northstar.web;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors mapped once, at the edge: the user sees a page that says what happened (not
 * found, not allowed, a value that cannot be read, and which) and the way back; the log
 * keeps the stack trace of what failed on our side. Never a stack trace on screen, and
 * never "something went wrong on our side" for a mistake in the address. Errors outside
 * the controllers (Spring Security's 403, an unknown path) reach the same
 * {@code error.html} through Spring Boot's error page, with the status alone.
 */
@ControllerAdvice(basePackageClasses = ErrorPages.class)
class ErrorPages {

	private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

	/**
	 * A section of the patient page refused: its own fragment says so in place, so that
	 * htmx shows it where the section was to load, and nothing of the person.
	 */
	@ExceptionHandler(SectionRefusedException.class)
	String sectionRefused(SectionRefusedException ex, HttpServletResponse response, Model model) {
		response.setStatus(HttpStatus.FORBIDDEN.value());
		model.addAttribute("refused", true);
		return ex.fragment();
	}

	@ExceptionHandler(Exception.class)
	String handle(Exception ex, HttpServletResponse response, Model model) throws Exception {
		String badValue = badValue(ex);
		if (badValue != null) {
			return page(HttpStatus.BAD_REQUEST, badValue, response, model);
		}
		ResponseStatus declared = AnnotatedElementUtils.findMergedAnnotation(ex.getClass(), ResponseStatus.class);
		if (declared == null && ex instanceof ErrorResponse errorResponse) {
			HttpStatus status = HttpStatus.resolve(errorResponse.getStatusCode().value());
			return page(status == null ? HttpStatus.BAD_REQUEST : status, null, response, model);
		}
		HttpStatus status = declared == null ? HttpStatus.INTERNAL_SERVER_ERROR : declared.code();
		if (status.is5xxServerError()) {
			log.error("Page failed", ex);
		}
		return page(status, status.is5xxServerError() ? null : ex.getMessage(), response, model);
	}

	private static String page(HttpStatus status, String message, HttpServletResponse response, Model model) {
		response.setStatus(status.value());
		model.addAttribute("status", status.value());
		model.addAttribute("message", message);
		return "error";
	}

	/**
	 * What was wrong with a value in the query string or form, naming the parameter and
	 * what it should be; null if the exception is about something else.
	 */
	static String badValue(Exception ex) {
		if (ex instanceof MethodArgumentTypeMismatchException mismatch) {
			return cannotRead(mismatch.getName(), mismatch.getValue(), mismatch.getRequiredType());
		}
		if (ex instanceof MissingServletRequestParameterException missing) {
			return "The parameter '" + missing.getParameterName() + "' is missing.";
		}
		if (ex instanceof BindException binding && binding.getFieldError() != null) {
			FieldError field = binding.getFieldError();
			Class<?> type = binding.getBindingResult().getFieldType(field.getField());
			return cannotRead(field.getField(), field.getRejectedValue(), type);
		}
		return null;
	}

	private static String cannotRead(String parameter, Object value, Class<?> type) {
		String shown = value instanceof String[] values ? String.join(",", values) : String.valueOf(value);
		return "'" + shown + "' is not a valid value for the parameter '" + parameter + "'" + expected(type) + ".";
	}

	private static String expected(Class<?> type) {
		if (type == null) {
			return "";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return ": it should be a whole number";
		}
		if (type == LocalDate.class) {
			return ": it should be a date such as 2026-03-31";
		}
		if (type == LocalDateTime.class) {
			return ": it should be a date and time such as 2026-03-31T14:30";
		}
		if (type == Boolean.class || type == boolean.class) {
			return ": it should be true or false";
		}
		if (type == UUID.class) {
			return ": it should be a Northstar id";
		}
		if (type.isEnum()) {
			return ": it should be one of " + Arrays.stream(type.getEnumConstants())
				.map(c -> ((Enum<?>) c).name())
				.collect(Collectors.joining(", "));
		}
		return "";
	}

}
