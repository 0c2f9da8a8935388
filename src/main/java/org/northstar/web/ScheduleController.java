package org.northstar.web;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditTrail;
import org.northstar.scheduling.Appointment;
import org.northstar.scheduling.Appointments;
import org.northstar.scheduling.Choreographer;
import org.northstar.scheduling.Clinics;
import org.northstar.scheduling.Commitments;
import org.northstar.scheduling.Conflict;
import org.northstar.scheduling.ConflictsException;
import org.northstar.scheduling.InvalidScheduleException;
import org.northstar.scheduling.NeededVisit;
import org.northstar.scheduling.NewAppointment;
import org.northstar.scheduling.Proposal;
import org.northstar.scheduling.Provider;
import org.northstar.scheduling.ScheduleRequest;
import org.northstar.scheduling.VisitMode;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;
import org.northstar.web.PatientSections.Refusal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The patient page's schedule section, loaded by htmx: the person's commitments, their
 * appointments each with its conflicts, a proposal for the visits they need, and booking
 * a proposed time (with a reason when it conflicts, audited).
 */
@Controller
class ScheduleController {

	/** Rows of the "visits needed" form. */
	static final int VISIT_ROWS = 5;

	private static final Refusal REFUSED = Refusal.inPlace("patient/schedule :: refused");

	private final CurrentUser currentUser;

	private final PatientSections sections;

	private final Commitments commitments;

	private final Appointments appointments;

	private final Choreographer choreographer;

	private final Clinics clinics;

	private final AuditTrail audit;

	ScheduleController(CurrentUser currentUser, PatientSections sections, Commitments commitments,
			Appointments appointments, Choreographer choreographer, Clinics clinics, AuditTrail audit) {
		this.currentUser = currentUser;
		this.sections = sections;
		this.commitments = commitments;
		this.appointments = appointments;
		this.choreographer = choreographer;
		this.clinics = clinics;
		this.audit = audit;
	}

	/** An appointment as the section shows it. */
	record Shown(Appointment appointment, String provider, List<Conflict> conflicts) {
	}

	@GetMapping("/patients/{id}/schedule")
	String section(@PathVariable String id, HttpServletRequest request, Model model) {
		PatientId patient = open(id, AuditAction.READ, "schedule", request);
		return section(patient, model);
	}

	@PostMapping("/patients/{id}/schedule/proposal")
	String propose(@PathVariable String id, @RequestParam(name = "type", required = false) List<String> types,
			@RequestParam(name = "earliest", required = false) List<String> earliest,
			@RequestParam(name = "latest", required = false) List<String> latest,
			@RequestParam(name = "telehealth", required = false) Set<String> telehealth, HttpServletRequest request,
			Model model) {
		PatientId patient = open(id, AuditAction.READ, "schedule proposal", request);
		List<NeededVisit> visits = new ArrayList<>();
		try {
			for (int i = 0; types != null && i < types.size(); i++) {
				if (types.get(i) == null || types.get(i).isBlank()) {
					continue;
				}
				Set<VisitMode> modes = telehealth != null && telehealth.contains(String.valueOf(i))
						? EnumSet.of(VisitMode.IN_PERSON, VisitMode.TELEHEALTH) : EnumSet.of(VisitMode.IN_PERSON);
				visits.add(new NeededVisit(types.get(i), null, null, date(earliest, i), date(latest, i), modes));
			}
			if (visits.isEmpty()) {
				throw new InvalidScheduleException("type", "Choose at least one visit");
			}
			Proposal proposal = this.choreographer.propose(patient,
					new ScheduleRequest(visits, List.of(), Duration.ofSeconds(3), 0, null));
			model.addAttribute("proposal", proposal);
		}
		catch (InvalidScheduleException ex) {
			model.addAttribute("error", ex.getMessage());
		}
		return section(patient, model);
	}

	@PostMapping("/patients/{id}/schedule/appointments")
	String book(@PathVariable String id, @RequestParam String type, @RequestParam String provider,
			@RequestParam String start, @RequestParam String end, @RequestParam String mode,
			@RequestParam(required = false) String overrideReason, HttpServletRequest request, Model model) {
		PatientId patient = open(id, AuditAction.CREATE, "booking a " + type + " appointment", request);
		UserAccount user = this.currentUser.get();
		try {
			Appointments.Booking booking = this.appointments.book(
					new NewAppointment(patient, provider, null, type, OffsetDateTime.parse(start).toZonedDateTime(),
							OffsetDateTime.parse(end).toZonedDateTime(), VisitMode.valueOf(mode), overrideReason, null),
					user.username());
			if (!booking.overridden().isEmpty()) {
				this.audit.record(new AuditRecord(user.username(), user.roleNames(), AuditAction.CREATE, patient,
						"appointment " + booking.appointment().id() + " booked despite "
								+ String.join("; ", booking.overridden().stream().map(Conflict::explanation).toList()),
						CurrentUser.address(request), AuditRecord.Outcome.SUCCESS, false,
						booking.appointment().overrideReason()));
			}
			model.addAttribute("booked", booking.appointment());
		}
		catch (ConflictsException ex) {
			model.addAttribute("refused", new Refused(type, provider, start, end, mode, ex.conflicts()));
		}
		catch (InvalidScheduleException ex) {
			model.addAttribute("error", ex.getMessage());
		}
		return section(patient, model);
	}

	/** A booking refused for its conflicts, offered again with a reason to give. */
	record Refused(String type, String provider, String start, String end, String mode, List<Conflict> conflicts) {
	}

	private String section(PatientId patient, Model model) {
		List<Provider> providers = this.clinics.providers();
		List<Shown> shown = new ArrayList<>();
		ZonedDateTime now = this.choreographer.now();
		for (Appointment a : this.appointments.of(patient)) {
			if (a.end().isBefore(now.minusDays(30))) {
				continue;
			}
			List<Conflict> conflicts = a.status().holdsTime() && a.end().isAfter(now) ? this.appointments.check(patient,
					a.providerId(), a.locationId(), a.start(), a.end(), a.mode(), a.id()) : List.of();
			String name = providers.stream()
				.filter(p -> p.id().equals(a.providerId()))
				.map(Provider::name)
				.findFirst()
				.orElse(a.providerId());
			shown.add(new Shown(a, name, conflicts));
		}
		model.addAttribute("patientId", patient);
		model.addAttribute("commitments", this.commitments.of(patient));
		model.addAttribute("appointments", shown);
		model.addAttribute("types", new TreeSet<>(providers.stream().map(Provider::specialty).toList()));
		model.addAttribute("rows", VISIT_ROWS);
		model.addAttribute("today", now.toLocalDate());
		return "patient/schedule :: schedule";
	}

	private PatientId open(String id, AuditAction action, String what, HttpServletRequest request) {
		PatientId patient;
		try {
			patient = new PatientId(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			throw new PageNotFoundException("There is no patient " + id);
		}
		return this.sections.check(patient, action, what, REFUSED, request).patient();
	}

	private static LocalDate date(List<String> values, int i) {
		String value = values == null || i >= values.size() ? null : values.get(i);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (java.time.DateTimeException ex) {
			throw new InvalidScheduleException("earliest", "'" + value + "' is not a date");
		}
	}

}
