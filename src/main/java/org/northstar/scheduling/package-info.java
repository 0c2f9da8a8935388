/**
 * Appointment choreography (issue 17): schedules that fit the person's life. Providers
 * and their locations, weekly sessions, closures and visit types; a person's commitments
 * (dialysis with its recovery, work shifts, caregiving, one-off), how they travel and
 * what they prefer; the appointments booked.
 * {@link org.northstar.scheduling.ConflictCheck} finds every conflict of a visit, each
 * explained in words, and {@link org.northstar.scheduling.Choreographer} proposes a
 * schedule for the visits a person needs with Timefold Solver. Times of day are the
 * practice's local times ({@code PracticeTime}); instants are compared as instants, so a
 * daylight-saving change neither opens nor closes a gap. See {@code docs/scheduling.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Scheduling")
package org.northstar.scheduling;
