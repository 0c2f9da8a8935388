package org.northstar.scheduling;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Providers' calendars as sources send them (FHIR {@code Schedule} and {@code Slot}): a
 * schedule is kept as a provider of its own, at its location, and its slots become that
 * provider's dated calendar, which proposals and conflict checks read with its sessions.
 * Keyed by Northstar's ids of the source's resources, so importing the same calendar
 * again changes nothing, and a slot sent again with a new status replaces the old one.
 */
@Service
public class Calendars {

	/** Slots ended longer ago than this are not read: nothing is proposed in the past. */
	private static final String RECENT = "31 days";

	private final JdbcClient jdbc;

	Calendars(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A source's schedule: the provider whose calendar it is.
	 *
	 * @param id Northstar's id of the Schedule resource
	 * @param horizonStart the start of its planning horizon; null when not given
	 */
	public record ImportedSchedule(UUID id, String source, String name, String specialty, Location location,
			Instant horizonStart, Instant horizonEnd) {

		public ImportedSchedule {
			if (specialty == null || specialty.isBlank()) {
				throw new InvalidScheduleException("specialty", "A schedule needs a specialty or service type");
			}
		}

		/** The provider's id in Northstar: one per schedule. */
		public String providerId() {
			return providerIdOf(this.id);
		}

	}

	/** A slot of a schedule; busy covers busy, busy-unavailable and busy-tentative. */
	public record ImportedSlot(UUID id, UUID schedule, Instant start, Instant end, boolean free) {

		public ImportedSlot {
			if (start == null || end == null || !end.isAfter(start)) {
				throw new InvalidScheduleException("end", "A slot ends after it starts");
			}
		}

	}

	/** The provider id a schedule is kept under. */
	public static String providerIdOf(UUID schedule) {
		return "schedule-" + schedule;
	}

	/** Which of these schedules are already held. */
	public Set<UUID> held(Collection<UUID> schedules) {
		if (schedules.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(this.jdbc.sql("select id from clinic_schedule where id = any(?::uuid[])")
			.param(schedules.toArray(UUID[]::new))
			.query(UUID.class)
			.list());
	}

	/**
	 * Stores the schedules and slots, in the caller's transaction (an import keeps all of
	 * a bundle or none). A schedule again updates its provider's name, specialty and
	 * location, and leaves hours entered on the page alone. A slot withdrawn
	 * ({@code entered-in-error}) is given in {@code withdrawn}.
	 * @throws InvalidScheduleException naming {@code schedule} when a slot's schedule is
	 * neither among these nor held
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void store(List<ImportedSchedule> schedules, List<ImportedSlot> slots, Collection<UUID> withdrawn) {
		for (ImportedSchedule s : schedules) {
			Location at = s.location();
			this.jdbc.sql("""
					insert into clinic_location (id, name, address, latitude, longitude) values (?, ?, ?, ?, ?)
					on conflict (id) do update set name = excluded.name, address = excluded.address,
					    latitude = excluded.latitude, longitude = excluded.longitude
					""")
				.params(at.id(), at.name(), at.address(), at.coordinates().latitude(), at.coordinates().longitude())
				.update();
			this.jdbc.sql("""
					insert into clinic_provider (id, name, specialty, location_id) values (?, ?, ?, ?)
					on conflict (id) do update set name = excluded.name, specialty = excluded.specialty,
					    location_id = excluded.location_id
					""").params(s.providerId(), s.name(), s.specialty(), at.id()).update();
			this.jdbc
				.sql("""
						insert into clinic_schedule (id, provider_id, source, horizon_start, horizon_end) values (?, ?, ?, ?, ?)
						on conflict (id) do update set horizon_start = excluded.horizon_start,
						    horizon_end = excluded.horizon_end
						""")
				.params(s.id(), s.providerId(), s.source(), utc(s.horizonStart()), utc(s.horizonEnd()))
				.update();
		}
		Set<UUID> known = new HashSet<>(held(slots.stream().map(ImportedSlot::schedule).toList()));
		for (ImportedSlot slot : slots) {
			if (!known.contains(slot.schedule())) {
				throw new InvalidScheduleException("schedule", "There is no schedule " + slot.schedule());
			}
			this.jdbc.sql("""
					insert into clinic_slot (id, schedule_id, provider_id, starts_at, ends_at, free)
					values (?, ?, ?, ?, ?, ?)
					on conflict (id) do update set schedule_id = excluded.schedule_id,
					    provider_id = excluded.provider_id, starts_at = excluded.starts_at,
					    ends_at = excluded.ends_at, free = excluded.free
					""")
				.params(slot.id(), slot.schedule(), providerIdOf(slot.schedule()), utc(slot.start()), utc(slot.end()),
						slot.free())
				.update();
		}
		if (!withdrawn.isEmpty()) {
			this.jdbc.sql("delete from clinic_slot where id = any(?::uuid[])")
				.param(withdrawn.toArray(UUID[]::new))
				.update();
		}
	}

	/** The recent and coming slots of each provider with an imported calendar. */
	static Map<String, List<Provider.Slot>> slotsByProvider(JdbcClient jdbc) {
		Map<String, List<Provider.Slot>> slots = new HashMap<>();
		jdbc.sql("select provider_id, starts_at, ends_at, free from clinic_slot where ends_at > now() - interval '"
				+ RECENT + "' order by provider_id, starts_at")
			.query((ResultSet rs) -> {
				slots.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
					.add(new Provider.Slot(rs.getObject(2, OffsetDateTime.class).toInstant(),
							rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getBoolean(4)));
			});
		return slots;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

}
