package org.northstar.scheduling;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How explanations write times: "Tue 14 Jan 09:30", "2 h", "1 h 30 min". */
final class Explain {

	static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

	static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

	private Explain() {
	}

	static String moment(ZonedDateTime t) {
		return MOMENT.format(t);
	}

	static String time(ZonedDateTime t) {
		return TIME.format(t);
	}

	static String duration(Duration d) {
		long minutes = d.toMinutes();
		long h = minutes / 60;
		long m = minutes % 60;
		if (h == 0) {
			return m + " min";
		}
		return m == 0 ? h + " h" : h + " h " + m + " min";
	}

}
