package org.northstar.notification;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The notifications each user has in the app. */
@Service
public class Notifications {

	private final JdbcClient jdbc;

	Notifications(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public int unreadCount(String username) {
		return this.jdbc.sql("select count(*) from notification where username = ? and read_at is null")
			.param(username)
			.query(Integer.class)
			.single();
	}

	/** The user's newest notifications, unread and read. */
	public List<Notification> recentFor(String username, int limit) {
		return this.jdbc.sql("""
				select id, username, patient_id, kind, text, created_at, read_at from notification
				where username = ? order by created_at desc, id desc limit ?
				""").params(username, limit).query((rs, n) -> {
			UUID patient = rs.getObject(3, UUID.class);
			Timestamp read = rs.getTimestamp(7);
			return new Notification(rs.getLong(1), rs.getString(2), patient == null ? null : new PatientId(patient),
					Notification.Kind.valueOf(rs.getString(4)), rs.getString(5), rs.getTimestamp(6).toInstant(),
					read == null ? null : read.toInstant());
		}).list();
	}

	/** Marks everything the user has read. */
	public void markAllRead(String username) {
		this.jdbc.sql("update notification set read_at = now() where username = ? and read_at is null")
			.param(username)
			.update();
	}

	/**
	 * Adds a notification, once per event: the same encounter notifies a user of the same
	 * kind of event once, however often a feed resends it.
	 * @return whether it was new
	 */
	boolean add(String username, PatientId patient, Notification.Kind kind, String text, UUID encounter) {
		return this.jdbc.sql("""
				insert into notification (username, patient_id, kind, text, encounter_id) values (?, ?, ?, ?, ?)
				on conflict (encounter_id, kind, username) do nothing
				""").params(username, patient.value(), kind.name(), text, encounter).update() == 1;
	}

	/**
	 * Adds a notification that is about no encounter, once: the same text of the same
	 * kind for the same user is not added again, so an event delivered twice tells no one
	 * twice.
	 * @return whether it was new
	 */
	boolean addOnce(String username, PatientId patient, Notification.Kind kind, String text) {
		return this.jdbc
			.sql("""
					insert into notification (username, patient_id, kind, text)
					select :username, :patient, :kind, :text
					where not exists (select 1 from notification where username = :username and kind = :kind and text = :text)
					""")
			.param("username", username)
			.param("patient", patient.value())
			.param("kind", kind.name())
			.param("text", text)
			.update() == 1;
	}

}
