package org.northstar.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.northstar.audit.AuditAction;
import org.northstar.billing.MonthEndReport;
import org.northstar.documentation.Consent;
import org.northstar.documentation.Consents;
import org.northstar.documentation.NewConsent;
import org.northstar.shared.PatientId;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A person's consents to CCM and PCM: record one, revoke one (a dated revocation; the
 * consent itself stays on file), the history, and the eligibility it rests on.
 */
@RestController
class ConsentsController {

	private final Consents consents;

	private final MonthEndReport billing;

	private final CareAccess access;

	ConsentsController(Consents consents, MonthEndReport billing, CareAccess access) {
		this.consents = consents;
		this.billing = billing;
		this.access = access;
	}

	@PostMapping("/api/patients/{id}/consents")
	@ResponseStatus(HttpStatus.CREATED)
	ConsentJson record(@PathVariable String id, @RequestBody NewConsent request, HttpServletRequest http) {
		CareAccess.Caller caller = this.access.caller(http);
		PatientId patient = this.access.openToWrite(caller, id, AuditAction.CREATE,
				"recording a care-management consent");
		return ConsentJson.of(this.consents.record(patient, request, caller.username()));
	}

	/** Records a revocation on {@code revokedOn} (today when not given). */
	@DeleteMapping("/api/patients/{id}/consents/{consent}")
	ConsentJson revoke(@PathVariable String id, @PathVariable long consent,
			@RequestParam(required = false) String revokedOn, HttpServletRequest http) {
		CareAccess.Caller caller = this.access.caller(http);
		PatientId patient = this.access.openToWrite(caller, id, AuditAction.DELETE,
				"revoking care-management consent " + consent);
		return ConsentJson.of(this.consents.revoke(patient, consent, revokedOn, caller.username()));
	}

	@GetMapping("/api/patients/{id}/consents")
	List<ConsentJson> history(@PathVariable String id, HttpServletRequest http) {
		CareAccess.Caller caller = this.access.caller(http);
		return this.consents.history(this.access.openToRead(caller, id, "care-management consents"))
			.stream()
			.map(ConsentJson::of)
			.toList();
	}

	/** Which programs the person's conditions qualify for, and the conditions counted. */
	@GetMapping("/api/patients/{id}/eligibility")
	Eligibility eligibility(@PathVariable String id, HttpServletRequest http) {
		CareAccess.Caller caller = this.access.caller(http);
		List<String> chronic = this.billing
			.chronicConditions(this.access.openToRead(caller, id, "care-management eligibility"));
		return new Eligibility(chronic.size() >= 2, chronic.size() >= 1, chronic,
				"CCM needs two or more chronic conditions expected to last at least 12 months, PCM one;"
						+ " counted are the person's ongoing conditions in the groups of billing/chronic-conditions.csv");
	}

	record Eligibility(boolean ccm, boolean pcm, List<String> chronicConditionsCounted, String rule) {
	}

	record ConsentJson(long id, String patient, String program, String kind, LocalDate obtainedAt, String obtainedBy,
			boolean disclosuresGiven, String recordedBy, Instant recordedAt, LocalDate revokedOn,
			String revocationRecordedBy) {

		static ConsentJson of(Consent c) {
			return new ConsentJson(c.id(), c.patient().toString(), c.program().name(), c.kind().name(), c.obtainedOn(),
					c.obtainedBy(), c.disclosuresGiven(), c.recordedBy(), c.recordedAt(), c.revokedOn(),
					c.revocationRecordedBy());
		}

	}

}
