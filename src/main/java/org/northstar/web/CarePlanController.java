package org.northstar.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.audit.AuditAction;
import org.northstar.careplan.BarrierKind;
import org.northstar.careplan.CarePlan;
import org.northstar.careplan.CarePlans;
import org.northstar.careplan.ImportedPlan;
import org.northstar.careplan.ImportedPlans;
import org.northstar.careplan.InvalidPlanItemException;
import org.northstar.careplan.ItemDraft;
import org.northstar.careplan.ItemStatus;
import org.northstar.careplan.Measure;
import org.northstar.careplan.PlanConflictException;
import org.northstar.careplan.PlanItem;
import org.northstar.careplan.PlanTemplate;
import org.northstar.careplan.PlanTemplates;
import org.northstar.careplan.Target;
import org.northstar.careplan.Trends;
import org.northstar.caseload.PatientAccess;
import org.northstar.clinical.ClinicalRecords;
import org.northstar.patient.People;
import org.northstar.security.UserAccount;
import org.northstar.web.PatientSections.Opened;
import org.northstar.web.PatientSections.Refusal;
import org.northstar.shared.PatientId;
import org.northstar.worklist.TaskBasis;
import org.northstar.worklist.Tasks;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The care-plan section of the patient page, loaded on its own and changed in place: the
 * person's plan (problems, goals, interventions, barriers), its history, the templates to
 * start from and the imported plans and goals to adopt. Every read and write is decided
 * and audited by {@link PatientAccess}; only the person's care team (a clinical role with
 * access) changes the plan. Without htmx a change redirects back to the page.
 */
@Controller
class CarePlanController {

	private static final String FRAGMENT = "careplan/section :: plan";

	private static final Refusal WRITE_REFUSED = Refusal.inPlaceOrPage(FRAGMENT,
			"You may not change this person's care plan.");

	private final PatientSections sections;

	private final People people;

	private final CarePlans plans;

	private final PlanTemplates templates;

	private final ImportedPlans imported;

	private final ClinicalRecords clinical;

	private final Trends trends;

	private final TrendCharts charts;

	private final Clock clock;

	private final Tasks tasks;

	CarePlanController(PatientSections sections, People people, CarePlans plans, PlanTemplates templates,
			ImportedPlans imported, ClinicalRecords clinical, Trends trends, TrendCharts charts, Clock clock,
			Tasks tasks) {
		this.tasks = tasks;
		this.trends = trends;
		this.charts = charts;
		this.sections = sections;
		this.people = people;
		this.plans = plans;
		this.templates = templates;
		this.imported = imported;
		this.clinical = clinical;
		this.clock = clock;
	}

	@GetMapping("/patients/{id}/care-plan")
	String plan(@PathVariable("id") String id, HttpServletRequest request, Model model) {
		Opened opened = this.sections.read(parse(id), "care plan", FRAGMENT, request);
		String fragment = show(opened.patient(), opened.user(), model, null, null);
		if (opened.emergency()) {
			model.addAttribute("mayChange", false);
			model.addAttribute("emergencyReadOnly", true);
		}
		return fragment;
	}

	/**
	 * The plan as a printable summary for the person's other providers: every open and
	 * closed item with its owner and due date, the trends' values, and who changed the
	 * plan last. Printing hides the page's navigation (print stylesheet).
	 */
	@GetMapping("/patients/{id}/care-plan/summary")
	String summary(@PathVariable("id") String id, HttpServletRequest request, Model model) {
		Opened opened = this.sections.check(parse(id), AuditAction.EXPORT, "care plan summary for providers",
				Refusal.page("You may not see this person's care plan."), request);
		PatientId patient = opened.patient();
		UserAccount user = opened.user();
		List<PatientId> records = this.people.recordsOf(patient);
		model.addAttribute("person", this.people.personOf(patient)
			.orElseThrow(() -> new PageNotFoundException("There is no patient " + id)));
		CarePlan plan = this.plans.of(records)
			.orElseThrow(() -> new PageNotFoundException("This person has no care plan yet"));
		model.addAttribute("plan", plan);
		model.addAttribute("charts", this.charts.charts(this.trends.of(plan, records)));
		model.addAttribute("today", LocalDate.now(this.clock));
		model.addAttribute("user", user);
		return "careplan/summary";
	}

	/** Adds a problem, goal, intervention or barrier; opens the plan if there is none. */
	@PostMapping("/patients/{id}/care-plan/items")
	String add(@PathVariable("id") String id, @RequestParam("kind") String kind,
			@RequestParam(name = "title", defaultValue = "") String title,
			@RequestParam(name = "barrierKind", required = false) String barrierKind,
			@RequestParam(name = "action", required = false) String action,
			@RequestParam(name = "owner", required = false) String owner,
			@RequestParam(name = "dueOn", required = false) String dueOn,
			@RequestParam(name = "condition", required = false) String condition,
			@RequestParam(name = "targetText", required = false) String targetText,
			@RequestParam(name = "measure", required = false) String measure,
			@RequestParam(name = "targetLow", required = false) String targetLow,
			@RequestParam(name = "targetHigh", required = false) String targetHigh,
			@RequestParam(name = "targetUnit", required = false) String targetUnit,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		PatientId patient = parse(id);
		return write(patient, AuditAction.CREATE, "care plan: add a " + kind.toLowerCase(), htmx, request, model,
				redirect, user -> {
					PlanItem.Kind itemKind = kind(kind);
					BarrierKind barrier = barrier(barrierKind);
					// A barrier of a named kind is titled by its kind unless the
					// coordinator says more; "other" must say what it is.
					String named = title.isBlank() && barrier != null && barrier != BarrierKind.OTHER ? barrier.label()
							: title;
					ItemDraft draft = new ItemDraft(itemKind, named, barrier, action, owner, date("dueOn", dueOn),
							condition, target(targetText, measure, targetLow, targetHigh, targetUnit), null);
					CarePlan plan = open(patient, user);
					PlanItem item = this.plans.add(plan.id(), draft, user.username());
					return "Added the " + itemKind.label() + " '" + item.title() + "'.";
				});
	}

	/** Changes an item's content and status, against the version the form showed. */
	@PostMapping("/patients/{id}/care-plan/items/{item}")
	String change(@PathVariable("id") String id, @PathVariable("item") long item, @RequestParam("version") int version,
			@RequestParam(name = "title", defaultValue = "") String title,
			@RequestParam(name = "barrierKind", required = false) String barrierKind,
			@RequestParam(name = "action", required = false) String action,
			@RequestParam(name = "owner", required = false) String owner,
			@RequestParam(name = "dueOn", required = false) String dueOn,
			@RequestParam(name = "status", required = false) String status,
			@RequestParam(name = "targetText", required = false) String targetText,
			@RequestParam(name = "measure", required = false) String measure,
			@RequestParam(name = "targetLow", required = false) String targetLow,
			@RequestParam(name = "targetHigh", required = false) String targetHigh,
			@RequestParam(name = "targetUnit", required = false) String targetUnit,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		PatientId patient = parse(id);
		return write(patient, AuditAction.UPDATE, "care plan: change item " + item, htmx, request, model, redirect,
				user -> {
					CarePlan plan = existing(patient);
					PlanItem current = plan.items()
						.stream()
						.filter(i -> i.id() == item)
						.findFirst()
						.orElseThrow(() -> new NoSuchElementException("This plan has no item " + item));
					ItemDraft draft = new ItemDraft(current.kind(), title,
							current.kind() == PlanItem.Kind.BARRIER ? barrier(barrierKind) : null, action, owner,
							date("dueOn", dueOn), current.conditionCode(),
							current.kind() == PlanItem.Kind.GOAL
									? target(targetText, measure, targetLow, targetHigh, targetUnit) : Target.NONE,
							current.origin());
					ItemStatus next = status == null || status.isBlank() ? current.status() : status(status);
					PlanItem changed = this.plans.change(plan.id(), item, version, draft, next, user.username());
					return "Saved the " + changed.kind().label() + " '" + changed.title() + "'.";
				});
	}

	/** Completes, cancels or reopens an item in one click. */
	@PostMapping("/patients/{id}/care-plan/items/{item}/status")
	String status(@PathVariable("id") String id, @PathVariable("item") long item, @RequestParam("version") int version,
			@RequestParam("status") String status, @RequestHeader(name = "HX-Request", required = false) String htmx,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		PatientId patient = parse(id);
		return write(patient, AuditAction.UPDATE, "care plan: item " + item + " " + status.toLowerCase(), htmx, request,
				model, redirect, user -> {
					CarePlan plan = existing(patient);
					PlanItem changed = this.plans.setStatus(plan.id(), item, version, status(status), user.username());
					return "The " + changed.kind().label() + " '" + changed.title() + "' is "
							+ changed.status().label(changed.kind()) + ".";
				});
	}

	@PostMapping("/patients/{id}/care-plan/items/{item}/notes")
	String note(@PathVariable("id") String id, @PathVariable("item") long item,
			@RequestParam(name = "text", defaultValue = "") String text,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		PatientId patient = parse(id);
		return write(patient, AuditAction.CREATE, "care plan: progress note on item " + item, htmx, request, model,
				redirect, user -> {
					this.plans.note(existing(patient).id(), item, text, user.username());
					return "Progress note added.";
				});
	}

	/** Applies a template: its problems, goals and interventions join the plan. */
	@PostMapping("/patients/{id}/care-plan/templates")
	String apply(@PathVariable("id") String id, @RequestParam(name = "template", defaultValue = "") String template,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		PatientId patient = parse(id);
		return write(patient, AuditAction.UPDATE, "care plan: apply template " + template, htmx, request, model,
				redirect, user -> {
					PlanTemplate chosen = this.templates.find(template)
						.orElseThrow(() -> new InvalidPlanItemException("template",
								"choose one of the templates, not '" + template + "'"));
					CarePlan plan = open(patient, user);
					this.plans.apply(plan.id(), chosen, LocalDate.now(this.clock), user.username());
					return "Applied '" + chosen.title() + "': adapt its goals and interventions to this person.";
				});
	}

	/** Adopts a goal, activity or problem of an imported plan into the person's plan. */
	@PostMapping("/patients/{id}/care-plan/adopt")
	String adopt(@PathVariable("id") String id, @RequestParam("resource") String resource,
			@RequestParam("index") int index, @RequestParam(name = "owner", required = false) String owner,
			@RequestParam(name = "dueOn", required = false) String dueOn,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		PatientId patient = parse(id);
		return write(patient, AuditAction.UPDATE, "care plan: adopt from " + resource, htmx, request, model, redirect,
				user -> {
					List<PatientId> records = this.people.recordsOf(patient);
					ImportedPlan from = this.imported.find(records, uuid(resource))
						.orElseThrow(() -> new NoSuchElementException("This person has no imported plan " + resource));
					ImportedPlan.Item item = from.items()
						.stream()
						.filter(i -> i.index() == index)
						.findFirst()
						.orElseThrow(() -> new NoSuchElementException(from.origin() + " has no item " + index));
					LocalDate due = dueOn == null || dueOn.isBlank() ? item.dueOn() : date("dueOn", dueOn);
					Target target = item.kind() == PlanItem.Kind.GOAL && item.target().isEmpty()
							? new Target(item.title(), null, null, null, null) : item.target();
					ItemDraft draft = new ItemDraft(item.kind(), item.title(), null, item.detail(),
							owner == null || owner.isBlank() ? user.username() : owner, due, null, target,
							from.origin());
					PlanItem adopted = this.plans.adopt(open(patient, user).id(), draft, user.username());
					return "Adopted the " + adopted.kind().label() + " '" + adopted.title() + "' from " + from.source()
							+ ".";
				});
	}

	/** What one write does, given the user; returns what to tell them. */
	private interface Change {

		String apply(UserAccount user);

	}

	/**
	 * Decides and audits the write, applies it, and shows the plan again with what
	 * happened: a refusal (403), a rule broken or a conflict (the plan as it is now, with
	 * the reason) or the message.
	 */
	private String write(PatientId patient, AuditAction action, String what, String htmx, HttpServletRequest request,
			Model model, RedirectAttributes redirect, Change change) {
		// Emergency access reads the plan and does not change it
		// (PatientAccess.checkChange).
		UserAccount user = this.sections.checkChange(patient, action, what, WRITE_REFUSED, request).user();
		String message = null;
		String error = null;
		try {
			message = change.apply(user);
		}
		catch (InvalidPlanItemException | PlanConflictException | NoSuchElementException ex) {
			error = ex.getMessage();
		}
		if (htmx == null) {
			redirect.addFlashAttribute(error == null ? "planMessage" : "planError", error == null ? message : error);
			return "redirect:/patients/" + patient + "#care-plan";
		}
		return show(patient, user, model, message, error);
	}

	private String show(PatientId patient, UserAccount user, Model model, String message, String error) {
		List<PatientId> records = this.people.recordsOf(patient);
		Optional<CarePlan> plan = this.plans.of(records);
		model.addAttribute("patientId", patient);
		model.addAttribute("plan", plan.orElse(null));
		model.addAttribute("history", plan.map(p -> this.plans.history(p.id())).orElse(List.of()));
		// The tasks made from its interventions and barriers, shown with them.
		model.addAttribute("itemTasks", plan
			.map(p -> this.tasks.following(TaskBasis.Kind.PLAN_ITEM, p.items().stream().map(PlanItem::id).toList()))
			.orElse(java.util.Map.of()));
		model.addAttribute("charts", plan.map(p -> this.charts.charts(this.trends.of(p, records))).orElse(List.of()));
		model.addAttribute("templates", this.templates.all());
		model.addAttribute("imported", this.imported.of(records));
		model.addAttribute("conditions", this.clinical.problems(records));
		model.addAttribute("barrierKinds", BarrierKind.values());
		model.addAttribute("measures", Measure.values());
		model.addAttribute("statuses", ItemStatus.values());
		model.addAttribute("today", LocalDate.now(this.clock));
		model.addAttribute("mayChange", PatientAccess.CLINICAL_ROLES.stream().anyMatch(user::has));
		model.addAttribute("username", user.username());
		if (message != null) {
			model.addAttribute("planMessage", message);
		}
		if (error != null) {
			model.addAttribute("planError", error);
		}
		return FRAGMENT;
	}

	private CarePlan open(PatientId patient, UserAccount user) {
		return this.plans.open(patient, this.people.recordsOf(patient), user.username());
	}

	private CarePlan existing(PatientId patient) {
		return this.plans.of(this.people.recordsOf(patient))
			.orElseThrow(() -> new NoSuchElementException("This person has no care plan yet"));
	}

	private static PlanItem.Kind kind(String kind) {
		try {
			return PlanItem.Kind.valueOf(kind);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidPlanItemException("kind",
					"'" + kind + "' is not a problem, goal, intervention or barrier");
		}
	}

	private static BarrierKind barrier(String kind) {
		if (kind == null || kind.isBlank()) {
			return null;
		}
		try {
			return BarrierKind.valueOf(kind);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidPlanItemException("barrierKind", "'" + kind + "' is not a kind of barrier");
		}
	}

	private static ItemStatus status(String status) {
		try {
			return ItemStatus.valueOf(status);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidPlanItemException("status", "'" + status + "' is not a status");
		}
	}

	private static LocalDate date(String field, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw new InvalidPlanItemException(field, "'" + text + "' is not a date (yyyy-mm-dd)");
		}
	}

	/** A target from the form: a measure's code, and the band with the digits typed. */
	private static Target target(String text, String measure, String low, String high, String unit) {
		String code = measure == null || measure.isBlank() ? null
				: Measure.ofCode(measure.strip()).map(Measure::code).orElse(measure.strip());
		String givenUnit = unit == null || unit.isBlank()
				? Measure.ofCode(code == null ? "" : code).map(Measure::unit).orElse(null) : unit;
		BigDecimal lowValue = decimal("targetLow", low);
		BigDecimal highValue = decimal("targetHigh", high);
		return new Target(text, code, lowValue, highValue,
				lowValue == null && highValue == null ? (code == null ? null : givenUnit) : givenUnit);
	}

	private static BigDecimal decimal(String field, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidPlanItemException(field, "'" + text + "' is not a number");
		}
	}

	private static UUID uuid(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new NoSuchElementException("There is no imported plan " + id);
		}
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
