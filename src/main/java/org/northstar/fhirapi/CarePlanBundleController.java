package org.northstar.fhirapi;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.northstar.audit.AuditAction;
import org.northstar.careplan.CarePlan;
import org.northstar.careplan.CarePlans;
import org.northstar.careplan.CareTeams;
import org.northstar.careplan.PlanItem;
import org.northstar.caseload.PatientAccess;
import org.northstar.patient.People;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The person's plan to hand to another organisation: a FHIR collection Bundle of the
 * CarePlan, its Goals and the CareTeam, downloaded from the care-plan section by a
 * signed-in coordinator. It lives here, beside the FHIR mapping it reuses, rather than in
 * {@code web}, which keeps no FHIR types; it is a page download (session sign-in), not a
 * {@code /fhir} call. Audited as an export; whom it was then sent to is recorded on the
 * care team.
 */
@Controller
class CarePlanBundleController {

	static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json;charset=UTF-8");

	private final UserAccounts accounts;

	private final PatientAccess access;

	private final People people;

	private final CarePlans plans;

	private final CareTeams teams;

	CarePlanBundleController(UserAccounts accounts, PatientAccess access, People people, CarePlans plans,
			CareTeams teams) {
		this.accounts = accounts;
		this.access = access;
		this.people = people;
		this.plans = plans;
		this.teams = teams;
	}

	@GetMapping("/patients/{id}/care-plan/bundle")
	ResponseEntity<byte[]> bundle(@PathVariable("id") String id, HttpServletRequest request) {
		PatientId patient;
		try {
			patient = new PatientId(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			return message(HttpStatus.NOT_FOUND, "There is no patient " + id);
		}
		UserAccount user = this.accounts.signedIn()
			.orElseThrow(() -> new IllegalStateException("The signed-in user has no account"));
		if (!this.access
			.check(user, patient, AuditAction.EXPORT, "care plan bundle (CarePlan, Goals, CareTeam)",
					request.getRemoteAddr())
			.allowed()) {
			return message(HttpStatus.FORBIDDEN, "You may not see this person's care plan.");
		}
		List<PatientId> records = this.people.recordsOf(patient);
		CarePlan plan = this.plans.of(records).orElse(null);
		if (plan == null) {
			return message(HttpStatus.NOT_FOUND, "This person has no care plan yet.");
		}
		String base = org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromContextPath(request)
			.path("/fhir")
			.toUriString();
		Bundle bundle = of(plan, this.teams.team(plan.id()), base);
		byte[] body = FhirServerConfiguration.FHIR.newJsonParser()
			.setPrettyPrint(true)
			.encodeResourceToString(bundle)
			.getBytes(StandardCharsets.UTF_8);
		return ResponseEntity.ok()
			.contentType(FHIR_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"care-plan-" + plan.fhirId() + "-v" + plan.version() + ".json\"")
			.body(body);
	}

	/**
	 * The plan at its version, its goals and its care team, as one collection.
	 * @param base the FHIR API's address, for each entry's full URL
	 */
	static Bundle of(CarePlan plan, org.northstar.careplan.CareTeam team, String base) {
		Bundle bundle = new Bundle();
		bundle.setType(Bundle.BundleType.COLLECTION);
		bundle.setTimestamp(Date.from(plan.updatedAt()));
		bundle.getIdentifier()
			.setSystem("urn:northstar:care-plan-version")
			.setValue(plan.fhirId() + "/" + plan.version());
		org.hl7.fhir.r4.model.CarePlan carePlan = NorthstarPlans.toFhir(plan);
		if (!team.members().isEmpty()) {
			carePlan.addCareTeam(new org.hl7.fhir.r4.model.Reference("CareTeam/" + team.fhirId()));
		}
		add(bundle, carePlan, base);
		for (PlanItem goal : plan.goals()) {
			add(bundle, NorthstarPlans.toFhir(goal, plan.patient()), base);
		}
		if (!team.members().isEmpty()) {
			add(bundle, NorthstarTeams.toFhir(team), base);
		}
		return bundle;
	}

	private static void add(Bundle bundle, Resource resource, String base) {
		bundle.addEntry()
			.setFullUrl(base + "/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart())
			.setResource(resource);
	}

	private static ResponseEntity<byte[]> message(HttpStatus status, String text) {
		return ResponseEntity.status(status)
			.contentType(MediaType.TEXT_PLAIN)
			.body(text.getBytes(StandardCharsets.UTF_8));
	}

}
