package org.northstar.scheduling;

/**
 * A channel outside Northstar (an SMS gateway, an automated call, e-mail) that reminds a
 * person of their appointment. A deployment supplies its own as a named Spring bean and
 * chooses it with {@code northstar.reminders.sender}; the default, {@code log}, only logs
 * that a reminder would have gone, which is what development and the demo need.
 *
 * <p>
 * A reminder is handed to the sender once: it is claimed (and the claim committed) before
 * {@link #send} is called, and never handed over again once the sender accepted it, or
 * once Northstar stopped before it learned the outcome. A sender that can, should pass
 * {@link ReminderMessage#reminder()} to its gateway as an idempotency key.
 */
public interface ReminderSender {

	/**
	 * Sends the reminder, or throws: the reminder is then retried later, with the error
	 * shown to the coordinator, until its appointment begins.
	 */
	void send(ReminderMessage message) throws Exception;

}
