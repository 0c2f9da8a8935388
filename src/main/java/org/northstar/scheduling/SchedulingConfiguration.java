package org.northstar.scheduling;

import java.util.EnumMap;
import java.util.Map;

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

}
