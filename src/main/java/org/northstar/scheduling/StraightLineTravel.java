package org.northstar.scheduling;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Travel time as the straight-line distance at a speed per mode, rounded up to the
 * minute. The speeds are effective speeds, slower than the road's, to stand for detours,
 * stops and waits ({@code northstar.scheduling.speed-kmh.car}, {@code .ride},
 * {@code .transit}).
 */
public final class StraightLineTravel implements TravelTimes {

	/** Defaults: a car 40 km/h, a shared ride 30 km/h, transit 15 km/h door to door. */
	public static final Map<TravelMode, Double> DEFAULT_SPEEDS_KMH = Map.of(TravelMode.CAR, 40.0, TravelMode.RIDE, 30.0,
			TravelMode.TRANSIT, 15.0);

	private final Map<TravelMode, Double> speeds;

	public StraightLineTravel(Map<TravelMode, Double> speedsKmh) {
		this.speeds = new EnumMap<>(TravelMode.class);
		for (TravelMode mode : TravelMode.values()) {
			double speed = speedsKmh.getOrDefault(mode, DEFAULT_SPEEDS_KMH.get(mode));
			if (!(speed > 0)) {
				throw new InvalidScheduleException("northstar.scheduling.speed-kmh." + mode.name().toLowerCase(),
						"A speed is a positive number of km/h, not " + speed);
			}
			this.speeds.put(mode, speed);
		}
	}

	public StraightLineTravel() {
		this(DEFAULT_SPEEDS_KMH);
	}

	@Override
	public Duration between(Coordinates from, Coordinates to, TravelMode mode) {
		double km = from.kilometresTo(to);
		return Duration.ofMinutes((long) Math.ceil(km / this.speeds.get(mode) * 60 - 1e-9));
	}

}
