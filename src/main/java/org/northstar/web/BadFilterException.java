package org.northstar.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A filter a report cannot apply: shown to the administrator as a 400 page. */
@ResponseStatus(HttpStatus.BAD_REQUEST)
class BadFilterException extends RuntimeException {

	BadFilterException(String message) {
		super(message);
	}

}
