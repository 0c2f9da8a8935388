package org.northstar.web;

import java.util.List;

import org.northstar.database.DatabaseDurability;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the administrator's pages show, above everything else, while the database does not
 * keep commits through a crash (an external PostgreSQL run with fsync or
 * synchronous_commit off): the log says it once, at start-up, and is easily missed.
 */
@ControllerAdvice(assignableTypes = { UsersController.class, AuditReportController.class, MessageLogController.class,
		ReactionsController.class })
class DurabilityBanner {

	private final DatabaseDurability durability;

	DurabilityBanner(DatabaseDurability durability) {
		this.durability = durability;
	}

	@ModelAttribute("durabilityWarnings")
	List<String> durabilityWarnings() {
		return this.durability.warnings();
	}

}
