package org.northstar.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.northstar.audit.AuditAction;
import org.northstar.caseload.PatientAccess;
import org.northstar.medication.Affordability;
import org.northstar.medication.AffordabilityOption;
import org.northstar.medication.CannotAfford;
import org.northstar.medication.Explanations;
import org.northstar.medication.InvalidAffordabilityException;
import org.northstar.medication.InvalidReconciliationException;
import org.northstar.medication.MedicationChange;
import org.northstar.medication.MedicationList;
import org.northstar.medication.Medicines;
import org.northstar.medication.NewReconciliation;
import org.northstar.medication.Reconciliation;
import org.northstar.medication.Reconciliations;
import org.northstar.patient.People;
import org.northstar.patient.Patients;
import org.northstar.patient.Person;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;
import org.northstar.web.PatientSections.Refusal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The patient page's medicines section, loaded on its own: the reconciled list from every
 * source with its flags, the coordinator's reconciliation form, and what changed since a
 * day. Each read and each reconciliation goes through {@link PatientAccess}, which audits
 * it.
 */
@Controller
class MedicinesController {

	private static final Refusal REFUSED = Refusal.inPlace("medicines/list :: refused");

	private final PatientSections sections;

	private final CurrentUser currentUser;

	private final PatientAccess access;

	private final Patients patients;

	private final People people;

	private final Medicines medicines;

	private final Reconciliations reconciliations;

	private final Explanations explanations;

	private final Affordability affordability;

	private final Clock clock;

	MedicinesController(CurrentUser currentUser, PatientAccess access, Patients patients, People people,
			Medicines medicines, Reconciliations reconciliations, Explanations explanations,
			Affordability affordability, Clock clock, PatientSections sections) {
		this.sections = sections;
		this.affordability = affordability;
		this.explanations = explanations;
		this.currentUser = currentUser;
		this.access = access;
		this.patients = patients;
		this.people = people;
		this.medicines = medicines;
		this.reconciliations = reconciliations;
		this.clock = clock;
	}

	@GetMapping("/patients/{id}/medicines")
	String medicines(@PathVariable("id") String id, @RequestParam(name = "since", required = false) LocalDate since,
			HttpServletRequest request, Model model) {
		PatientId patient = parse(id);
		open(patient, "medicines", REFUSED, request, model);
		return section(patient, since, model);
	}

	private String section(PatientId patient, LocalDate since, Model model) {
		List<PatientId> records = this.people.recordsOf(patient);
		MedicationList list = this.medicines.list(records);
		LocalDate today = LocalDate.now(this.clock);
		// What changed since the last reconciliation, else over the last 90 days; the
		// section links to "since the last visit" too.
		LocalDate from = since != null ? since
				: list.lastReconciliation() != null ? list.lastReconciliation().reconciledOn() : today.minusDays(90);
		model.addAttribute("patientId", patient);
		model.addAttribute("list", list);
		model.addAttribute("since", from);
		model.addAttribute("changes", this.medicines.changesSince(records, from));
		model.addAttribute("today", today);
		model.addAttribute("verdicts", Reconciliation.Verdict.values());
		model.addAttribute("copays", this.medicines.copays(records));
		model.addAttribute("affordability", this.affordability.of(records));
		model.addAttribute("affordabilityOptions", AffordabilityOption.values());
		model.addAttribute("followUpDefault", today.plusDays(7));
		return "medicines/list :: medicines";
	}

	/**
	 * Records that the patient cannot afford a medicine: the copay (as they say, else the
	 * pharmacy's), the options to pursue, a follow-up task of the user's and a Cost
	 * barrier on the care plan. All or nothing.
	 */
	@PostMapping("/patients/{id}/medicines/affordability")
	String cannotAfford(@PathVariable("id") String id, @RequestParam(name = "key", defaultValue = "") String key,
			@RequestParam(name = "copay", defaultValue = "") String copay,
			@RequestParam(name = "option", required = false) List<String> options,
			@RequestParam(name = "note", defaultValue = "") String note,
			@RequestParam(name = "followUpOn", required = false) LocalDate followUpOn,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		PatientId patient = parse(id);
		if (this.patients.find(patient).isEmpty()) {
			throw new PageNotFoundException("There is no patient " + id);
		}
		UserAccount user = this.sections
			.check(patient, AuditAction.UPDATE, "medication affordability", REFUSED, request)
			.user();
		String message = null;
		String error = null;
		try {
			java.util.Set<AffordabilityOption> chosen = java.util.EnumSet.noneOf(AffordabilityOption.class);
			for (String option : options == null ? List.<String>of() : options) {
				chosen.add(option(option));
			}
			TypedCopay typed = copay(copay);
			var barrier = this.affordability.record(new CannotAfford(patient, this.people.recordsOf(patient), key,
					typed == null ? null : typed.amount(), typed == null ? null : typed.currency(), chosen, note,
					followUpOn, user.username()));
			message = "Recorded: cannot afford " + barrier.medicine() + "; a follow-up task is due "
					+ barrier.followUpOn() + " and the care plan has a Cost barrier.";
		}
		catch (InvalidAffordabilityException ex) {
			error = ex.getMessage();
		}
		if (htmx == null) {
			redirect.addFlashAttribute("message", message != null ? message : error);
			return "redirect:/patients/" + id + "#medicines-reconciled";
		}
		model.addAttribute("user", user);
		model.addAttribute("affordabilityMessage", message);
		model.addAttribute("affordabilityError", error);
		return section(patient, null, model);
	}

	private static AffordabilityOption option(String option) {
		try {
			return AffordabilityOption.valueOf(option);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidAffordabilityException("options",
					"Nothing was recorded: '" + option + "' is not an option");
		}
	}

	/**
	 * A copay as typed, with the currency the coordinator gave, if any: "45.00", "45.00
	 * USD", "EUR 12.40", "$45.00" (the sign kept as typed), "1,045.50" (commas between
	 * thousands), "38,50 EUR" (a decimal comma: one or two digits after the only comma);
	 * null when blank.
	 */
	static TypedCopay copay(String copay) {
		String typed = copay.strip();
		if (typed.isEmpty()) {
			return null;
		}
		Matcher m = TYPED_COPAY.matcher(typed);
		String amount = m.matches() && (m.group(2) == null || m.group(4) == null) ? amount(m.group(3)) : null;
		if (amount == null) {
			throw new InvalidAffordabilityException("copay", "Nothing was recorded: '" + copay
					+ "' is not an amount of money (an amount, with a currency code such as USD or a sign if any)");
		}
		String currency = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(4);
		return new TypedCopay(new BigDecimal(amount), currency == null ? null : currency.toUpperCase(Locale.ROOT));
	}

	/**
	 * The amount with a decimal point and no separators, or null when its commas are
	 * neither between thousands nor one decimal comma: "3,850" is three thousand eight
	 * hundred and fifty, "38,50" thirty-eight and a half, "38,5,0" nothing.
	 */
	private static String amount(String typed) {
		if (PLAIN_AMOUNT.matcher(typed).matches()) {
			return typed;
		}
		if (THOUSANDS.matcher(typed).matches()) {
			return typed.replace(",", "");
		}
		return DECIMAL_COMMA.matcher(typed).matches() ? typed.replace(',', '.') : null;
	}

	/** An amount, after a currency sign or an ISO 4217 code, or before a code. */
	private static final Pattern TYPED_COPAY = Pattern
		.compile("(?:([$€£¥])\\s*|([A-Za-z]{3})\\s*)?(\\d[\\d,.]*)(?:\\s*([A-Za-z]{3}))?");

	private static final Pattern PLAIN_AMOUNT = Pattern.compile("\\d+(?:\\.\\d+)?");

	private static final Pattern THOUSANDS = Pattern.compile("\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?");

	private static final Pattern DECIMAL_COMMA = Pattern.compile("\\d+,\\d{1,2}");

	/** A copay as the coordinator typed it: the amount, and its currency or null. */
	record TypedCopay(BigDecimal amount, String currency) {
	}

	/**
	 * Records the coordinator's signed reconciliation: one verdict per line shown (lines
	 * left undecided are not recorded), and a medicine the patient takes that no source
	 * lists. All or nothing.
	 */
	@PostMapping("/patients/{id}/medicines/reconciliation")
	String reconcile(@PathVariable("id") String id, @RequestParam(name = "key", required = false) List<String> keys,
			@RequestParam(name = "display", required = false) List<String> displays,
			@RequestParam(name = "verdict", required = false) List<String> verdicts,
			@RequestParam(name = "takes", required = false) List<String> takes,
			@RequestParam(name = "reason", required = false) List<String> reasons,
			@RequestParam(name = "addedName", defaultValue = "") String addedName,
			@RequestParam(name = "addedTakes", defaultValue = "") String addedTakes,
			@RequestParam(name = "signedAs", defaultValue = "") String signedAs,
			@RequestParam(name = "attested", defaultValue = "false") boolean attested,
			@RequestParam(name = "reconciledOn", required = false) LocalDate reconciledOn,
			@RequestParam(name = "note", defaultValue = "") String note,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		PatientId patient = parse(id);
		if (this.patients.find(patient).isEmpty()) {
			throw new PageNotFoundException("There is no patient " + id);
		}
		UserAccount user = this.currentUser.get();
		if (!this.access
			.check(user, patient, AuditAction.UPDATE, "medication reconciliation", CurrentUser.address(request))
			.allowed()) {
			return "redirect:/patients/" + id;
		}
		String message = null;
		String error = null;
		try {
			List<Reconciliation.Line> lines = new ArrayList<>();
			int n = keys == null ? 0 : keys.size();
			for (int i = 0; i < n; i++) {
				String verdict = at(verdicts, i);
				if (!verdict.isBlank()) {
					lines.add(new Reconciliation.Line(keys.get(i), at(displays, i), verdict(verdict), at(takes, i),
							at(reasons, i)));
				}
			}
			if (!addedName.isBlank()) {
				lines.add(new Reconciliation.Line("coordinator:" + addedName.strip().toLowerCase(Locale.ROOT),
						addedName.strip(), Reconciliation.Verdict.ADDED, addedTakes, null));
			}
			Reconciliation done = this.reconciliations
				.record(new NewReconciliation(patient, this.people.recordsOf(patient), user.username(), signedAs,
						attested, reconciledOn != null ? reconciledOn : LocalDate.now(this.clock), note, lines));
			message = "Medicines reconciled and signed"
					+ (done.taskCompleted() != null ? "; the medication reconciliation task is done." : ".");
		}
		catch (InvalidReconciliationException ex) {
			error = ex.getMessage();
		}
		if (htmx == null) {
			redirect.addFlashAttribute("message", message != null ? message : error);
			return "redirect:/patients/" + id + "#medicines-reconciled";
		}
		// htmx swaps only successful answers: a refusal is shown in the section, as 200.
		model.addAttribute("reconciliationMessage", message);
		model.addAttribute("reconciliationError", error);
		return section(patient, null, model);
	}

	private static Reconciliation.Verdict verdict(String verdict) {
		try {
			return Reconciliation.Verdict.valueOf(verdict);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidReconciliationException("verdict",
					"Nothing was recorded: '" + verdict + "' is not a decision");
		}
	}

	/** The changes since a day, for the section's "what changed since" form. */
	@GetMapping("/patients/{id}/medicines/changes")
	String changes(@PathVariable("id") String id, @RequestParam(name = "since") LocalDate since,
			HttpServletRequest request, Model model) {
		PatientId patient = parse(id);
		open(patient, "medication changes since " + since, REFUSED, request, model);
		List<MedicationChange> changes = this.medicines.changesSince(this.people.recordsOf(patient), since);
		model.addAttribute("patientId", patient);
		model.addAttribute("since", since);
		model.addAttribute("changes", changes);
		return "medicines/list :: changes";
	}

	/**
	 * A change explained to the patient, to print: in their preferred language (or the
	 * one asked for), English with a notice for a language without explanations.
	 */
	@GetMapping("/patients/{id}/medicines/changes/{change}/explanation")
	String explanation(@PathVariable("id") String id, @PathVariable("change") String changeId,
			@RequestParam(name = "lang", required = false) String lang, HttpServletRequest request, Model model) {
		PatientId patient = parse(id);
		UserAccount user = open(patient, "medication change explained to the patient",
				Refusal.page("You may not see this patient's medicines."), request, model);
		Person person = this.people.personOf(patient)
			.orElseThrow(() -> new PageNotFoundException("There is no patient " + id));
		MedicationChange change = this.medicines.change(person.ids(), changeId)
			.orElseThrow(() -> new PageNotFoundException("Patient " + id + " has no medication change " + changeId));
		String preferred = lang != null && !lang.isBlank() ? lang
				: person.languages().isEmpty() ? null : person.languages().get(0).value();
		model.addAttribute("patientId", patient);
		model.addAttribute("person", person);
		model.addAttribute("change", change);
		model.addAttribute("preferred", preferred);
		model.addAttribute("explanation",
				this.explanations.explain(change, preferred, user.displayName(), LocalDate.now(this.clock)));
		return "medicines/explanation";
	}

	/** Opens the person's medicines to read, for the user, or answers the refusal. */
	private UserAccount open(PatientId patient, String what, Refusal refusal, HttpServletRequest request, Model model) {
		if (this.patients.find(patient).isEmpty()) {
			throw new PageNotFoundException("There is no patient " + patient);
		}
		UserAccount user = this.sections.check(patient, AuditAction.READ, what, refusal, request).user();
		model.addAttribute("user", user);
		return user;
	}

	private static String at(List<String> values, int i) {
		return values != null && i < values.size() && values.get(i) != null ? values.get(i) : "";
	}

	static PatientId parse(String id) {
		try {
			return new PatientId(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			throw new PageNotFoundException("There is no patient " + id);
		}
	}

}
