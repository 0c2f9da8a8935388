package org.northstar.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.northstar.risk.PersonRisk;
import org.northstar.risk.RiskAssessment;
import org.northstar.risk.RiskFact;
import org.northstar.risk.RiskScores;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A person's readmission risk: LACE and HOSPITAL of their latest inpatient stay, with
 * components and the facts behind each ({@code null} for a person with no finished
 * inpatient stay). Access as on {@code /fhir}: a read scope is needed; a coordinator
 * reads her people, an administrator's {@code system/*.read} token everyone; each read is
 * audited against the patient ({@link CareAccess#openToRead}).
 */
@RestController
class PatientRiskController {

	private final RiskScores risks;

	private final CareAccess access;

	PatientRiskController(RiskScores risks, CareAccess access) {
		this.risks = risks;
		this.access = access;
	}

	@GetMapping("/api/patients/{id}/risk")
	Map<String, Object> risk(@PathVariable String id, HttpServletRequest request) {
		this.access.openToRead(this.access.caller(request), id, "GET /api/patients/" + id + "/risk");
		PersonRisk risk = this.risks.forPerson(CareAccess.patientId(id));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("lace", json(risk.lace()));
		body.put("hospital", json(risk.hospital()));
		return body;
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

}
