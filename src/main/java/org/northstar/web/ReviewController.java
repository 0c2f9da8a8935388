package org.northstar.web;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.audit.AuditAction;
import org.northstar.clinical.ClinicalItems.HospitalEvent;
import org.northstar.patient.PatientSummary;
import org.northstar.patient.People;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;
import org.northstar.worklist.OvernightReview;
import org.northstar.worklist.ReviewRank;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The overnight admissions review: the first thing a coordinator looks at in the morning,
 * ranked by risk, each line saying why it ranks where it does.
 */
@Controller
class ReviewController {

	private final CurrentUser currentUser;

	private final OvernightReview review;

	private final People people;

	private final Clock clock;

	ReviewController(CurrentUser currentUser, OvernightReview review, People people, Clock clock) {
		this.clock = clock;
		this.currentUser = currentUser;
		this.review = review;
		this.people = people;
	}

	/** One line of the review, with where it ranks and why. */
	public record Line(HospitalEvent event, ReviewRank rank, PatientSummary patient, String coordinator) {
	}

	@GetMapping("/review")
	String review(HttpServletRequest request, Model model) {
		UserAccount user = this.currentUser.get();
		Instant now = this.clock.instant();
		OvernightReview.Review review = this.review.forUser(user, now, this.clock.getZone());
		List<PatientId> ids = review.events().stream().map(HospitalEvent::patient).distinct().toList();
		// Each line names the person, not the hospital's record of them: the primary
		// record's name, whichever record the event came on.
		Map<PatientId, PatientSummary> names = new HashMap<>();
		for (PatientId id : ids) {
			this.people.personOf(id).ifPresent(person -> names.put(id, person.primary().summary()));
		}
		List<Line> lines = review.ranks()
			.stream()
			.map(r -> new Line(r.event(), r, names.get(r.event().patient()),
					review.coordinators().get(r.event().patient())))
			.toList();
		this.currentUser.audit(user, AuditAction.SEARCH, null,
				"overnight review since " + review.since() + ": " + lines.size() + " events", request);
		model.addAttribute("lines", lines);
		model.addAttribute("since", review.since());
		model.addAttribute("now", now);
		return "review/list";
	}

	@PostMapping("/review/reviewed")
	String markReviewed(@RequestParam("upTo") Instant upTo) {
		this.review.markReviewed(this.currentUser.get().username(), upTo);
		return "redirect:/review";
	}

}
