package org.northstar.fhirapi;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment.ParticipantRequired;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.northstar.audit.AuditAction;
import org.northstar.fhirapi.FhirAccess.Caller;
import org.northstar.scheduling.Appointments;
import org.northstar.scheduling.Clinics;
import org.northstar.scheduling.Location;
import org.northstar.scheduling.Provider;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Component;

/**
 * Appointments as FHIR R4 {@code Appointment}: those booked in Northstar (issue 17), and
 * those a source sent, served as sent. Read by id; searched by {@code patient}: the
 * imported ones of that record, then the person's booked ones, earliest first (without a
 * patient: the imported ones the caller may see). Read-only.
 */
@Component
class AppointmentProvider implements IResourceProvider {

	static final String MODE_SYSTEM = "https://northstar.example.org/fhir/CodeSystem/visit-mode";

	private final Appointments appointments;

	private final Clinics clinics;

	private final FhirAccess access;

	private final ClinicalSearch search;

	AppointmentProvider(Appointments appointments, Clinics clinics, FhirAccess access, ClinicalSearch search) {
		this.appointments = appointments;
		this.clinics = clinics;
		this.access = access;
		this.search = search;
	}

	@Override
	public Class<Appointment> getResourceType() {
		return Appointment.class;
	}

	@Read
	public Resource read(@IdParam IdType id, HttpServletRequest request) {
		org.northstar.scheduling.Appointment booked = ClinicalSearch.uuid(id)
			.flatMap(this.appointments::find)
			.orElse(null);
		if (booked == null) {
			return this.search.read("Appointment", id, request);
		}
		Caller caller = this.access.caller(request);
		this.access.openPatient(caller, booked.patient(), AuditAction.READ, "GET /fhir/Appointment/" + booked.id());
		return toFhir(booked, this.clinics.providers());
	}

	@Search
	public IBundleProvider search(
			@OptionalParam(name = Appointment.SP_PATIENT, targetTypes = Patient.class) ReferenceParam patient,
			@Offset Integer offset, @Count Integer count, SummaryEnum summary, HttpServletRequest request) {
		if (patient == null) {
			// Across patients: the imported ones the caller may see, as for other types.
			return this.search.search("Appointment", null, List.of(), null, offset, count, summary, null, request);
		}
		// The stored search opens the patient (audited) and refuses one out of reach.
		IBundleProvider imported = this.search.search("Appointment", patient, List.of(), null, 0,
				ClinicalSearch.MAX_COUNT, null, null, request);
		List<IBaseResource> all = new ArrayList<>(imported.getResources(0, ClinicalSearch.MAX_COUNT));
		PatientId id = ClinicalSearch.patientId(patient);
		List<Provider> providers = this.clinics.providers();
		this.appointments.of(id).forEach(a -> all.add(toFhir(a, providers)));
		int first = offset == null ? 0 : Math.max(0, offset);
		int size = summary == SummaryEnum.COUNT ? 0
				: count == null ? ClinicalSearch.DEFAULT_COUNT : Math.max(0, Math.min(count, ClinicalSearch.MAX_COUNT));
		return ClinicalSearch.page(all.stream().skip(first).limit(size).toList(), all.size(), first, size);
	}

	static Appointment toFhir(org.northstar.scheduling.Appointment a, List<Provider> providers) {
		Appointment r = new Appointment();
		r.setId(new IdType("Appointment", a.id().toString()));
		r.setStatus(switch (a.status()) {
			case BOOKED -> AppointmentStatus.BOOKED;
			case ARRIVED -> AppointmentStatus.ARRIVED;
			case FULFILLED -> AppointmentStatus.FULFILLED;
			case CANCELLED, VIDEO_FAILED -> AppointmentStatus.CANCELLED;
			case NOSHOW -> AppointmentStatus.NOSHOW;
		});
		r.addServiceType(new CodeableConcept().setText(a.type()));
		r.setAppointmentType(new CodeableConcept(new Coding(MODE_SYSTEM, a.mode().name(),
				a.mode().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))));
		r.setStart(Date.from(a.start().toInstant()));
		r.setEnd(Date.from(a.end().toInstant()));
		r.setMinutesDuration((int) java.time.Duration.between(a.start(), a.end()).toMinutes());
		r.addParticipant()
			.setActor(new Reference("Patient/" + a.patient()))
			.setRequired(ParticipantRequired.REQUIRED)
			.setStatus(ParticipationStatus.ACCEPTED);
		providers.stream().filter(p -> p.id().equals(a.providerId())).findFirst().ifPresent(p -> {
			r.addParticipant()
				.setActor(new Reference().setDisplay(p.name()))
				.setRequired(ParticipantRequired.REQUIRED)
				.setStatus(ParticipationStatus.ACCEPTED);
			Location l = p.location();
			r.addParticipant()
				.setActor(new Reference().setDisplay(l.name()))
				.setRequired(ParticipantRequired.INFORMATIONONLY)
				.setStatus(ParticipationStatus.ACCEPTED);
		});
		return r;
	}

}
