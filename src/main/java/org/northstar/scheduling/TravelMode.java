package org.northstar.scheduling;

/** How a person gets to a visit. */
public enum TravelMode {

	/** Drives or is driven by family. */
	CAR,
	/** A ride program's vehicle, booked ahead, within the program's hours. */
	RIDE,
	/** Public transit only. */
	TRANSIT

}
