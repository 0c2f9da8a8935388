package org.northstar.notification;

/**
 * A channel outside Northstar (e-mail, SMS) that tells a user to look at Northstar. A
 * deployment supplies its own as a Spring bean; without one, notifications are only
 * logged, which is what development and the demo need.
 *
 * <p>
 * What is sent leaves our walls, so it carries no patient data: the recipient signs in to
 * see who and what.
 */
public interface NotificationSender {

	/**
	 * Sends the message, or throws: the notification is then retried later.
	 * @param username the Northstar user to reach; the sender knows their address
	 */
	void send(String username, String message) throws Exception;

}
