/**
 * Telling a coordinator at once when something happens to one of their patients: an ED
 * visit or an admission. Each notification is kept in the app, written by a reaction
 * after the event is recorded, and delivered outside it through a
 * {@link NotificationSender} (e-mail, SMS), retried until it goes through.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package org.northstar.notification;
