/**
 * Telling a coordinator at once when something happens to one of their patients: an ED
 * visit or an admission, or a hospital message about them that could not be applied
 * ({@link org.northstar.notification.Hl7MessageDeadLettered}). Each notification is kept
 * in the app, and delivered outside it through a {@link NotificationSender} (e-mail,
 * SMS), retried until it goes through. ED visits and admissions are written in the
 * transaction that recorded the event; a dead letter's after that transaction committed,
 * so that it cannot cost the dead letter.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package org.northstar.notification;
