package org.northstar.api;

import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.northstar.billing.BillingLine;
import org.northstar.billing.MonthEndReport;
import org.northstar.shared.PatientId;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The month-end care-management report as CSV: a coordinator's token gets her people, a
 * supervisor's her team's, an administrator's {@code system/*.read} token everyone.
 */
@RestController
class BillingController {

	static final String HEADER = "patient,name,program,code,units,minutes,status,reason\r\n";

	private final MonthEndReport report;

	private final CareAccess access;

	BillingController(MonthEndReport report, CareAccess access) {
		this.report = report;
		this.access = access;
	}

	@GetMapping("/api/billing/{month:\\d{4}-\\d{2}}.csv")
	ResponseEntity<String> csv(@PathVariable String month, HttpServletRequest http) {
		YearMonth parsed;
		try {
			parsed = YearMonth.parse(month);
		}
		catch (DateTimeException ex) {
			throw new CareAccess.NotFound("There is no month " + month + ": write it as 2026-11");
		}
		CareAccess.Caller caller = this.access.caller(http);
		String what = "care-management billing report " + parsed;
		Collection<PatientId> reach = this.access.reportReach(caller, what);
		List<BillingLine> lines = this.report.report(parsed, reach);
		Set<PatientId> people = new LinkedHashSet<>();
		lines.forEach(line -> people.add(line.patient()));
		this.access.auditExport(caller, what, people, reach == null);
		StringBuilder csv = new StringBuilder(HEADER);
		for (BillingLine line : lines) {
			csv.append(line.patient())
				.append(',')
				.append(field(line.name()))
				.append(',')
				.append(line.program())
				.append(',')
				.append(line.code())
				.append(',')
				.append(line.units())
				.append(',')
				.append(line.minutes())
				.append(',')
				.append(line.status())
				.append(',')
				.append(field(line.reason()))
				.append("\r\n");
		}
		return ResponseEntity.ok()
			.header("Content-Type", "text/csv; charset=utf-8")
			.header("Content-Disposition", "attachment; filename=\"care-management-" + parsed + ".csv\"")
			.body(csv.toString());
	}

	/**
	 * RFC 4180 quoting, and a leading quote mark before what a spreadsheet would run as a
	 * formula (a name sent as "=HYPERLINK(...)").
	 */
	static String field(String value) {
		if (value == null) {
			return "";
		}
		String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
		return "\"" + safe.replace("\"", "\"\"") + "\"";
	}

}
