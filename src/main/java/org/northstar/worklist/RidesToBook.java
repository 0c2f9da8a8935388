package org.northstar.worklist;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.northstar.shared.PatientId;

/**
 * Rides a coordinator still has to book with a person's ride program, as a reason for
 * Today. The scheduling module answers (it owns appointments and transport); Today asks
 * for all of a page's people at once and shows only what it is told, so a ride marked
 * booked, or a visit cancelled, clears the reason on the next read.
 */
public interface RidesToBook {

	/**
	 * The rides not yet booked for each person's upcoming in-person visits.
	 * @param people each person's records (the person's key among them)
	 * @return per person with rides to book, the rides, the earliest deadline first;
	 * people without any are absent
	 */
	Map<PatientId, List<RideToBook>> of(Map<PatientId, ? extends Collection<PatientId>> people, Instant now);

	/**
	 * One ride to book.
	 *
	 * @param visit the visit type ("cardiology")
	 * @param visitStart when the visit starts, in the practice's zone
	 * @param pickup when the ride must pick the person up, in the practice's zone
	 * @param bookBy the last moment the program takes the booking: the pickup less its
	 * notice in hours, or the cut-off on the business day its notice counts back to
	 * @param noticeHours the notice the program needs in hours (0 with one in business
	 * days)
	 * @param noticeBusinessDays the notice the program needs in business days; 0 when it
	 * is in hours
	 * @param noticeCutoff the time of day the booking must be in by on that business day;
	 * null with a notice in hours
	 */
	record RideToBook(UUID appointment, String visit, ZonedDateTime visitStart, ZonedDateTime pickup,
			ZonedDateTime bookBy, int noticeHours, int noticeBusinessDays, LocalTime noticeCutoff) {

		/** With the program's notice in hours. */
		public RideToBook(UUID appointment, String visit, ZonedDateTime visitStart, ZonedDateTime pickup,
				ZonedDateTime bookBy, int noticeHours) {
			this(appointment, visit, visitStart, pickup, bookBy, noticeHours, 0, null);
		}

		/**
		 * The notice in the coordinator's words: "48 h notice before the 09:35 pickup",
		 * "2 business days' notice, by 17:00".
		 */
		public String notice() {
			if (this.noticeBusinessDays > 0) {
				return this.noticeBusinessDays + (this.noticeBusinessDays == 1 ? " business day's" : " business days'")
						+ " notice, by " + this.noticeCutoff;
			}
			return this.noticeHours + " h notice before the " + this.pickup.toLocalTime().withSecond(0).withNano(0)
					+ " pickup";
		}

		/** Whether the program's notice has run out. */
		public boolean late(Instant now) {
			return !this.bookBy.toInstant().isAfter(now);
		}

	}

}
