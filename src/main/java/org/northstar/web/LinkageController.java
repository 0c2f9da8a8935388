package org.northstar.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.audit.AuditAction;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.LinkageDecisions;
import org.northstar.caseload.LinkageRefusedException;
import org.northstar.caseload.PatientAccess;
import org.northstar.patient.DecisionConflictException;
import org.northstar.patient.LinkCandidate;
import org.northstar.patient.PatientDetails;
import org.northstar.patient.Patients;
import org.northstar.patient.People;
import org.northstar.patient.RecordLinkage;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The record linkage review queue: pairs of people the matcher could not decide, side by
 * side, for a coordinator or supervisor to say "same person" or "different people". Each
 * pair has one record the user may see; seeing the other is checked and audited as a link
 * candidate. Who may decide is {@link LinkageDecisions}'s to say.
 */
@Controller
class LinkageController {

	private static final int QUEUE_PAGE = 50;

	private final CurrentUser currentUser;

	private final Caseloads caseloads;

	private final PatientAccess access;

	private final Patients patients;

	private final People people;

	private final RecordLinkage linkage;

	private final LinkageDecisions decisions;

	LinkageController(CurrentUser currentUser, Caseloads caseloads, PatientAccess access, Patients patients,
			People people, RecordLinkage linkage, LinkageDecisions decisions) {
		this.currentUser = currentUser;
		this.caseloads = caseloads;
		this.access = access;
		this.patients = patients;
		this.people = people;
		this.linkage = linkage;
		this.decisions = decisions;
	}

	/**
	 * One pair of the queue: the record the user knows first.
	 *
	 * @param decidable whether this user may decide on it (else a supervisor does)
	 */
	public record Pair(LinkCandidate candidate, PatientDetails known, PatientDetails candidateRecord,
			boolean decidable) {

		/** Whether the two records have the same value for a header field. */
		public boolean same(String a, String b) {
			return a != null && a.equalsIgnoreCase(b);
		}

	}

	static boolean mayDecide(UserAccount user) {
		return user.has(Role.COORDINATOR) || user.has(Role.SUPERVISOR);
	}

	@GetMapping("/linkage")
	String queue(HttpServletRequest request, Model model) {
		UserAccount user = this.currentUser.get();
		if (!mayDecide(user)) {
			throw new AccessRefusedException("Only coordinators and supervisors review record links.");
		}
		String address = CurrentUser.address(request);
		List<PatientId> visible = this.caseloads.visibleTo(user);
		Set<PatientId> known = this.people.withLinkedRecords(visible);
		List<Pair> pairs = new ArrayList<>();
		for (LinkCandidate c : this.linkage.pendingFor(visible, QUEUE_PAGE)) {
			boolean aKnown = known.contains(c.recordA());
			PatientId mine = aKnown ? c.recordA() : c.recordB();
			PatientId other = aKnown ? c.recordB() : c.recordA();
			if (!this.access.check(user, mine, AuditAction.READ, "link review", address).allowed()
					|| !this.access.checkLinkCandidate(user, other, mine, AuditAction.READ, "link review", address)
						.allowed()) {
				continue;
			}
			Optional<PatientDetails> a = this.patients.find(mine);
			Optional<PatientDetails> b = this.patients.find(other);
			if (a.isPresent() && b.isPresent()) {
				pairs.add(new Pair(c, a.get(), b.get(), this.decisions.mayDecide(user, mine, other)));
			}
		}
		model.addAttribute("pairs", pairs);
		model.addAttribute("user", user);
		return "linkage/queue";
	}

	@PostMapping("/linkage/link")
	String link(@RequestParam("known") String known, @RequestParam("candidate") String candidate,
			HttpServletRequest request, RedirectAttributes redirect) {
		PatientId[] pair = proposed(known, candidate);
		UserAccount user = this.currentUser.get();
		return decide(() -> this.decisions.link(user, pair[0], pair[1], CurrentUser.address(request)),
				"Linked: the patient page now shows both records.", user, redirect);
	}

	@PostMapping("/linkage/reject")
	String reject(@RequestParam("known") String known, @RequestParam("candidate") String candidate,
			HttpServletRequest request, RedirectAttributes redirect) {
		PatientId[] pair = proposed(known, candidate);
		UserAccount user = this.currentUser.get();
		return decide(() -> this.decisions.reject(user, pair[0], pair[1], CurrentUser.address(request)),
				"Marked as different people: they will not be linked.", user, redirect);
	}

	/** A supervisor puts a pair marked as different people back in the queue. */
	@PostMapping("/linkage/reopen")
	String reopen(@RequestParam("known") String known, @RequestParam("candidate") String candidate,
			HttpServletRequest request, RedirectAttributes redirect) {
		PatientId[] pair = proposed(known, candidate);
		UserAccount user = this.currentUser.get();
		return decide(() -> this.decisions.reopen(user, pair[0], pair[1], CurrentUser.address(request)),
				"Re-opened: the pair is back in the review queue.", user, redirect);
	}

	private String decide(Runnable decision, String done, UserAccount user, RedirectAttributes redirect) {
		try {
			decision.run();
			redirect.addFlashAttribute("message", done);
		}
		catch (LinkageRefusedException ex) {
			throw new AccessRefusedException(ex.getMessage());
		}
		catch (DecisionConflictException ex) {
			redirect.addFlashAttribute("conflict", ex.getMessage());
			if (user.has(Role.SUPERVISOR)) {
				ex.rejectedPair().ifPresent(p -> redirect.addFlashAttribute("reopen", p));
			}
		}
		return "redirect:/linkage";
	}

	/** The two records, if the matcher ever compared them. */
	private PatientId[] proposed(String known, String candidate) {
		PatientId knownId = parse(known);
		PatientId candidateId = parse(candidate);
		if (this.linkage.candidate(knownId, candidateId).isEmpty()) {
			throw new PageNotFoundException("These two records were never proposed as one person");
		}
		return new PatientId[] { knownId, candidateId };
	}

	private static PatientId parse(String id) {
		try {
			return new PatientId(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			throw new PageNotFoundException("There is no patient " + id);
		}
	}

}
