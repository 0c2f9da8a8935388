package org.northstar.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/** How pages write moments in time: {@code ${@dates.day(instant)}} in a template. */
@Component("dates")
class DateFormats {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy");

	private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm");

	private final ZoneId zone = ZoneId.systemDefault();

	public String day(Instant instant) {
		return instant == null ? "—" : DAY.format(instant.atZone(this.zone));
	}

	public String dayTime(Instant instant) {
		return instant == null ? "—" : DAY_TIME.format(instant.atZone(this.zone));
	}

	/** ISO form for the {@code datetime} attribute of {@code <time>}. */
	public String iso(Instant instant) {
		return instant == null ? "" : instant.toString();
	}

}
