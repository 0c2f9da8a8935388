package org.northstar.web;

import org.northstar.database.DatabaseKind;

import org.springframework.stereotype.Component;

/**
 * Whether pages carry the "Demo data" banner. Read by the layout as {@code @demoBanner}
 * rather than put in each controller's model, so that every page has it: the sign-in page
 * and the error pages too.
 */
@Component("demoBanner")
class DemoBanner {

	private final boolean shown;

	DemoBanner(DatabaseKind databaseKind) {
		this.shown = databaseKind == DatabaseKind.DEMO;
	}

	public boolean shown() {
		return this.shown;
	}

}
