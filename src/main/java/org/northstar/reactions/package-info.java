/**
 * Reactions: what other modules do after a fact is recorded (transition-of-care tasks,
 * TCM periods, notifications), and what happens when one fails.
 *
 * <p>
 * A domain event is stored with the fact that caused it (Spring Modulith's JDBC event
 * publication registry, table {@code event_publication}, one row per listener), and each
 * listener ({@code @ApplicationModuleListener}) runs after the commit, on this module's
 * bounded executor, in a transaction of its own. A reaction therefore never rolls back or
 * refuses the fact it reacts to. One that fails stays an incomplete publication with its
 * error ({@code reaction_failure}); this module retries it with a growing interval,
 * resubmits what is outstanding when the server starts, and lets an administrator see and
 * retry each one ({@link org.northstar.reactions.Reactions}). Reactions must be
 * idempotent: a retried or duplicated publication may run a listener again.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reactions")
package org.northstar.reactions;
