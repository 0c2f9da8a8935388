package org.northstar.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditTrail;
import org.northstar.caseload.Caseloads;
import org.northstar.clinical.ClinicalRecords;
import org.northstar.clinical.PatientOverview;
import org.northstar.patient.PatientSummary;
import org.northstar.patient.People;
import org.northstar.patient.Patients;
import org.northstar.risk.RiskScores;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;
import org.northstar.worklist.Tasks;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "My caseload": the patients the user is responsible for, quick to scan, search and
 * sort.
 */
@Controller
class CaseloadController {

	private final CurrentUser currentUser;

	private final Caseloads caseloads;

	private final Patients patients;

	private final People people;

	private final ClinicalRecords clinical;

	private final Tasks tasks;

	private final AuditTrail audit;

	private final Clock clock;

	private final RiskScores risks;

	CaseloadController(CurrentUser currentUser, Caseloads caseloads, Patients patients, People people,
			ClinicalRecords clinical, Tasks tasks, AuditTrail audit, Clock clock, RiskScores risks) {
		this.risks = risks;
		this.clock = clock;
		this.currentUser = currentUser;
		this.caseloads = caseloads;
		this.patients = patients;
		this.people = people;
		this.clinical = clinical;
		this.tasks = tasks;
		this.audit = audit;
	}

	/** One row of the list. */
	public record Row(PatientSummary patient, Integer age, PatientOverview overview, String coordinator,
			int openTasks) {

		public String name() {
			return this.patient.displayName();
		}

	}

	@GetMapping("/caseload")
	String caseload(@RequestParam(name = "q", required = false) String query,
			@RequestParam(name = "sort", defaultValue = "name") String sort,
			@RequestParam(name = "language", required = false) String language,
			@RequestParam(name = "mine", defaultValue = "false") boolean mineOnly,
			@RequestHeader(name = "HX-Request", required = false) String htmx,
			@RequestHeader(name = "HX-History-Restore-Request", required = false) String historyRestore,
			HttpServletRequest request, Model model) {
		UserAccount user = this.currentUser.get();
		Instant now = this.clock.instant();
		// A person with linked records from several sources is one row.
		List<PatientId> visible = this.people.onePerPerson(this.caseloads.visibleTo(user));
		Map<PatientId, String> coordinators = this.caseloads.coordinatorsOf(visible);
		List<PatientSummary> summaries = this.patients.summaries(visible, query);
		// Each row shows the person: the overview and tasks of all their linked records.
		List<PatientId> shown = summaries.stream().map(PatientSummary::id).toList();
		Map<PatientId, List<PatientId>> linked = this.people.otherLinkedRecords(shown);
		Map<PatientId, List<PatientId>> people = new java.util.LinkedHashMap<>();
		shown.forEach(id -> people.put(id, linked.getOrDefault(id, List.of())));
		Map<PatientId, PatientOverview> overviews = this.clinical.personOverviews(people, now);
		List<PatientId> allRecords = new java.util.ArrayList<>(shown);
		linked.values().forEach(allRecords::addAll);
		Map<PatientId, Integer> tasksByRecord = this.tasks.openCounts(allRecords);
		Map<PatientId, Integer> openTasks = new java.util.HashMap<>();
		people.forEach((id, others) -> openTasks.put(id, tasksByRecord.getOrDefault(id, 0)
				+ others.stream().mapToInt(r -> tasksByRecord.getOrDefault(r, 0)).sum()));
		LocalDate today = LocalDate.now(this.clock);
		List<Row> rows = summaries.stream()
			.filter(p -> language == null || language.isBlank() || language.equals(p.language()))
			.filter(p -> !mineOnly || user.username().equals(coordinators.get(p.id())))
			.map(p -> new Row(p, p.ageOn(today), overviews.getOrDefault(p.id(), PatientOverview.EMPTY),
					coordinators.get(p.id()), openTasks.getOrDefault(p.id(), 0)))
			.sorted(comparator(sort))
			.toList();
		this.audit.record(new AuditRecord(user.username(), user.roleNames(), AuditAction.SEARCH, null,
				"caseload list: " + rows.size() + " patients"
				// Never the text searched for: it is a patient's name or identifier.
						+ (query == null || query.isBlank() ? "" : ", searched by name or identifier"),
				CurrentUser.address(request), AuditRecord.Outcome.SUCCESS, false, null));
		model.addAttribute("rows", rows);
		model.addAttribute("inHospital", this.clinical.inHospital(people));
		// The person's LACE and HOSPITAL of their latest stay, in one round trip.
		model.addAttribute("risks", this.risks.forPeople(rows.stream().map(r -> r.patient().id()).toList()));
		model.addAttribute("languagesAsSent",
				this.clinical.languagesAsSent(rows.stream().map(r -> r.patient().id()).toList()));
		model.addAttribute("q", query == null ? "" : query);
		model.addAttribute("sort", sort);
		model.addAttribute("language", language == null ? "" : language);
		model.addAttribute("mine", mineOnly);
		model.addAttribute("languages", new TreeSet<>(
				summaries.stream().map(PatientSummary::language).filter(l -> l != null && !l.isBlank()).toList()));
		model.addAttribute("user", user);
		// The filters are pushed to the address bar: going Back to one asks for the whole
		// page again.
		return htmx != null && !"true".equals(historyRestore) ? "caseload/list :: rows" : "caseload/list";
	}

	private static Comparator<Row> comparator(String sort) {
		Comparator<Row> byName = Comparator.comparing(Row::name, String.CASE_INSENSITIVE_ORDER);
		return switch (sort) {
			case "age" ->
				Comparator.comparing(Row::age, Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(byName);
			case "last" -> Comparator
				.comparing((Row r) -> r.overview().lastEncounter(), Comparator.nullsLast(Comparator.reverseOrder()))
				.thenComparing(byName);
			case "next" -> Comparator
				.comparing((Row r) -> r.overview().nextEncounter(), Comparator.nullsLast(Comparator.naturalOrder()))
				.thenComparing(byName);
			default -> byName;
		};
	}

}
