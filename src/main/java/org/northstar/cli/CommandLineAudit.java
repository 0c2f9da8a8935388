package org.northstar.cli;

import java.util.List;

import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;
import org.northstar.security.Actor;
import org.northstar.shared.PatientId;

import org.springframework.context.ApplicationContext;

/**
 * The audit trail's view of someone at the command line: no Northstar account signs in
 * there, so the record names the operating-system user ({@code os:NAME}) on this host.
 */
final class CommandLineAudit {

	private CommandLineAudit() {
	}

	static AuditRecord record(AuditAction action, PatientId patient, String detail, Outcome outcome) {
		Actor operator = Actor.commandLine();
		return new AuditRecord(operator.username(), operator.roles(), action, patient, detail, operator.address(),
				outcome, false, null);
	}

	static void record(ApplicationContext context, List<AuditRecord> records) {
		context.getBean(AuditTrail.class).recordAll(records);
	}

}
