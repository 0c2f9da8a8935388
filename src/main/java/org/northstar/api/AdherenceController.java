package org.northstar.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.northstar.medication.ClassAdherence;
import org.northstar.medication.Medicines;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A person's adherence per class of medicine over a period, as the proportion of days
 * covered from dispenses and pharmacy claims (docs/medicines.md). Access as on
 * {@code /fhir}: a read scope, the coordinator's people or an administrator's
 * {@code system/*.read}; each read audited ({@link CareAccess#openToRead}).
 */
@RestController
class AdherenceController {

	private final Medicines medicines;

	private final CareAccess access;

	AdherenceController(Medicines medicines, CareAccess access) {
		this.medicines = medicines;
		this.access = access;
	}

	@GetMapping("/api/patients/{id}/adherence")
	ResponseEntity<Object> adherence(@PathVariable String id, @RequestParam(name = "from") String from,
			@RequestParam(name = "to") String to, HttpServletRequest request) {
		LocalDate start;
		LocalDate end;
		try {
			start = LocalDate.parse(from);
			end = LocalDate.parse(to);
		}
		catch (DateTimeParseException ex) {
			return badRequest("from and to are days (2025-12-01): " + ex.getParsedString() + " is not one");
		}
		if (end.isBefore(start)) {
			return badRequest("The period ends (" + end + ") before it begins (" + start + ")");
		}
		var records = this.access.openToRead(this.access.caller(request), id, "GET /api/patients/" + id + "/adherence");
		List<Map<String, Object>> classes = new ArrayList<>();
		for (ClassAdherence a : this.medicines.adherence(records, start, end)) {
			classes.add(json(a));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("from", start.toString());
		body.put("to", end.toString());
		body.put("classes", classes);
		return ResponseEntity.ok(body);
	}

	/** The issue's shape, and what else a reader needs to trust it. */
	static Map<String, Object> json(ClassAdherence a) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("class", a.drugClass().code());
		json.put("pdc", a.pdc());
		json.put("adherent", a.adherent());
		json.put("threshold", a.drugClass().adherenceThreshold() / 100.0);
		json.put("pqaMeasure", a.drugClass().pqaMeasure());
		json.put("fills", a.fills());
		json.put("firstFill", a.firstFill() == null ? null : a.firstFill().toString());
		json.put("daysCovered", a.daysCovered());
		json.put("daysInPeriod", a.daysInPeriod());
		json.put("hospitalDays", a.hospitalDays());
		json.put("fillsWithAssumedSupply", a.assumedSupply());
		List<Map<String, String>> gaps = new ArrayList<>();
		a.gaps().forEach(g -> gaps.add(Map.of("from", g.from().toString(), "to", g.to().toString())));
		json.put("gaps", gaps);
		if (a.reason() != null) {
			json.put("reason", a.reason());
		}
		return json;
	}

	private static ResponseEntity<Object> badRequest(String detail) {
		return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail));
	}

}
