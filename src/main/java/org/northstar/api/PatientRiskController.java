package org.northstar.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditTrail;
import org.northstar.caseload.AccessDecision;
import org.northstar.caseload.PatientAccess;
import org.northstar.risk.PersonRisk;
import org.northstar.risk.RiskAssessment;
import org.northstar.risk.RiskFact;
import org.northstar.risk.RiskScores;
import org.northstar.security.ApiScope;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A person's readmission risk: LACE and HOSPITAL of their latest inpatient stay, with
 * components and the facts behind each ({@code null} for a person with no finished
 * inpatient stay). Access as on {@code /fhir}: a read scope is needed; a coordinator
 * reads her people ({@link PatientAccess#check}), an administrator's
 * {@code system/*.read} token everyone; each read is audited against the patient.
 */
@RestController
class PatientRiskController {

	private final RiskScores risks;

	private final PatientAccess access;

	private final UserAccounts accounts;

	private final AuditTrail audit;

	PatientRiskController(RiskScores risks, PatientAccess access, UserAccounts accounts, AuditTrail audit) {
		this.risks = risks;
		this.access = access;
		this.accounts = accounts;
		this.audit = audit;
	}

	@GetMapping("/api/patients/{id}/risk")
	ResponseEntity<?> risk(@PathVariable String id, HttpServletRequest request) {
		UserAccount user = this.accounts.signedIn().orElseThrow();
		String what = "GET /api/patients/" + id + "/risk";
		PatientId patient;
		try {
			patient = new PatientId(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			return problem(HttpStatus.BAD_REQUEST, "'" + id + "' is not a Northstar patient id (a UUID)");
		}
		Set<ApiScope> scopes = ApiScope.granted();
		AccessDecision decision;
		if (scopes.contains(ApiScope.SYSTEM_READ) && user.has(Role.ADMINISTRATOR)) {
			decision = this.access.checkSystemAccess(user, patient, AuditAction.READ, what, request.getRemoteAddr());
		}
		else if (scopes.contains(ApiScope.USER_READ) || scopes.contains(ApiScope.PATIENT_READ)) {
			decision = this.access.check(user, patient, AuditAction.READ, what, request.getRemoteAddr());
		}
		else {
			this.audit.record(new AuditRecord(user.username(), user.roleNames(), AuditAction.READ, patient,
					what + ": the token has no read scope", request.getRemoteAddr(), AuditRecord.Outcome.DENIED, false,
					null));
			return problem(HttpStatus.FORBIDDEN, "This token has no read scope (patient/*.read, user/*.read"
					+ (user.has(Role.ADMINISTRATOR) ? " or system/*.read)" : ")"));
		}
		if (!decision.allowed()) {
			return problem(HttpStatus.FORBIDDEN,
					"Patient/" + patient + " is not on your caseload, your team's or a care team you are on.");
		}
		PersonRisk risk = this.risks.forPerson(patient);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("lace", json(risk.lace()));
		body.put("hospital", json(risk.hospital()));
		return ResponseEntity.ok(body);
	}

	/** The issue's shape, plus whether it is complete and what was missing. */
	static Map<String, Object> json(RiskAssessment a) {
		if (a == null) {
			return null;
		}
		Map<String, Object> score = new LinkedHashMap<>();
		score.put("score", a.score());
		score.put("band", a.band().code());
		score.put("encounter", "Encounter/" + a.encounter());
		score.put("components", a.components());
		List<Map<String, Object>> facts = new ArrayList<>();
		for (RiskFact f : a.facts()) {
			Map<String, Object> fact = new LinkedHashMap<>();
			fact.put("component", f.component());
			fact.put("text", f.text());
			putIfPresent(fact, "reference", f.reference());
			putIfPresent(fact, "at", f.at() == null ? null : f.at().toString());
			putIfPresent(fact, "code", f.code());
			putIfPresent(fact, "group", f.group());
			putIfPresent(fact, "weight", f.weight());
			putIfPresent(fact, "value", f.value());
			putIfPresent(fact, "unit", f.unit());
			facts.add(fact);
		}
		score.put("facts", facts);
		score.put("complete", a.complete());
		score.put("missing", a.missing());
		score.put("assessment", "RiskAssessment/" + a.id());
		score.put("computed", a.computedAt().toString());
		return score;
	}

	private static void putIfPresent(Map<String, Object> map, String key, Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

	private static ResponseEntity<?> problem(HttpStatus status, String detail) {
		return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
	}

}
