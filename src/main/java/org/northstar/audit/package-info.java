/**
 * The audit trail: who read, searched, created, changed or exported which patient's data,
 * when, from where and with what outcome; logins and role changes too. Records are
 * append-only and chained by hash, so a change made behind Northstar's back is detected
 * by {@link AuditTrail#verify()}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package org.northstar.audit;
