package org.northstar.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.patient.RecordsLinked;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Audits the links the matcher made on its own, under both records, once the transaction
 * that made them has committed (a rolled-back import leaves no record of links that never
 * were), as a reaction: stored with the links, retried until it is written.
 */
@Component
class LinkageAudit {

	static final String LISTENER = "audit.LinkageAudit";

	private final AuditTrail audit;

	LinkageAudit(AuditTrail audit) {
		this.audit = audit;
	}

	@ApplicationModuleListener(id = LISTENER)
	void on(RecordsLinked event) {
		List<AuditRecord> records = new ArrayList<>();
		for (RecordsLinked.Link link : event.links()) {
			String how = " (" + link.method().toLowerCase(Locale.ROOT) + ", score "
					+ String.format(Locale.ROOT, "%.1f", link.score()) + ")";
			records.add(new AuditRecord(null, "SYSTEM", AuditAction.LINK, link.one(),
					"linked automatically with record " + link.other() + how, null, Outcome.SUCCESS, false, null));
			records.add(new AuditRecord(null, "SYSTEM", AuditAction.LINK, link.other(),
					"linked automatically with record " + link.one() + how, null, Outcome.SUCCESS, false, null));
		}
		this.audit.recordAll(records);
	}

}
