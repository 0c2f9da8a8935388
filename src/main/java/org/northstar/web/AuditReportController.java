package org.northstar.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditEntry;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditTrail;
import org.northstar.patient.PatientQuery;
import org.northstar.patient.PatientSummary;
import org.northstar.patient.People;
import org.northstar.patient.Patients;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The audit report for administrators (ONC §170.315(d)(3)): the trail filtered by
 * patient, user, action, break-the-glass and dates, a page of {@value #PAGE_ROWS} at a
 * time with names beside ids, and the same selection as a CSV streamed from the database.
 * Looking at the report and exporting it are themselves audited, without the patient text
 * typed into the filter.
 */
@Controller
class AuditReportController {

	static final int PAGE_ROWS = 500;

	/** A patient filter matching more records than this is too vague to be useful. */
	static final int MAX_PATIENT_RECORDS = 1000;

	/** Rows of the CSV named at a time: one query for their patients' names. */
	private static final int CSV_BATCH = 500;

	private final AuditTrail audit;

	private final Patients patients;

	private final People people;

	private final UserAccounts accounts;

	private final CurrentUser currentUser;

	/** The practice's: the report's from and to are the practice's days. */
	private final Clock clock;

	AuditReportController(AuditTrail audit, Patients patients, People people, UserAccounts accounts,
			CurrentUser currentUser, Clock clock) {
		this.clock = clock;
		this.audit = audit;
		this.patients = patients;
		this.people = people;
		this.accounts = accounts;
		this.currentUser = currentUser;
	}

	@GetMapping("/admin/audit")
	String report(Filter filter, HttpServletRequest request, Model model) {
		Set<PatientId> patientRecords = patientRecords(filter.patient());
		int page = Math.max(1, filter.page());
		AuditQuery query = filter.query(patientRecords, this.clock.getZone())
			.page((page - 1) * PAGE_ROWS, PAGE_ROWS + 1);
		List<AuditEntry> entries = new ArrayList<>(this.audit.search(query));
		boolean more = entries.size() > PAGE_ROWS;
		if (more) {
			entries.remove(PAGE_ROWS);
		}
		this.currentUser.audit(
				this.currentUser.get(), AuditAction.SEARCH, onlyRecord(patientRecords), "audit report"
						+ filter.describe(patientRecords) + ", page " + page + ": " + entries.size() + " records",
				request);
		model.addAttribute("entries", entries);
		model.addAttribute("patientNames", patientNames(entries));
		model.addAttribute("userNames", userNames());
		model.addAttribute("filter", filter);
		model.addAttribute("actions", List.of(AuditAction.values()));
		model.addAttribute("page", page);
		model.addAttribute("more", more);
		model.addAttribute("first", (page - 1) * PAGE_ROWS + 1);
		model.addAttribute("limit", PAGE_ROWS);
		return "admin/audit";
	}

	/**
	 * Every record the filter selects, as CSV, written as it is read from the database:
	 * the export never holds the trail in memory.
	 */
	@GetMapping("/admin/audit.csv")
	void export(Filter filter, HttpServletRequest request, HttpServletResponse response) throws IOException {
		Set<PatientId> patientRecords = patientRecords(filter.patient());
		AuditQuery query = filter.query(patientRecords, this.clock.getZone());
		this.currentUser.audit(this.currentUser.get(), AuditAction.EXPORT, onlyRecord(patientRecords),
				"audit report CSV" + filter.describe(patientRecords), request);
		response.setContentType("text/csv;charset=utf-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"northstar-audit.csv\"");
		PrintWriter out = response.getWriter();
		out.println("seq,recorded_at,user,user_name,role,action,patient,patient_name,detail,address,outcome,"
				+ "emergency,reason");
		Map<String, String> users = userNames();
		List<AuditEntry> batch = new ArrayList<>(CSV_BATCH);
		this.audit.forEach(query, entry -> {
			batch.add(entry);
			if (batch.size() == CSV_BATCH) {
				writeCsv(batch, users, out);
			}
		});
		writeCsv(batch, users, out);
		out.flush();
	}

	private void writeCsv(List<AuditEntry> batch, Map<String, String> users, PrintWriter out) {
		Map<PatientId, String> names = patientNames(batch);
		for (AuditEntry entry : batch) {
			AuditRecord r = entry.record();
			out.println(String.join(",", Long.toString(entry.seq()), entry.recordedAt().toString(), cell(r.username()),
					cell(users.get(r.username())), cell(r.role()), r.action().name(),
					r.patient() == null ? "" : r.patient().toString(), cell(names.get(r.patient())), cell(r.detail()),
					cell(r.address()), r.outcome().name(), Boolean.toString(r.emergency()), cell(r.reason())));
		}
		batch.clear();
	}

	/**
	 * The patient records the filter names, with every record linked to them: a Northstar
	 * id, an identifier's exact value, or a name (each word the start of a part of the
	 * name). Null when the filter is blank.
	 */
	private Set<PatientId> patientRecords(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String wanted = text.strip();
		Set<PatientId> found = new LinkedHashSet<>();
		try {
			found.add(new PatientId(UUID.fromString(wanted)));
		}
		catch (IllegalArgumentException notAnId) {
			found.addAll(find(new PatientQuery(null, null, null, wanted, null, null, null, null, null, null, 0,
					MAX_PATIENT_RECORDS + 1)));
			Set<PatientId> byName = null;
			for (String word : wanted.split("[\\s,]+")) {
				if (word.isBlank()) {
					continue;
				}
				Set<PatientId> matching = new HashSet<>(find(new PatientQuery(null, null, null, null, word, null, null,
						null, null, null, 0, MAX_PATIENT_RECORDS + 1)));
				if (byName == null) {
					byName = matching;
				}
				else {
					byName.retainAll(matching);
				}
			}
			if (byName != null) {
				found.addAll(byName);
			}
		}
		Set<PatientId> records = this.people.withLinkedRecords(found);
		if (records.size() > MAX_PATIENT_RECORDS) {
			throw new BadFilterException("More than " + MAX_PATIENT_RECORDS
					+ " patient records match the patient filter: give more of the name, or an identifier");
		}
		return records;
	}

	private List<PatientId> find(PatientQuery query) {
		return this.patients.search(query).patients();
	}

	private static PatientId onlyRecord(Set<PatientId> records) {
		return records != null && records.size() == 1 ? records.iterator().next() : null;
	}

	private Map<PatientId, String> patientNames(List<AuditEntry> entries) {
		Set<PatientId> ids = entries.stream()
			.map(e -> e.record().patient())
			.filter(Objects::nonNull)
			.collect(Collectors.toSet());
		return this.patients.summaries(ids, null)
			.stream()
			.collect(Collectors.toMap(PatientSummary::id, PatientSummary::displayName, (a, b) -> a));
	}

	private Map<String, String> userNames() {
		Map<String, String> names = new HashMap<>();
		for (UserAccount account : this.accounts.all()) {
			names.put(account.username(), account.displayName());
		}
		return names;
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

	/**
	 * The report's filter, bound from the query string.
	 *
	 * @param user part of a username
	 * @param patient a patient's name, an identifier's value, or a Northstar patient id
	 * @param action one {@link AuditAction}, or blank for all
	 * @param emergency only access by breaking the glass
	 * @param sort one of {@code time}, {@code user}, {@code action}, {@code patient}
	 * @param dir {@code asc} or {@code desc}
	 * @param page the page, from 1
	 */
	public record Filter(String user, String patient, String action, Boolean emergency, LocalDate from, LocalDate to,
			String sort, String dir, Integer page) {

		public Filter {
			emergency = Boolean.TRUE.equals(emergency);
			sort = sort == null || sort.isBlank() ? "time" : sort;
			dir = "asc".equals(dir) ? "asc" : "desc";
			page = page == null ? 1 : Math.max(1, page);
		}

		AuditQuery query(Set<PatientId> patientRecords, ZoneId zone) {
			Instant start = this.from == null ? null : this.from.atStartOfDay(zone).toInstant();
			Instant end = this.to == null ? null : this.to.plusDays(1).atStartOfDay(zone).toInstant();
			return AuditQuery.newestFirst()
				.byUser(this.user)
				.forPatients(patientRecords)
				.withAction(actionFilter())
				.emergencyOnly(this.emergency)
				.between(start, end)
				.sortedBy(this.sort, "desc".equals(this.dir));
		}

		AuditAction actionFilter() {
			if (this.action == null || this.action.isBlank()) {
				return null;
			}
			try {
				return AuditAction.valueOf(this.action.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new BadFilterException("'" + this.action + "' is not an audited action: one of "
						+ Arrays.stream(AuditAction.values()).map(Enum::name).collect(Collectors.joining(", ")));
			}
		}

		/**
		 * The filter for the audit trail: which filters were used, but never the patient
		 * text typed (a name or identifier is PHI), only how many records it matched.
		 */
		String describe(Set<PatientId> patientRecords) {
			List<String> parts = new ArrayList<>();
			if (this.user != null && !this.user.isBlank()) {
				parts.add("user ~ " + this.user.strip());
			}
			if (patientRecords != null) {
				parts.add("patient (" + patientRecords.size() + " records)");
			}
			if (actionFilter() != null) {
				parts.add("action " + actionFilter());
			}
			if (this.emergency) {
				parts.add("break the glass only");
			}
			if (this.from != null) {
				parts.add("from " + this.from);
			}
			if (this.to != null) {
				parts.add("to " + this.to);
			}
			return parts.isEmpty() ? "" : " filtered by " + String.join(", ", parts);
		}

	}

}
