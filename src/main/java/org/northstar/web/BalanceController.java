package org.northstar.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.audit.AuditAction;
import org.northstar.caseload.AssignmentRefusedException;
import org.northstar.caseload.Assignments;
import org.northstar.caseload.Rebalancing;
import org.northstar.clinical.ClinicalItems.HospitalEventKind;
import org.northstar.clinical.ClinicalRecords;
import org.northstar.documentation.Interactions;
import org.northstar.patient.PatientSummary;
import org.northstar.risk.PersonRisk;
import org.northstar.risk.RiskAssessment;
import org.northstar.risk.RiskBand;
import org.northstar.risk.RiskScores;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;
import org.northstar.worklist.Tasks;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The supervisor's balance of her team's caseloads: each coordinator's people, their
 * acuity-weighted load (risk band), overdue tasks and recent admissions, and a suggested
 * rebalancing ({@link Rebalancing}) applied only when she approves it.
 */
@Controller
class BalanceController {

	/** Contact this recent keeps a person with their coordinator. */
	static final Duration RECENT_CONTACT = Duration.ofDays(14);

	/** Admissions this recent count as recent. */
	static final Duration RECENT_ADMISSIONS = Duration.ofDays(30);

	private final CurrentUser currentUser;

	private final Assignments assignments;

	private final RiskScores risks;

	private final Tasks tasks;

	private final ClinicalRecords clinical;

	private final Interactions interactions;

	private final Clock clock;

	BalanceController(CurrentUser currentUser, Assignments assignments, RiskScores risks, Tasks tasks,
			ClinicalRecords clinical, Interactions interactions, Clock clock) {
		this.currentUser = currentUser;
		this.assignments = assignments;
		this.risks = risks;
		this.tasks = tasks;
		this.clinical = clinical;
		this.interactions = interactions;
		this.clock = clock;
	}

	/** One coordinator's line. */
	public record Load(UserAccount coordinator, int people, double weighted, int overdueTasks, int recentAdmissions,
			double after) {
	}

	/** A suggested move, with the person's name. */
	public record SuggestedMove(Rebalancing.Move move, String name) {
	}

	/**
	 * The acuity weight of a risk band: high counts three times a low or unscored one.
	 */
	static double weight(PersonRisk risk) {
		RiskBand worst = null;
		for (RiskAssessment a : new RiskAssessment[] { risk == null ? null : risk.lace(),
				risk == null ? null : risk.hospital() }) {
			if (a != null && (worst == null || a.band().ordinal() > worst.ordinal())) {
				worst = a.band();
			}
		}
		if (worst == null) {
			return 1;
		}
		return switch (worst) {
			case HIGH -> 3;
			case MODERATE, INTERMEDIATE -> 2;
			case LOW -> 1;
		};
	}

	@GetMapping("/caseload/balance")
	String balance(@RequestParam(name = "tolerance", defaultValue = "20") int tolerancePercent,
			HttpServletRequest request, Model model) {
		UserAccount user = manager();
		int tolerance = Math.max(0, Math.min(100, tolerancePercent));
		Instant now = this.clock.instant();
		LocalDate today = LocalDate.now(this.clock);
		List<UserAccount> coordinators = this.assignments.coordinatorsFor(user);
		List<Rebalancing.Patient> patients = new ArrayList<>();
		Map<PatientId, String> names = new HashMap<>();
		Map<String, int[]> counts = new LinkedHashMap<>();
		for (UserAccount c : coordinators) {
			List<PatientSummary> people = this.assignments.caseloadOf(c.username());
			List<PatientId> ids = people.stream().map(PatientSummary::id).toList();
			people.forEach(p -> names.put(p.id(), p.displayName()));
			Map<PatientId, PersonRisk> risk = this.risks.forPeople(ids);
			Set<PatientId> contacted = new HashSet<>();
			this.interactions.of(ids)
				.stream()
				.filter(i -> i.startedAt() != null && i.startedAt().isAfter(now.minus(RECENT_CONTACT)))
				.forEach(i -> contacted.add(i.patient()));
			for (PatientId id : ids) {
				patients.add(new Rebalancing.Patient(id, c.username(), weight(risk.get(id)), contacted.contains(id)));
			}
			int overdue = (int) this.tasks.openFor(ids)
				.stream()
				.filter(t -> t.dueOn() != null && t.dueOn().isBefore(today))
				.count();
			int admissions = (int) this.clinical.hospitalEventsArrivedSince(ids, now.minus(RECENT_ADMISSIONS))
				.stream()
				.filter(e -> e.kind() == HospitalEventKind.ADMITTED)
				.count();
			counts.put(c.username(), new int[] { people.size(), overdue, admissions });
		}
		Rebalancing.Plan plan = Rebalancing.plan(counts.keySet(), patients, tolerance / 100.0);
		List<Load> loads = coordinators.stream()
			.map(c -> new Load(c, counts.get(c.username())[0], plan.before().get(c.username()),
					counts.get(c.username())[1], counts.get(c.username())[2], plan.after().get(c.username())))
			.toList();
		model.addAttribute("loads", loads);
		model.addAttribute("plan", plan);
		model.addAttribute("moves",
				plan.moves().stream().map(m -> new SuggestedMove(m, names.get(m.patient()))).toList());
		model.addAttribute("tolerance", tolerance);
		model.addAttribute("displayNames", coordinators.stream()
			.collect(java.util.stream.Collectors.toMap(UserAccount::username, UserAccount::displayName)));
		this.currentUser.audit(user, AuditAction.SEARCH, null, "caseload balance: " + coordinators.size()
				+ " coordinators, " + patients.size() + " people, " + plan.moves().size() + " moves suggested",
				request);
		return "caseload/balance";
	}

	@PostMapping("/caseload/balance")
	String apply(@RequestParam(name = "move", required = false) List<String> moves,
			@RequestParam(name = "tolerance", defaultValue = "20") int tolerance, HttpServletRequest request,
			RedirectAttributes redirect) {
		UserAccount user = manager();
		Map<PatientId, String> approved = new LinkedHashMap<>();
		for (String move : moves == null ? List.<String>of() : moves) {
			int colon = move.indexOf(':');
			try {
				approved.put(new PatientId(UUID.fromString(move.substring(0, Math.max(colon, 0)))),
						move.substring(colon + 1));
			}
			catch (IllegalArgumentException ex) {
				throw new PageNotFoundException("There is no patient " + move);
			}
		}
		try {
			this.assignments.reassign(user, approved, CurrentUser.address(request));
			redirect.addFlashAttribute("message",
					"Moved " + (approved.size() == 1 ? "1 person" : approved.size() + " people") + ".");
		}
		catch (AssignmentRefusedException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/caseload/balance?tolerance=" + tolerance;
	}

	private UserAccount manager() {
		UserAccount user = this.currentUser.get();
		if (!Assignments.mayAssign(user)) {
			throw new AccessRefusedException("Only supervisors and administrators balance caseloads.");
		}
		return user;
	}

}
