package org.northstar.web;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The request that keeps a session alive when the user asks to stay signed in: any
 * request of a signed-in session restarts its idle clock, this one does nothing else.
 */
@Controller
class SessionTimeout {

	@GetMapping("/session/keep-alive")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void keepAlive() {
	}

	/**
	 * The idle timeout on every page ({@code sessionSeconds}), for the pages' script to
	 * warn a minute before the session ends.
	 */
	@ControllerAdvice(basePackageClasses = SessionTimeout.class)
	static class OnEveryPage {

		private final long seconds;

		OnEveryPage(@Value("${northstar.session.idle-timeout:15m}") Duration idleTimeout) {
			this.seconds = idleTimeout.toSeconds();
		}

		@ModelAttribute("sessionSeconds")
		long sessionSeconds() {
			return this.seconds;
		}

	}

}
