package org.northstar.scheduling;

/**
 * A point on the earth, in decimal degrees (WGS 84).
 */
public record Coordinates(double latitude, double longitude) {

	private static final double EARTH_RADIUS_KM = 6371.0088;

	public Coordinates {
		if (!(latitude >= -90 && latitude <= 90)) {
			throw new InvalidScheduleException("latitude", "A latitude is between -90 and 90, not " + latitude);
		}
		if (!(longitude >= -180 && longitude <= 180)) {
			throw new InvalidScheduleException("longitude", "A longitude is between -180 and 180, not " + longitude);
		}
	}

	/** The great-circle distance in kilometres (haversine). */
	public double kilometresTo(Coordinates other) {
		double dLat = Math.toRadians(other.latitude - this.latitude);
		double dLon = Math.toRadians(other.longitude - this.longitude);
		double a = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(this.latitude))
				* Math.cos(Math.toRadians(other.latitude)) * Math.pow(Math.sin(dLon / 2), 2);
		return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
	}

}
