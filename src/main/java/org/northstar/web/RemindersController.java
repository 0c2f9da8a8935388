package org.northstar.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.northstar.audit.AuditAction;
import org.northstar.scheduling.Appointment;
import org.northstar.scheduling.Appointments;
import org.northstar.scheduling.InvalidScheduleException;
import org.northstar.scheduling.Reminder;
import org.northstar.scheduling.Reminders;
import org.northstar.scheduling.RideBookings;
import org.northstar.scheduling.SmsReminders;
import org.northstar.shared.PatientId;
import org.northstar.web.PatientSections.Refusal;
import org.northstar.worklist.RidesToBook.RideToBook;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The patient page's "Reminders and rides" section, loaded on its own: for each
 * appointment of the last 30 days and ahead, its reminders to the person (planned, sent,
 * failed with the error, cancelled or skipped with why, and the text as it went), and the
 * ride still to book with the program, with the deadline, or who marked it booked. Every
 * read and the marking of a ride go through {@link PatientSections}, which decides and
 * audits them before anything of the person is read; a refusal is the section saying so,
 * with a 403, whether or not the person exists.
 */
@Controller
class RemindersController {

	private static final String FRAGMENT = "patient/reminders :: reminders";

	private final CurrentUser currentUser;

	private final PatientSections sections;

	private final Appointments appointments;

	private final Reminders reminders;

	private final RideBookings rides;

	private final SmsReminders sms;

	private final Clock clock;

	RemindersController(CurrentUser currentUser, PatientSections sections, Appointments appointments,
			Reminders reminders, RideBookings rides, SmsReminders sms, Clock clock) {
		this.sms = sms;
		this.currentUser = currentUser;
		this.sections = sections;
		this.appointments = appointments;
		this.reminders = reminders;
		this.rides = rides;
		this.clock = clock;
	}

	/** One appointment as the section shows it. */
	record Shown(Appointment appointment, List<Reminder> reminders, RideToBook rideToBook,
			RideBookings.RideBooked rideBooked) {
	}

	@GetMapping("/patients/{id}/reminders")
	String section(@PathVariable("id") String id, HttpServletRequest request, Model model) {
		PatientId patient = open(id, AuditAction.READ, "appointment reminders and rides", request, model);
		return show(patient, model);
	}

	@PostMapping("/patients/{id}/reminders/rides/{appointment}")
	String rideBooked(@PathVariable("id") String id, @PathVariable("appointment") String appointment,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		PatientId patient = open(id, AuditAction.UPDATE, "ride booked for appointment " + appointment, request, model);
		try {
			this.rides.markBooked(patient, UUID.fromString(appointment), this.currentUser.get().username());
		}
		catch (IllegalArgumentException | InvalidScheduleException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("error", ex instanceof InvalidScheduleException ? ex.getMessage()
					: "'" + appointment + "' is not an appointment");
		}
		return show(patient, model);
	}

	/**
	 * Records that the person opted out of text reminders ({@code optedOut} true), or
	 * back in, as they told the coordinator.
	 */
	@PostMapping("/patients/{id}/reminders/sms")
	String textReminders(@PathVariable("id") String id,
			@RequestParam(name = "optedOut", defaultValue = "false") boolean optedOut, HttpServletRequest request,
			Model model) {
		PatientId patient = open(id, AuditAction.UPDATE,
				"text reminders: " + (optedOut ? "opted out" : "opted in") + ", as the person told", request, model);
		this.sms.record(patient, optedOut, SmsReminders.Source.COORDINATOR, this.currentUser.get().username());
		model.addAttribute("smsSaved", true);
		return show(patient, model);
	}

	private PatientId open(String id, AuditAction action, String what, HttpServletRequest request, Model model) {
		PatientId patient = this.sections
			.check(MedicinesController.parse(id), action, what, Refusal.inPlace(FRAGMENT), request)
			.patient();
		model.addAttribute("patientId", patient);
		return patient;
	}

	private String show(PatientId patient, Model model) {
		Map<UUID, List<Reminder>> byAppointment = this.reminders.of(patient)
			.stream()
			.collect(Collectors.groupingBy(Reminder::appointment));
		Map<UUID, RideToBook> toBook = this.rides.toBook(patient)
			.stream()
			.collect(Collectors.toMap(RideToBook::appointment, Function.identity()));
		Map<UUID, RideBookings.RideBooked> booked = this.rides.booked(patient);
		List<Shown> shown = new ArrayList<>();
		for (Appointment a : this.appointments.of(patient)) {
			List<Reminder> its = byAppointment.getOrDefault(a.id(), List.of());
			if (!its.isEmpty() || toBook.containsKey(a.id())) {
				shown.add(new Shown(a, its, toBook.get(a.id()), booked.get(a.id())));
			}
		}
		model.addAttribute("shown", shown);
		model.addAttribute("smsHistory", this.sms.history(patient));
		model.addAttribute("quietHours", this.reminders.quietHours().describe());
		model.addAttribute("zone", this.clock.getZone());
		model.addAttribute("now", this.clock.instant());
		return FRAGMENT;
	}

}
