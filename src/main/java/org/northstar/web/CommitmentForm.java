package org.northstar.web;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.northstar.scheduling.Commitment;
import org.northstar.scheduling.Coordinates;
import org.northstar.scheduling.InvalidScheduleException;
import org.northstar.scheduling.Place;

import org.springframework.util.MultiValueMap;

/**
 * A commitment as the schedule section's form writes it: plain text a coordinator types
 * and reads back. Reading it gives the whole {@link Commitment}, built by its own
 * constructor so the page refuses what the API refuses, in the same words; or it names
 * the one field (and, for dates, the line) that is wrong. Field names are the API's.
 *
 * @param position which commitment of the person's is being changed; blank for a new one
 * @param was the changed commitment as the form was opened with it
 * ({@link #fingerprint}), so that a form opened before someone else's change is refused
 * rather than applied to another commitment
 * @param days weekday names, {@code MON}..{@code SUN}
 * @param dates one date a line ({@code 2026-12-01}); commas also separate
 */
record CommitmentForm(String position, String was, String kind, String label, Set<String> days, String dates,
		String start, String end, String bufferAfterMinutes, String everyWeeks, String from, String until,
		String address, String latitude, String longitude) {

	static final List<String> KINDS = List.of("DIALYSIS", "WORK", "CAREGIVING", "SCHOOL", "OTHER");

	static final List<String> WEEKDAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

	CommitmentForm {
		days = days == null ? Set.of() : Set.copyOf(days);
	}

	/** An empty form for a new commitment. */
	static CommitmentForm blank() {
		return new CommitmentForm("", "", "DIALYSIS", "", Set.of(), "", "", "", "0", "1", "", "", "", "", "");
	}

	/** The person's commitment at {@code position}, as the form shows it. */
	static CommitmentForm of(int position, Commitment c) {
		Place place = c.place();
		return new CommitmentForm(String.valueOf(position), fingerprint(c), c.kind().name(),
				c.label() == null ? "" : c.label(),
				c.days().stream().map(d -> d.name().substring(0, 3)).collect(Collectors.toSet()),
				c.dates().stream().map(LocalDate::toString).collect(Collectors.joining("\n")), c.start().toString(),
				c.end().toString(), String.valueOf(c.bufferAfterMinutes()), String.valueOf(c.everyWeeks()),
				c.from() == null ? "" : c.from().toString(), c.until() == null ? "" : c.until().toString(),
				place == null || place.address() == null ? "" : place.address(),
				place == null ? "" : String.valueOf(place.coordinates().latitude()),
				place == null ? "" : String.valueOf(place.coordinates().longitude()));
	}

	/** The form as posted. */
	static CommitmentForm posted(MultiValueMap<String, String> fields) {
		List<String> days = fields.get("days");
		return new CommitmentForm(fields.getFirst("position"), fields.getFirst("was"), fields.getFirst("kind"),
				fields.getFirst("label"), days == null ? Set.of() : Set.copyOf(days), fields.getFirst("dates"),
				fields.getFirst("start"), fields.getFirst("end"), fields.getFirst("bufferAfterMinutes"),
				fields.getFirst("everyWeeks"), fields.getFirst("from"), fields.getFirst("until"),
				fields.getFirst("address"), fields.getFirst("latitude"), fields.getFirst("longitude"));
	}

	/**
	 * Identifies a commitment as stored, for {@link #was}: two forms opened on the same
	 * commitment carry the same fingerprint.
	 */
	static String fingerprint(Commitment c) {
		return Integer.toHexString(c.toString().hashCode());
	}

	/** Whether it changes one of the person's commitments rather than adding one. */
	public boolean changing() {
		return !strip(this.position).isEmpty();
	}

	/**
	 * The position it changes.
	 * @throws InvalidScheduleException when it is not a number
	 */
	public int changed() {
		try {
			return Integer.parseInt(strip(this.position));
		}
		catch (NumberFormatException ex) {
			throw new InvalidScheduleException("position", "'" + this.position + "' is not a commitment's number");
		}
	}

	public boolean on(String day) {
		return this.days.contains(day);
	}

	/**
	 * The commitment the form describes.
	 * @throws InvalidScheduleException naming the form field that is wrong
	 */
	Commitment commitment() {
		Commitment.Kind k;
		try {
			k = Commitment.Kind.valueOf(strip(this.kind).toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidScheduleException("kind",
					"Kind: '" + this.kind + "' is not dialysis, work, caregiving, school or other");
		}
		Set<DayOfWeek> weekdays = EnumSet.noneOf(DayOfWeek.class);
		for (String day : this.days) {
			int i = WEEKDAYS.indexOf(strip(day).toUpperCase(Locale.ROOT));
			if (i < 0) {
				throw new InvalidScheduleException("days", "Days: '" + day + "' is not a weekday");
			}
			weekdays.add(DayOfWeek.of(i + 1));
		}
		return new Commitment(k, strip(this.label).isEmpty() ? null : strip(this.label), weekdays, parsedDates(),
				time("start", "Start", this.start), time("end", "End", this.end),
				minutes("bufferAfterMinutes", "Buffer after", this.bufferAfterMinutes, 0),
				minutes("everyWeeks", "Every how many weeks", this.everyWeeks, 1), date("from", "From", this.from),
				date("until", "Until", this.until), place());
	}

	private List<LocalDate> parsedDates() {
		List<LocalDate> result = new ArrayList<>();
		String[] lines = strip(this.dates).split("\\R");
		for (int i = 0; i < lines.length; i++) {
			for (String typed : lines[i].split(",")) {
				if (!typed.isBlank()) {
					result.add(date("dates", "Dates, line " + (i + 1), typed));
				}
			}
		}
		return result;
	}

	private Place place() {
		boolean noLatitude = strip(this.latitude).isEmpty();
		boolean noLongitude = strip(this.longitude).isEmpty();
		if (noLatitude && noLongitude) {
			if (!strip(this.address).isEmpty()) {
				throw new InvalidScheduleException("latitude",
						"Place: an address needs its latitude and longitude, for travel times");
			}
			return null;
		}
		return new Place(this.address, coordinates("latitude", "longitude", "Place", this.latitude, this.longitude));
	}

	/** Coordinates typed in two fields; both or neither. */
	static Coordinates coordinates(String latitudeField, String longitudeField, String what, String latitude,
			String longitude) {
		double lat = decimal(latitudeField, what + ", latitude", latitude);
		double lon = decimal(longitudeField, what + ", longitude", longitude);
		try {
			return new Coordinates(lat, lon);
		}
		catch (InvalidScheduleException ex) {
			throw new InvalidScheduleException("latitude".equals(ex.field()) ? latitudeField : longitudeField,
					what + ": " + ex.getMessage());
		}
	}

	private static double decimal(String field, String name, String typed) {
		if (strip(typed).isEmpty()) {
			throw new InvalidScheduleException(field, name + " is missing");
		}
		try {
			return Double.parseDouble(strip(typed));
		}
		catch (NumberFormatException ex) {
			throw new InvalidScheduleException(field, name + ": '" + typed + "' is not a number (such as 39.9612)");
		}
	}

	static LocalTime time(String field, String name, String typed) {
		if (strip(typed).isEmpty()) {
			return null;
		}
		try {
			return LocalTime.parse(strip(typed).length() == 4 ? "0" + strip(typed) : strip(typed));
		}
		catch (DateTimeException ex) {
			throw new InvalidScheduleException(field, name + ": '" + typed + "' is not a time of day (HH:mm)");
		}
	}

	static LocalDate date(String field, String name, String typed) {
		if (strip(typed).isEmpty()) {
			return null;
		}
		try {
			return LocalDate.parse(strip(typed));
		}
		catch (DateTimeException ex) {
			throw new InvalidScheduleException(field, name + ": '" + strip(typed) + "' is not a date (yyyy-mm-dd)");
		}
	}

	/** A whole number typed in a field; {@code blank} when nothing is typed. */
	static int minutes(String field, String name, String typed, int blank) {
		if (strip(typed).isEmpty()) {
			return blank;
		}
		try {
			return Integer.parseInt(strip(typed));
		}
		catch (NumberFormatException ex) {
			throw new InvalidScheduleException(field, name + ": '" + typed + "' is not a whole number");
		}
	}

	static String strip(String s) {
		return s == null ? "" : s.strip();
	}

}
