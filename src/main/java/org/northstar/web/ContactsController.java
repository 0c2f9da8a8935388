package org.northstar.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.careplan.CareTeams;
import org.northstar.caseload.PatientAccess;
import org.northstar.clinical.ContactsAndHistories;
import org.northstar.patient.People;
import org.northstar.patient.Patients;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The patient page's "Contacts and history" section, loaded on its own: caregivers and
 * next of kin with their phones, allergies with their reactions, problems with each
 * episode, and documents, from every record of the person as the sources sent them; and
 * the care team's current members with how to reach them, as the care team keeps them
 * (changed in the care-plan section). Read only; each read goes through
 * {@link PatientAccess}, which audits it.
 */
@Controller
class ContactsController {

	private static final String FRAGMENT = "patient/contacts :: contacts";

	private final PatientSections sections;

	private final Patients patients;

	private final People people;

	private final ContactsAndHistories histories;

	private final CareTeams teams;

	private final Clock clock;

	ContactsController(PatientSections sections, Patients patients, People people, ContactsAndHistories histories,
			CareTeams teams, Clock clock) {
		this.sections = sections;
		this.patients = patients;
		this.people = people;
		this.histories = histories;
		this.teams = teams;
		this.clock = clock;
	}

	@GetMapping("/patients/{id}/contacts")
	String contacts(@PathVariable("id") String id, HttpServletRequest request, Model model) {
		PatientId patient = MedicinesController.parse(id);
		if (this.patients.find(patient).isEmpty()) {
			throw new PageNotFoundException("There is no patient " + id);
		}
		this.sections.read(patient, "contacts and history", FRAGMENT, request);
		List<PatientId> records = this.people.recordsOf(patient);
		LocalDate today = LocalDate.now(this.clock);
		model.addAttribute("history", this.histories.of(records));
		model.addAttribute("careTeam", this.teams.of(records).map(t -> t.current(today)).orElse(List.of()));
		return FRAGMENT;
	}

}
