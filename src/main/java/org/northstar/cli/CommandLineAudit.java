package org.northstar.cli;

import java.util.List;

import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;
import org.northstar.shared.PatientId;

import org.springframework.context.ApplicationContext;

/**
 * The audit trail's view of someone at the command line: no Northstar account signs in
 * there, so the record names the operating-system user ({@code os:NAME}) on this host.
 */
final class CommandLineAudit {

	static final String ROLE = "COMMAND_LINE";

	private CommandLineAudit() {
	}

	static String user() {
		return "os:" + System.getProperty("user.name", "unknown");
	}

	static AuditRecord record(AuditAction action, PatientId patient, String detail, Outcome outcome) {
		return new AuditRecord(user(), ROLE, action, patient, detail, "localhost", outcome, false, null);
	}

	static void record(ApplicationContext context, List<AuditRecord> records) {
		context.getBean(AuditTrail.class).recordAll(records);
	}

}
