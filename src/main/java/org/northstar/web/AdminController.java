package org.northstar.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditEntry;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditTrail;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The administrator's pages: the audit report. The user accounts are
 * {@link UsersController}'s.
 */
@Controller
class AdminController {

	private static final int REPORT_ROWS = 500;

	private final AuditTrail audit;

	private final CurrentUser currentUser;

	AdminController(AuditTrail audit, CurrentUser currentUser) {
		this.audit = audit;
		this.currentUser = currentUser;
	}

	@GetMapping("/admin/audit")
	String report(Filter filter, Model model) {
		model.addAttribute("entries", this.audit.search(filter.query(REPORT_ROWS)));
		model.addAttribute("filter", filter);
		model.addAttribute("limit", REPORT_ROWS);
		return "admin/audit";
	}

	/**
	 * The report's filter, bound from the query string.
	 *
	 * @param sort one of {@code time}, {@code user}, {@code action}, {@code patient}
	 * @param dir {@code asc} or {@code desc}
	 */
	public record Filter(String user, String patient, LocalDate from, LocalDate to, String sort, String dir) {

		public Filter {
			sort = sort == null || sort.isBlank() ? "time" : sort;
			dir = "asc".equals(dir) ? "asc" : "desc";
		}

		AuditQuery query(int limit) {
			ZoneId zone = ZoneId.systemDefault();
			PatientId patientId = null;
			if (this.patient != null && !this.patient.isBlank()) {
				try {
					patientId = new PatientId(UUID.fromString(this.patient.strip()));
				}
				catch (IllegalArgumentException ex) {
					throw new BadFilterException("'" + this.patient + "' is not a patient id");
				}
			}
			Instant start = this.from == null ? null : this.from.atStartOfDay(zone).toInstant();
			Instant end = this.to == null ? null : this.to.plusDays(1).atStartOfDay(zone).toInstant();
			return new AuditQuery(this.user, patientId, start, end, this.sort, "desc".equals(this.dir), limit);
		}

		String describe() {
			return "user=" + blankToDash(this.user) + " patient=" + blankToDash(this.patient) + " from="
					+ (this.from == null ? "-" : this.from) + " to=" + (this.to == null ? "-" : this.to);
		}

	}

	@GetMapping("/admin/audit.csv")
	void export(Filter filter, HttpServletRequest request, HttpServletResponse response) throws IOException {
		AuditQuery query = filter.query(Integer.MAX_VALUE);
		UserAccount admin = this.currentUser.get();
		this.currentUser.audit(admin, AuditAction.EXPORT, query.patient(), "audit report CSV: " + filter.describe(),
				request);
		response.setContentType("text/csv;charset=utf-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"northstar-audit.csv\"");
		PrintWriter out = response.getWriter();
		out.println("seq,recorded_at,user,role,action,patient,detail,address,outcome,emergency,reason");
		this.audit.forEach(query, entry -> out.println(csv(entry)));
		out.flush();
	}

	private static String csv(AuditEntry entry) {
		AuditRecord r = entry.record();
		return String.join(",", Long.toString(entry.seq()), entry.recordedAt().toString(), cell(r.username()),
				cell(r.role()), r.action().name(), r.patient() == null ? "" : r.patient().toString(), cell(r.detail()),
				cell(r.address()), r.outcome().name(), Boolean.toString(r.emergency()), cell(r.reason()));
	}

	private static String cell(String value) {
		if (value == null) {
			return "";
		}
		String safe = value;
		// A cell starting with = + - @ is a formula to a spreadsheet: neutralise it.
		if (!safe.isEmpty() && "=+-@".indexOf(safe.charAt(0)) >= 0) {
			safe = "'" + safe;
		}
		return "\"" + safe.replace("\"", "\"\"") + "\"";
	}

	private static String blankToDash(String value) {
		return value == null || value.isBlank() ? "-" : value;
	}

	/** A filter the report cannot apply: shown to the administrator as a 400 page. */
	@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.BAD_REQUEST)
	static class BadFilterException extends RuntimeException {

		BadFilterException(String message) {
			super(message);
		}

	}

}
