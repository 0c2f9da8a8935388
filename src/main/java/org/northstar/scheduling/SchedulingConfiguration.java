package org.northstar.scheduling;

import java.util.EnumMap;
import java.util.Map;

import org.northstar.shared.BusinessCalendar;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Travel times by straight line at the configured speeds. A routing service replaces it
 * as a {@code @Primary} {@link TravelTimes} bean.
 */
@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

	@Bean
	StraightLineTravel straightLineTravel(@Value("${northstar.scheduling.speed-kmh.car:40}") double car,
			@Value("${northstar.scheduling.speed-kmh.ride:30}") double ride,
			@Value("${northstar.scheduling.speed-kmh.transit:15}") double transit) {
		Map<TravelMode, Double> speeds = new EnumMap<>(TravelMode.class);
		speeds.put(TravelMode.CAR, car);
		speeds.put(TravelMode.RIDE, ride);
		speeds.put(TravelMode.TRANSIT, transit);
		return new StraightLineTravel(speeds);
	}

	/**
	 * The days a ride program's notice in business days counts: Monday to Friday less the
	 * holidays listed, which are the practice's unless the programs keep others.
	 */
	@Bean
	BusinessCalendar rideCalendar(@Value("${northstar.scheduling.holidays:}") String holidays) {
		return BusinessCalendar.of("northstar.scheduling.holidays (NORTHSTAR_RIDE_HOLIDAYS)", holidays);
	}

}
