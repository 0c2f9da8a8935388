package org.northstar.scheduling;

import java.time.Duration;

/**
 * How long a trip takes. The default ({@link StraightLineTravel}) needs no map service; a
 * routing service can replace it as a bean of this type.
 */
public interface TravelTimes {

	/** The time from one point to another by the mode; zero between the same points. */
	Duration between(Coordinates from, Coordinates to, TravelMode mode);

}
