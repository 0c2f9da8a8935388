package org.northstar.web;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditTrail;
import org.northstar.billing.BillingLine;
import org.northstar.billing.MonthEndReport;
import org.northstar.caseload.Caseloads;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The month-end care-management report for the signed-in user's people (a supervisor's:
 * her team's): what is billable, short or ineligible, and why. Everyone's is the API's,
 * under an administrator's {@code system/*.read} token.
 */
@Controller
class BillingReportController {

	private final MonthEndReport report;

	private final Caseloads caseloads;

	private final CurrentUser currentUser;

	private final AuditTrail audit;

	private final Clock clock;

	BillingReportController(MonthEndReport report, Caseloads caseloads, CurrentUser currentUser, AuditTrail audit,
			Clock clock) {
		this.report = report;
		this.caseloads = caseloads;
		this.currentUser = currentUser;
		this.audit = audit;
		this.clock = clock;
	}

	@GetMapping("/billing")
	String report(@RequestParam(required = false) String month, Model model, HttpServletRequest request) {
		YearMonth shown = parse(month);
		UserAccount user = this.currentUser.get();
		List<BillingLine> lines = this.report.report(shown, this.caseloads.recordsVisibleTo(user));
		Set<PatientId> people = new LinkedHashSet<>();
		lines.forEach(line -> people.add(line.patient()));
		String what = "care-management billing report " + shown;
		List<AuditRecord> records = new ArrayList<>();
		records.add(new AuditRecord(user.username(), user.roleNames(), AuditAction.SEARCH, null,
				what + " (" + people.size() + " people)", CurrentUser.address(request), AuditRecord.Outcome.SUCCESS,
				false, null));
		people.forEach(patient -> records.add(new AuditRecord(user.username(), user.roleNames(), AuditAction.READ,
				patient, what, CurrentUser.address(request), AuditRecord.Outcome.SUCCESS, false, null)));
		this.audit.recordAll(records);
		Map<BillingLine.Status, Integer> totals = new TreeMap<>();
		lines.forEach(line -> totals.merge(line.status(), 1, Integer::sum));
		model.addAttribute("month", shown);
		model.addAttribute("previous", shown.minusMonths(1));
		model.addAttribute("next", shown.plusMonths(1));
		model.addAttribute("lines", lines);
		model.addAttribute("totals", totals);
		return "billing/report";
	}

	private YearMonth parse(String month) {
		if (month == null || month.isBlank()) {
			return YearMonth.now(this.clock);
		}
		try {
			return YearMonth.parse(month.strip());
		}
		catch (DateTimeException ex) {
			throw new BadFilterException("There is no month '" + month + "': write it as 2026-11");
		}
	}

}
