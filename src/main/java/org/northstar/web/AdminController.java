package org.northstar.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditEntry;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditTrail;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrator's pages: the audit report and the user accounts. */
@Controller
class AdminController {

	private static final int REPORT_ROWS = 500;

	private final AuditTrail audit;

	private final UserAccounts accounts;

	private final CurrentUser currentUser;

	private final Clock clock;

	AdminController(AuditTrail audit, UserAccounts accounts, CurrentUser currentUser, Clock clock) {
		this.clock = clock;
		this.audit = audit;
		this.accounts = accounts;
		this.currentUser = currentUser;
	}

	@GetMapping("/admin/audit")
	String report(Filter filter, Model model) {
		model.addAttribute("entries", this.audit.search(filter.query(REPORT_ROWS, this.clock.getZone())));
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

		/** The query, {@code from} and {@code to} being the practice's days. */
		AuditQuery query(int limit, ZoneId zone) {
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
		AuditQuery query = filter.query(Integer.MAX_VALUE, this.clock.getZone());
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

	@GetMapping("/admin/users")
	String users(Model model) {
		model.addAttribute("users", this.accounts.all());
		model.addAttribute("roles", List.of(Role.values()));
		return "admin/users";
	}

	@PostMapping("/admin/users")
	String createUser(@RequestParam("username") String username, @RequestParam("displayName") String displayName,
			@RequestParam("password") String password, @RequestParam(name = "roles", required = false) Set<Role> roles,
			@RequestParam(name = "team", required = false) String team, HttpServletRequest request,
			RedirectAttributes redirect) {
		if (!username.matches("[a-z][a-z0-9._-]{1,31}") || password.length() < 12 || roles == null) {
			redirect.addFlashAttribute("error",
					"A username is 2-32 lower-case letters, digits, dots, dashes; a password at least 12 characters; and at least one role.");
			return "redirect:/admin/users";
		}
		if (this.accounts.find(username).isPresent()) {
			redirect.addFlashAttribute("error", "The username '" + username + "' is taken.");
			return "redirect:/admin/users";
		}
		String teamCode = team == null || team.isBlank() ? null : team.strip();
		if (teamCode != null) {
			this.accounts.ensureTeam(teamCode, teamCode);
		}
		this.accounts.create(username, displayName.strip(), password, EnumSet.copyOf(roles), teamCode);
		auditRoleChange(username, "created with roles " + roles + (teamCode == null ? "" : " in team " + teamCode),
				request);
		redirect.addFlashAttribute("message", "Created " + username + ".");
		return "redirect:/admin/users";
	}

	@PostMapping("/admin/users/{username}/roles")
	String changeRoles(@PathVariable("username") String username,
			@RequestParam(name = "roles", required = false) Set<Role> roles,
			@RequestParam(name = "team", required = false) String team, HttpServletRequest request,
			RedirectAttributes redirect) {
		UserAccount before = this.accounts.find(username)
			.orElseThrow(() -> new PageNotFoundException("There is no user " + username));
		Set<Role> after = roles == null ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
		String teamCode = team == null || team.isBlank() ? null : team.strip();
		if (teamCode != null) {
			this.accounts.ensureTeam(teamCode, teamCode);
		}
		this.accounts.changeRoles(username, after, teamCode);
		auditRoleChange(username,
				"roles " + before.roles() + " -> " + after + ", team " + before.team() + " -> " + teamCode, request);
		redirect.addFlashAttribute("message", "Changed " + username + ".");
		return "redirect:/admin/users";
	}

	@PostMapping("/admin/users/{username}/unlock")
	String unlock(@PathVariable("username") String username, HttpServletRequest request, RedirectAttributes redirect) {
		this.accounts.unlock(username);
		auditRoleChange(username, "unlocked", request);
		redirect.addFlashAttribute("message", "Unlocked " + username + ".");
		return "redirect:/admin/users";
	}

	private void auditRoleChange(String username, String what, HttpServletRequest request) {
		UserAccount admin = this.currentUser.get();
		this.currentUser.audit(admin, AuditAction.ROLE_CHANGE, null, "user " + username + ": " + what, request);
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
