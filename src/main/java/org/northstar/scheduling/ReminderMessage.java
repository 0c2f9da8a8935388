package org.northstar.scheduling;

import java.util.UUID;

/**
 * One appointment reminder for the person, as it leaves Northstar.
 *
 * @param reminder the reminder's id: unique, stable, for the gateway's idempotency
 * @param appointment the appointment it is about
 * @param phone the person's phone, or null when only an e-mail is known
 * @param email the person's e-mail, or null
 * @param language the language it is written in: {@code en}, {@code es} or {@code zh}
 * (simplified characters)
 * @param text the reminder itself; it does not name the person
 */
public record ReminderMessage(long reminder, UUID appointment, String phone, String email, String language,
		String text) {
}
