package org.northstar.scheduling;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A clinician or clinic that sees people at one location, in weekly sessions (evening and
 * Saturday sessions are sessions like others), except on closures. A calendar imported
 * from a source (FHIR {@code Schedule} and {@code Slot}) adds dated slots: a free slot is
 * open like a session, a busy one is booked even inside a session.
 *
 * @param visitTypes minutes per visit type it offers ("new patient": 60)
 * @param slots its imported calendar, in time order; empty for one entered by hand
 */
public record Provider(String id, String name, String specialty, Location location, boolean telehealth,
		List<String> languages, List<Session> sessions, List<Closure> closures, Map<String, Integer> visitTypes,
		List<Slot> slots) {

	/** A provider with no imported calendar. */
	public Provider(String id, String name, String specialty, Location location, boolean telehealth,
			List<String> languages, List<Session> sessions, List<Closure> closures, Map<String, Integer> visitTypes) {
		this(id, name, specialty, location, telehealth, languages, sessions, closures, visitTypes, List.of());
	}

	public Provider {
		if (id == null || id.isBlank()) {
			throw new InvalidScheduleException("id", "A provider needs an id");
		}
		if (specialty == null || specialty.isBlank()) {
			throw new InvalidScheduleException("specialty", "A provider needs a specialty");
		}
		if (location == null) {
			throw new InvalidScheduleException("location", "A provider sees people at a location");
		}
		languages = languages == null ? List.of() : List.copyOf(languages);
		sessions = sessions == null ? List.of() : List.copyOf(sessions);
		closures = closures == null ? List.of() : List.copyOf(closures);
		visitTypes = visitTypes == null ? Map.of() : Map.copyOf(visitTypes);
		slots = slots == null ? List.of() : slots.stream().sorted(java.util.Comparator.comparing(Slot::start)).toList();
	}

	/**
	 * A slot of an imported calendar, [start, end): free to be booked, or busy (booked,
	 * unavailable or tentatively held: each keeps a visit out).
	 */
	public record Slot(Instant start, Instant end, boolean free) {

		public Slot {
			if (start == null || end == null || !end.isAfter(start)) {
				throw new InvalidScheduleException("slots", "A slot has a start before its end");
			}
		}

		boolean meets(Instant from, Instant to) {
			return this.start.isBefore(to) && from.isBefore(this.end);
		}

	}

	/** Hours on a weekday; ends after starts, both the same local day. */
	public record Session(DayOfWeek day, LocalTime start, LocalTime end) {

		public Session {
			if (day == null || start == null || end == null || !end.isAfter(start)) {
				throw new InvalidScheduleException("sessions", "A session is a weekday with a start before its end");
			}
		}

		/** Whether it starts at or after 17:00. */
		public boolean evening() {
			return !this.start.isBefore(LocalTime.of(17, 0));
		}

	}

	/** Days closed, inclusive (a holiday, leave). */
	public record Closure(LocalDate first, LocalDate last, String reason) {

		public boolean covers(LocalDate day) {
			return !day.isBefore(this.first) && !day.isAfter(this.last);
		}

	}

	/** Whether it offers the type of visit: its specialty or one of its visit types. */
	public boolean offers(String type) {
		return this.specialty.equalsIgnoreCase(type)
				|| this.visitTypes.keySet().stream().anyMatch(type::equalsIgnoreCase);
	}

	/** Minutes for a visit of the type, when it names them. */
	public Optional<Integer> minutesFor(String type) {
		return this.visitTypes.entrySet()
			.stream()
			.filter(e -> e.getKey().equalsIgnoreCase(type))
			.map(Map.Entry::getValue)
			.findFirst();
	}

	/**
	 * Whether it lists the language (BCP 47), compared by the primary language: "es-MX"
	 * is spoken where "es" is. A provider listing none is not known to speak any.
	 */
	public boolean speaks(String language) {
		String wanted = primary(language);
		return this.languages.stream().anyMatch(l -> primary(l).equals(wanted));
	}

	private static String primary(String tag) {
		String t = tag.strip().toLowerCase(Locale.ROOT);
		int dash = t.indexOf('-');
		return dash < 0 ? t : t.substring(0, dash);
	}

	/** The closure that covers the day, if any. */
	public Optional<Closure> closureOn(LocalDate day) {
		return this.closures.stream().filter(c -> c.covers(day)).findFirst();
	}

	/** The sessions on a weekday, in order. */
	public List<Session> sessionsOn(DayOfWeek day) {
		return this.sessions.stream()
			.filter(s -> s.day() == day)
			.sorted(java.util.Comparator.comparing(Session::start))
			.toList();
	}

	/**
	 * Whether a visit from start to end (same day) lies inside one session and no
	 * closure.
	 */
	public boolean isOpen(ZonedDateTime start, ZonedDateTime end, ZoneId zone) {
		ZonedDateTime s = start.withZoneSameInstant(zone);
		ZonedDateTime e = end.withZoneSameInstant(zone);
		if (!s.toLocalDate().equals(e.toLocalDate()) || closureOn(s.toLocalDate()).isPresent()) {
			return false;
		}
		for (Session session : sessionsOn(s.getDayOfWeek())) {
			ZonedDateTime opens = ZonedDateTime.of(s.toLocalDate(), session.start(), zone);
			ZonedDateTime closes = ZonedDateTime.of(s.toLocalDate(), session.end(), zone);
			if (!s.isBefore(opens) && !e.isAfter(closes)) {
				return true;
			}
		}
		return this.slots.stream()
			.anyMatch(
					slot -> slot.free() && !s.toInstant().isBefore(slot.start()) && !e.toInstant().isAfter(slot.end()));
	}

	/**
	 * The hours a visit may be on the day, in the zone: the weekday's sessions and the
	 * free slots of the day (cut at midnight), overlapping ones merged, in order. A
	 * closure is not applied here.
	 */
	public List<Session> windowsOn(LocalDate day, ZoneId zone) {
		Instant dayStarts = day.atStartOfDay(zone).toInstant();
		Instant dayEnds = day.plusDays(1).atStartOfDay(zone).toInstant();
		List<Session> all = new java.util.ArrayList<>(sessionsOn(day.getDayOfWeek()));
		for (Slot slot : this.slots) {
			if (!slot.free() || !slot.meets(dayStarts, dayEnds)) {
				continue;
			}
			LocalTime from = slot.start().isAfter(dayStarts) ? slot.start().atZone(zone).toLocalTime() : LocalTime.MIN;
			LocalTime to = slot.end().isBefore(dayEnds) ? slot.end().atZone(zone).toLocalTime() : LocalTime.MAX;
			if (to.isAfter(from)) {
				all.add(new Session(day.getDayOfWeek(), from, to));
			}
		}
		all.sort(java.util.Comparator.comparing(Session::start));
		List<Session> merged = new java.util.ArrayList<>();
		for (Session next : all) {
			Session last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
			if (last != null && !next.start().isAfter(last.end())) {
				if (next.end().isAfter(last.end())) {
					merged.set(merged.size() - 1, new Session(last.day(), last.start(), next.end()));
				}
			}
			else {
				merged.add(next);
			}
		}
		return merged;
	}

	/** The busy slots of its imported calendar that meet [start, end). */
	public List<Slot> busyDuring(Instant start, Instant end) {
		return this.slots.stream().filter(slot -> !slot.free() && slot.meets(start, end)).toList();
	}

	/** "Wed 14:00–14:30, 15:00–15:30" for the free slots of the day, or empty. */
	String freeSlotsOn(LocalDate day, ZoneId zone) {
		Instant dayStarts = day.atStartOfDay(zone).toInstant();
		Instant dayEnds = day.plusDays(1).atStartOfDay(zone).toInstant();
		return this.slots.stream()
			.filter(slot -> slot.free() && slot.meets(dayStarts, dayEnds))
			.map(slot -> slot.start().atZone(zone).toLocalTime() + "–" + slot.end().atZone(zone).toLocalTime())
			.collect(Collectors.joining(", "));
	}

	/** "Tue 08:00–12:00, 13:00–17:00" or "closed on Saturdays". */
	public String hoursOn(DayOfWeek day) {
		List<Session> on = sessionsOn(day);
		String dayName = day.getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH);
		if (on.isEmpty()) {
			return "no sessions on " + dayName;
		}
		return dayName + " " + on.stream().map(x -> x.start() + "–" + x.end()).collect(Collectors.joining(", "));
	}

}
