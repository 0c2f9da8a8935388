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
import org.northstar.caseload.PatientAccess;
import org.northstar.patient.Patients;
import org.northstar.scheduling.Appointment;
import org.northstar.scheduling.Appointments;
import org.northstar.scheduling.InvalidScheduleException;
import org.northstar.scheduling.Reminder;
import org.northstar.scheduling.Reminders;
import org.northstar.scheduling.RideBookings;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;
import org.northstar.worklist.RidesToBook.RideToBook;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The patient page's "Reminders and rides" section, loaded on its own: for each
 * appointment of the last 30 days and ahead, its reminders to the person (planned, sent,
 * failed with the error, cancelled or skipped with why, and the text as it went), and the
 * ride still to book with the program, with the deadline, or who marked it booked. Every
 * read and the marking of a ride go through {@link PatientAccess}, which audits them.
 */
@Controller
class RemindersController {

	private static final String FRAGMENT = "patient/reminders :: reminders";

	private final CurrentUser currentUser;

	private final PatientAccess access;

	private final Patients patients;

	private final Appointments appointments;

	private final Reminders reminders;

	private final RideBookings rides;

	private final Clock clock;

	RemindersController(CurrentUser currentUser, PatientAccess access, Patients patients, Appointments appointments,
			Reminders reminders, RideBookings rides, Clock clock) {
		this.currentUser = currentUser;
		this.access = access;
		this.patients = patients;
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
	String section(@PathVariable("id") String id, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		PatientId patient = open(id, AuditAction.READ, "appointment reminders and rides", request, response, model);
		return patient == null ? FRAGMENT : show(patient, model);
	}

	@PostMapping("/patients/{id}/reminders/rides/{appointment}")
	String rideBooked(@PathVariable("id") String id, @PathVariable("appointment") String appointment,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		PatientId patient = open(id, AuditAction.UPDATE, "ride booked for appointment " + appointment, request,
				response, model);
		if (patient == null) {
			return FRAGMENT;
		}
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

	private PatientId open(String id, AuditAction action, String what, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		PatientId patient = MedicinesController.parse(id);
		if (this.patients.find(patient).isEmpty()) {
			throw new PageNotFoundException("There is no patient " + id);
		}
		UserAccount user = this.currentUser.get();
		if (!this.access.check(user, patient, action, what, CurrentUser.address(request)).allowed()) {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			model.addAttribute("refused", true);
			return null;
		}
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
		model.addAttribute("now", this.clock.instant());
		return FRAGMENT;
	}

}
