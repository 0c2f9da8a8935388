package org.northstar.shared;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The practice's time: one {@link Clock} in the practice's zone
 * ({@code northstar.time-zone}, {@code NORTHSTAR_TIME_ZONE}; the system's when unset),
 * for every module that needs "now", "today" or the zone. A day is always the practice's
 * day: a discharge at 21:00 in Ohio is a discharge on that Ohio day, wherever the server
 * runs.
 */
@Configuration(proxyBeanMethods = false)
public class PracticeTime {

	@Bean
	Clock clock(@Value("${northstar.time-zone:}") String zone) {
		return Clock.system(zone(zone));
	}

	/**
	 * The zone a setting names, or the system's when it names none.
	 * @throws IllegalArgumentException naming the setting when it is not a zone
	 */
	public static ZoneId zone(String configured) {
		if (configured == null || configured.isBlank()) {
			return ZoneId.systemDefault();
		}
		try {
			return ZoneId.of(configured.strip());
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException("northstar.time-zone (NORTHSTAR_TIME_ZONE) '" + configured
					+ "' is not a time zone; use a region such as America/New_York", ex);
		}
	}

}
