/**
 * Telling a coordinator at once when something happens to one of their patients: an ED
 * visit or an admission. Each notification is kept in the app, written in the transaction
 * that recorded the event, and delivered outside it through a {@link NotificationSender}
 * (e-mail, SMS), retried until it goes through.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package org.northstar.notification;
