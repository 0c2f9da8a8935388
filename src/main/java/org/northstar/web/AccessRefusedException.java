package org.northstar.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The user may not do this to this patient: a 403 page. */
@ResponseStatus(HttpStatus.FORBIDDEN)
class AccessRefusedException extends RuntimeException {

	AccessRefusedException(String message) {
		super(message);
	}

}
