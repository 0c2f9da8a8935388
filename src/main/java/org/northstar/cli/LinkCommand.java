package org.northstar.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.patient.RecordLinkage;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "link", mixinStandardHelpOptions = true,
		description = { "Links the records of one person across sources, over every patient record.",
				"Imports link their own patients as they go; run this once on a database imported before",
				"record linkage existed. Decisions coordinators made stand." })
class LinkCommand implements Callable<Integer> {

	@Mixin
	CommonOptions common;

	@Override
	public Integer call() {
		try (ConfigurableApplicationContext context = Application.startForTask(this.common)) {
			long started = System.nanoTime();
			RecordLinkage.Run run = context.getBean(RecordLinkage.class).linkAll();
			// Each link is audited under its records as the matcher makes it; this says
			// who ran it.
			CommandLineAudit.record(context,
					List.of(CommandLineAudit.record(AuditAction.LINK, null,
							String.format(
									"command-line link over every record: %d records, %d pairs compared, %d joined,"
											+ " %d waiting for review",
									run.records(), run.compared(), run.linked(), run.queued()),
							AuditRecord.Outcome.SUCCESS)));
			System.out.printf(
					"Linked %,d patient records: %,d pairs compared, %,d joined, %,d waiting for review (%.1f s).%n",
					run.records(), run.compared(), run.linked(), run.queued(), (System.nanoTime() - started) / 1e9);
			return 0;
		}
	}

}
