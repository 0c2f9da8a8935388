package org.northstar.scheduling;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where and when care is given: locations, and providers with their sessions, closures
 * and visit types. A provider is saved whole: its sessions, closures and visit types are
 * replaced together.
 */
@Service
public class Clinics {

	private final JdbcClient jdbc;

	Clinics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Adds or replaces a location. */
	public void save(Location location) {
		this.jdbc.sql("""
				insert into clinic_location (id, name, address, latitude, longitude) values (?, ?, ?, ?, ?)
				on conflict (id) do update set name = excluded.name, address = excluded.address,
				    latitude = excluded.latitude, longitude = excluded.longitude
				""")
			.params(location.id(), location.name(), location.address(), location.coordinates().latitude(),
					location.coordinates().longitude())
			.update();
	}

	/**
	 * Adds or replaces a provider with its location, sessions, closures and visit types.
	 */
	@Transactional
	public void save(Provider provider) {
		save(provider.location());
		this.jdbc.sql("""
				insert into clinic_provider (id, name, specialty, location_id, telehealth, languages)
				values (?, ?, ?, ?, ?, ?::text[])
				on conflict (id) do update set name = excluded.name, specialty = excluded.specialty,
				    location_id = excluded.location_id, telehealth = excluded.telehealth, languages = excluded.languages
				""")
			.params(provider.id(), provider.name(), provider.specialty(), provider.location().id(),
					provider.telehealth(), provider.languages().toArray(String[]::new))
			.update();
		this.jdbc.sql("delete from clinic_session where provider_id = ?").param(provider.id()).update();
		this.jdbc.sql("delete from clinic_closure where provider_id = ?").param(provider.id()).update();
		this.jdbc.sql("delete from clinic_visit_type where provider_id = ?").param(provider.id()).update();
		for (Provider.Session s : provider.sessions()) {
			this.jdbc.sql("insert into clinic_session (provider_id, day_of_week, starts, ends) values (?, ?, ?, ?)")
				.params(provider.id(), s.day().getValue(), s.start(), s.end())
				.update();
		}
		for (Provider.Closure c : provider.closures()) {
			this.jdbc.sql("insert into clinic_closure (provider_id, first_day, last_day, reason) values (?, ?, ?, ?)")
				.params(provider.id(), c.first(), c.last(), c.reason())
				.update();
		}
		for (Map.Entry<String, Integer> t : provider.visitTypes().entrySet()) {
			this.jdbc.sql("insert into clinic_visit_type (provider_id, visit_type, minutes) values (?, ?, ?)")
				.params(provider.id(), t.getKey(), t.getValue())
				.update();
		}
	}

	/** Every location, by id. */
	public Map<String, Location> locations() {
		Map<String, Location> result = new LinkedHashMap<>();
		this.jdbc.sql("select id, name, address, latitude, longitude from clinic_location order by id")
			.query((rs, n) -> new Location(rs.getString("id"), rs.getString("name"), rs.getString("address"),
					new Coordinates(rs.getDouble("latitude"), rs.getDouble("longitude"))))
			.list()
			.forEach(l -> result.put(l.id(), l));
		return result;
	}

	/** Every provider, in id order. */
	public List<Provider> providers() {
		Map<String, Location> locations = locations();
		Map<String, List<Provider.Session>> sessions = new HashMap<>();
		this.jdbc.sql(
				"select provider_id, day_of_week, starts, ends from clinic_session order by provider_id, day_of_week, starts")
			.query((ResultSet rs) -> {
				sessions.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
					.add(new Provider.Session(DayOfWeek.of(rs.getInt(2)), rs.getTime(3).toLocalTime(),
							rs.getTime(4).toLocalTime()));
			});
		Map<String, List<Provider.Closure>> closures = new HashMap<>();
		this.jdbc
			.sql("select provider_id, first_day, last_day, reason from clinic_closure order by provider_id, first_day")
			.query((ResultSet rs) -> {
				closures.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
					.add(new Provider.Closure(rs.getDate(2).toLocalDate(), rs.getDate(3).toLocalDate(),
							rs.getString(4)));
			});
		Map<String, Map<String, Integer>> types = new HashMap<>();
		this.jdbc.sql("select provider_id, visit_type, minutes from clinic_visit_type").query((ResultSet rs) -> {
			types.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getInt(3));
		});
		Map<String, List<Provider.Slot>> slots = Calendars.slotsByProvider(this.jdbc);
		return this.jdbc
			.sql("select id, name, specialty, location_id, telehealth, languages from clinic_provider order by id")
			.query((rs, n) -> {
				String id = rs.getString("id");
				return new Provider(id, rs.getString("name"), rs.getString("specialty"),
						locations.get(rs.getString("location_id")), rs.getBoolean("telehealth"),
						strings(rs.getArray("languages")), sessions.get(id), closures.get(id), types.get(id),
						slots.get(id));
			})
			.list();
	}

	/** The provider, if there is one with the id. */
	public Optional<Provider> provider(String id) {
		return providers().stream().filter(p -> p.id().equals(id)).findFirst();
	}

	private static List<String> strings(Array array) throws SQLException {
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}

}
