package org.northstar.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.northstar.audit.AuditAction;
import org.northstar.caseload.PatientAccess;
import org.northstar.clinical.ContactsAndHistories;
import org.northstar.patient.People;
import org.northstar.patient.Patients;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The patient page's "Contacts and history" section, loaded on its own: caregivers and
 * next of kin with their phones, allergies with their reactions, problems with each
 * episode, and documents, from every record of the person as the sources sent them. Read
 * only; each read goes through {@link PatientAccess}, which audits it.
 */
@Controller
class ContactsController {

	private static final String FRAGMENT = "patient/contacts :: contacts";

	private final CurrentUser currentUser;

	private final PatientAccess access;

	private final Patients patients;

	private final People people;

	private final ContactsAndHistories histories;

	ContactsController(CurrentUser currentUser, PatientAccess access, Patients patients, People people,
			ContactsAndHistories histories) {
		this.currentUser = currentUser;
		this.access = access;
		this.patients = patients;
		this.people = people;
		this.histories = histories;
	}

	@GetMapping("/patients/{id}/contacts")
	String contacts(@PathVariable("id") String id, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		PatientId patient = MedicinesController.parse(id);
		if (this.patients.find(patient).isEmpty()) {
			throw new PageNotFoundException("There is no patient " + id);
		}
		UserAccount user = this.currentUser.get();
		if (!this.access.check(user, patient, AuditAction.READ, "contacts and history", CurrentUser.address(request))
			.allowed()) {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			model.addAttribute("refused", true);
			return FRAGMENT;
		}
		model.addAttribute("history", this.histories.of(this.people.recordsOf(patient)));
		return FRAGMENT;
	}

}
