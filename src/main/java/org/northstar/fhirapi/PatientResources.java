package org.northstar.fhirapi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.northstar.clinical.ClinicalResources;
import org.northstar.clinical.StoredResource;
import org.northstar.patient.PatientRecord;
import org.northstar.patient.Patients;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Component;

/**
 * Patients as the API serves them: the Patient resource their source sent, or, for a
 * patient known only from a feed, one made from what Northstar keeps.
 */
@Component
class PatientResources {

	private final ClinicalResources resources;

	private final Patients patients;

	private final SourceResourceMapper mapper;

	PatientResources(ClinicalResources resources, Patients patients, SourceResourceMapper mapper) {
		this.resources = resources;
		this.patients = patients;
		this.mapper = mapper;
	}

	/** The patients that exist among these, in the order given. */
	Map<PatientId, Resource> render(Collection<PatientId> ids) {
		Map<PatientId, StoredResource> stored = this.resources.findAll(ids.stream().map(PatientId::value).toList())
			.stream()
			.filter(r -> "Patient".equals(r.resourceType()))
			.collect(Collectors.toMap(r -> new PatientId(r.id()), r -> r));
		List<StoredResource> ordered = new ArrayList<>();
		for (PatientId id : ids) {
			if (stored.containsKey(id)) {
				ordered.add(stored.get(id));
			}
		}
		Map<PatientId, Resource> rendered = new LinkedHashMap<>();
		List<Resource> fromSources = this.mapper.toFhir(ordered);
		Map<PatientId, Resource> bySource = new LinkedHashMap<>();
		for (int i = 0; i < ordered.size(); i++) {
			bySource.put(new PatientId(ordered.get(i).id()), fromSources.get(i));
		}
		for (PatientId id : ids) {
			Resource resource = bySource.get(id);
			if (resource == null) {
				resource = this.patients.record(id).map(PatientResources::fromRecord).orElse(null);
			}
			if (resource != null) {
				rendered.put(id, resource);
			}
		}
		return rendered;
	}

	/** A Patient made from Northstar's record, for patients no source sent one for. */
	static Patient fromRecord(PatientRecord record) {
		Patient patient = new Patient();
		patient.setId("Patient/" + record.id());
		patient.getMeta().setSource(record.key().source());
		patient.getMeta()
			.addTag(new Coding(SourceResourceMapper.SOURCE_TAG_SYSTEM, record.key().source(),
					"Source: " + record.key().source()));
		for (PatientRecord.Identifier identifier : record.identifiers()) {
			patient.addIdentifier()
				.setSystem(identifier.system().isEmpty() ? null : IdentifierSystems.served(identifier.system()))
				.setValue(identifier.value());
		}
		if (record.familyName() != null || record.givenNames() != null) {
			var name = patient.addName().setFamily(record.familyName());
			if (record.givenNames() != null) {
				for (String given : record.givenNames().split(" ")) {
					name.addGiven(given);
				}
			}
		}
		if (record.birthDate() != null) {
			// As much of the date as the source gave: 1985, 1985-03 or 1985-03-12.
			String date = record.birthDate().toString();
			patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(switch (record.birthDatePrecision()) {
				case YEARS -> date.substring(0, 4);
				case MONTHS -> date.substring(0, 7);
				default -> date;
			}));
		}
		if (record.sex() != null) {
			try {
				patient.setGender(AdministrativeGender.fromCode(record.sex()));
			}
			catch (org.hl7.fhir.exceptions.FHIRException ex) {
				patient.setGender(AdministrativeGender.UNKNOWN);
			}
		}
		if (record.deceased()) {
			patient.setDeceased(new org.hl7.fhir.r4.model.BooleanType(true));
		}
		if (record.phone() != null) {
			patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(record.phone());
		}
		if (record.email() != null) {
			patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(record.email());
		}
		for (PatientRecord.Address kept : record.addresses()) {
			Address address = patient.addAddress()
				.setCity(kept.city())
				.setDistrict(kept.district())
				.setState(kept.state())
				.setPostalCode(kept.postalCode())
				.setCountry(kept.country());
			kept.lines().forEach(address::addLine);
			if (kept.use() != null) {
				address.setUse(Address.AddressUse.fromCode(kept.use()));
			}
			if (kept.type() != null) {
				address.setType(Address.AddressType.fromCode(kept.type()));
			}
			if (kept.periodStart() != null) {
				address.getPeriod().setStartElement(new DateTimeType(kept.periodStart()));
			}
			if (kept.periodEnd() != null) {
				address.getPeriod().setEndElement(new DateTimeType(kept.periodEnd()));
			}
		}
		if (record.addresses().isEmpty() && (record.addressLine() != null || record.city() != null)) {
			var address = patient.addAddress()
				.setCity(record.city())
				.setState(record.state())
				.setPostalCode(record.postalCode());
			if (record.addressLine() != null) {
				address.addLine(record.addressLine());
			}
		}
		return patient;
	}

}
