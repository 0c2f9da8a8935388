/**
 * Telling a coordinator at once when something happens to one of their patients: an ED
 * visit or an admission, or a hospital message about them that could not be applied
 * ({@link org.northstar.notification.Hl7MessageDeadLettered}). Each notification is kept
 * in the app, written by a reaction after the event is recorded (so that it can never
 * cost the record it reacts to), and delivered outside it through a
 * {@link NotificationSender} (e-mail, SMS), retried until it goes through.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package org.northstar.notification;
