package org.northstar.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** What was asked for does not exist: a 404 page, not a 500. */
@ResponseStatus(HttpStatus.NOT_FOUND)
class PageNotFoundException extends RuntimeException {

	PageNotFoundException(String message) {
		super(message);
	}

}
