package org.northstar.web;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.northstar.scheduling.InvalidScheduleException;
import org.northstar.scheduling.Location;
import org.northstar.scheduling.Provider;

/**
 * A provider as the clinics page writes it: plain text a supervisor can type and read
 * back. Hours are one field per weekday ({@code 08:00–12:00, 17:00–20:00}), closures and
 * visit types one per line. Reading it either gives the whole provider or names the one
 * field (and line) that is wrong, so nothing is ever half-saved.
 *
 * @param existing the id of the provider being changed; blank for a new one
 * @param hours the hours per weekday, as typed
 * @param closures one closure a line: {@code 2026-12-24 to 2026-12-26 Christmas}, or
 * {@code 2026-12-31 New Year's Eve} for one day
 * @param visitTypes one type a line: {@code new patient: 60}
 */
public record ProviderForm(String existing, String id, String name, String specialty, String location,
		boolean telehealth, String languages, Map<DayOfWeek, String> hours, String closures, String visitTypes) {

	private static final Pattern SESSION = Pattern.compile("(\\d{1,2}:\\d{2})\\s*[-–]\\s*(\\d{1,2}:\\d{2})");

	private static final Pattern CLOSURE = Pattern
		.compile("(\\d{4}-\\d{2}-\\d{2})(?:\\s+to\\s+(\\d{4}-\\d{2}-\\d{2}))?\\s*(.*)");

	private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*");

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

	public ProviderForm {
		Map<DayOfWeek, String> copy = new EnumMap<>(DayOfWeek.class);
		if (hours != null) {
			copy.putAll(hours);
		}
		hours = copy;
	}

	/** An empty form for a new provider. */
	static ProviderForm blank() {
		return new ProviderForm("", "", "", "", "", false, "en", Map.of(), "", "");
	}

	/** The provider as the form shows it. */
	static ProviderForm of(Provider provider) {
		Map<DayOfWeek, String> hours = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			hours.put(day,
					provider.sessionsOn(day)
						.stream()
						.map(s -> s.start() + "–" + s.end())
						.collect(Collectors.joining(", ")));
		}
		String closures = provider.closures()
			.stream()
			.map(c -> c.first() + (c.last().equals(c.first()) ? "" : " to " + c.last()) + " " + c.reason())
			.collect(Collectors.joining("\n"));
		String types = provider.visitTypes()
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.map(e -> e.getKey() + ": " + e.getValue())
			.collect(Collectors.joining("\n"));
		return new ProviderForm(provider.id(), provider.id(), provider.name(), provider.specialty(),
				provider.location().id(), provider.telehealth(), String.join(", ", provider.languages()), hours,
				closures, types);
	}

	/** Whether it changes a provider rather than adding one. */
	public boolean changing() {
		return this.existing != null && !this.existing.isBlank();
	}

	/** The id the provider is saved under: the one changed, else the one typed. */
	String savedId() {
		return changing() ? this.existing.strip() : strip(this.id).toLowerCase(Locale.ROOT);
	}

	/** The hours typed for a weekday, for the form. */
	public String hoursOn(DayOfWeek day) {
		return this.hours.getOrDefault(day, "");
	}

	/**
	 * The provider the form describes.
	 * @param locations the locations there are, by id
	 * @throws InvalidScheduleException naming the form field that is wrong
	 */
	Provider toProvider(Map<String, Location> locations) {
		String id = savedId();
		if (!ID.matcher(id).matches()) {
			throw new InvalidScheduleException("id", "The id '" + id
					+ "' must be lower-case letters, digits and hyphens (such as cardiology-patel), up to 63");
		}
		if (strip(this.name).isEmpty()) {
			throw new InvalidScheduleException("name", "A provider needs a name (such as Dr Anika Patel)");
		}
		if (strip(this.specialty).isEmpty()) {
			throw new InvalidScheduleException("specialty",
					"A provider needs a specialty (such as cardiology): it is the visit type coordinators ask for");
		}
		Location at = locations.get(strip(this.location));
		if (at == null) {
			throw new InvalidScheduleException("location", strip(this.location).isEmpty()
					? "Choose the location where the provider sees people" : "There is no location " + this.location);
		}
		return new Provider(id, strip(this.name), strip(this.specialty), at, this.telehealth, readLanguages(),
				readSessions(), readClosures(), readVisitTypes());
	}

	private List<String> readLanguages() {
		List<String> result = new ArrayList<>();
		for (String tag : strip(this.languages).split("[,\\s]+")) {
			if (tag.isEmpty()) {
				continue;
			}
			if (!LANGUAGE.matcher(tag).matches()) {
				throw new InvalidScheduleException("languages",
						"Languages: '" + tag + "' is not a language tag (such as en, es, zh-Hans)");
			}
			if (result.stream().noneMatch(tag::equalsIgnoreCase)) {
				result.add(tag);
			}
		}
		return result;
	}

	private List<Provider.Session> readSessions() {
		List<Provider.Session> result = new ArrayList<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			String field = "hours-" + day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toUpperCase(Locale.ROOT);
			String dayName = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
			List<Provider.Session> on = new ArrayList<>();
			for (String part : strip(this.hours.get(day)).split("[,;]")) {
				String typed = part.strip();
				if (typed.isEmpty()) {
					continue;
				}
				Matcher m = SESSION.matcher(typed);
				if (!m.matches()) {
					throw new InvalidScheduleException(field,
							dayName + ": '" + typed + "' is not a session (such as 08:00–12:00)");
				}
				LocalTime start = time(m.group(1), field, dayName);
				LocalTime end = time(m.group(2), field, dayName);
				if (!end.isAfter(start)) {
					throw new InvalidScheduleException(field,
							dayName + ": the session " + typed + " ends before it starts");
				}
				on.add(new Provider.Session(day, start, end));
			}
			on.sort(Comparator.comparing(Provider.Session::start));
			for (int i = 1; i < on.size(); i++) {
				if (on.get(i).start().isBefore(on.get(i - 1).end())) {
					throw new InvalidScheduleException(field, dayName + ": the sessions " + on.get(i - 1).start() + "–"
							+ on.get(i - 1).end() + " and " + on.get(i).start() + "–" + on.get(i).end() + " overlap");
				}
			}
			result.addAll(on);
		}
		return result;
	}

	private static LocalTime time(String typed, String field, String dayName) {
		try {
			return LocalTime.parse(typed.length() == 4 ? "0" + typed : typed);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidScheduleException(field, dayName + ": '" + typed + "' is not a time of day (HH:mm)");
		}
	}

	private List<Provider.Closure> readClosures() {
		List<Provider.Closure> result = new ArrayList<>();
		List<String> lines = Arrays.asList(strip(this.closures).split("\\R"));
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.isEmpty()) {
				continue;
			}
			String where = "Closures, line " + (i + 1) + ": ";
			Matcher m = CLOSURE.matcher(line);
			if (!m.matches()) {
				throw new InvalidScheduleException("closures", where + "'" + line
						+ "' does not start with a date (such as 2026-12-24 to 2026-12-26 Christmas)");
			}
			LocalDate first = date(m.group(1), where);
			LocalDate last = m.group(2) == null ? first : date(m.group(2), where);
			String reason = m.group(3).strip();
			if (last.isBefore(first)) {
				throw new InvalidScheduleException("closures", where + last + " is before " + first);
			}
			if (reason.isEmpty()) {
				throw new InvalidScheduleException("closures",
						where + "give the reason after the dates (a holiday, leave)");
			}
			for (Provider.Closure other : result) {
				if (!first.isAfter(other.last()) && !last.isBefore(other.first())) {
					throw new InvalidScheduleException("closures",
							where + "it overlaps the closure from " + other.first() + " (" + other.reason() + ")");
				}
			}
			result.add(new Provider.Closure(first, last, reason));
		}
		return result;
	}

	private static LocalDate date(String typed, String where) {
		try {
			return LocalDate.parse(typed);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidScheduleException("closures", where + "'" + typed + "' is not a date (YYYY-MM-DD)");
		}
	}

	private Map<String, Integer> readVisitTypes() {
		Map<String, Integer> result = new LinkedHashMap<>();
		List<String> lines = Arrays.asList(strip(this.visitTypes).split("\\R"));
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.isEmpty()) {
				continue;
			}
			String where = "Visit types, line " + (i + 1) + ": ";
			int colon = line.lastIndexOf(':');
			if (colon <= 0) {
				throw new InvalidScheduleException("visitTypes",
						where + "'" + line + "' needs a name and minutes (such as new patient: 60)");
			}
			String type = line.substring(0, colon).strip();
			int minutes;
			try {
				minutes = Integer.parseInt(line.substring(colon + 1).strip());
			}
			catch (NumberFormatException ex) {
				throw new InvalidScheduleException("visitTypes",
						where + "'" + line.substring(colon + 1).strip() + "' is not a number of minutes");
			}
			if (minutes < 5 || minutes > 480) {
				throw new InvalidScheduleException("visitTypes",
						where + type + " takes " + minutes + " min; a visit takes 5 to 480 min");
			}
			if (result.keySet().stream().anyMatch(type::equalsIgnoreCase)) {
				throw new InvalidScheduleException("visitTypes", where + type + " is listed twice");
			}
			result.put(type, minutes);
		}
		return result;
	}

	private static String strip(String s) {
		return s == null ? "" : s.strip();
	}

}
