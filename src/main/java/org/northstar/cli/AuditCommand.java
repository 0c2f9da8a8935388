package org.northstar.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.northstar.audit.AuditCheckpoint;
import org.northstar.audit.AuditCheckpoints;
import org.northstar.audit.AuditTrail;
import org.northstar.audit.AuditVerification;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true, description = "Works with the audit trail.",
		subcommands = { AuditCommand.Verify.class, AuditCommand.Checkpoint.class })
class AuditCommand {

	@Command(name = "verify", mixinStandardHelpOptions = true,
			description = { "Checks that no audit record was changed or removed since it was written.",
					"With --checkpoint, also that no record was cut off the end since that checkpoint.",
					"Exits with status 1 and names the first bad or missing record when the chain is broken." })
	static class Verify implements Callable<Integer> {

		@Mixin
		CommonOptions common;

		@Option(names = "--checkpoint", paramLabel = "FILE",
				description = "A checkpoint written by 'audit checkpoint' (or a directory of them: the latest is used).")
		Path checkpoint;

		@Override
		public Integer call() {
			AuditCheckpoint checkpoint = null;
			if (this.checkpoint != null) {
				try {
					checkpoint = AuditCheckpoints.read(this.checkpoint);
				}
				catch (IllegalArgumentException ex) {
					throw new UserFacingException(ex.getMessage());
				}
			}
			try (ConfigurableApplicationContext context = Application.startForTask(this.common)) {
				AuditVerification result = context.getBean(AuditTrail.class).verify(checkpoint);
				if (result.isIntact()) {
					System.out.printf("Audit trail intact: %,d records verified%s%s.%n", result.intactRecords(),
							result.unkeyedRecords() == 0 ? ""
									: String.format(" (the first %,d from before the audit key, hashed with plain"
											+ " SHA-256)", result.unkeyedRecords()),
							checkpoint == null ? ""
									: String.format("; it still holds the %,d records of the checkpoint of %s",
											checkpoint.count(), checkpoint.time()));
					return 0;
				}
				System.out.printf("Audit trail BROKEN at record %d: %s. Records 1 to %d are intact.%n",
						result.brokenAt(), result.problem(), result.intactRecords());
				return 1;
			}
		}

	}

	@Command(name = "checkpoint", mixinStandardHelpOptions = true,
			description = { "Writes a checkpoint of the audit trail (last record, its hash, the count, the time),",
					"signed with the audit key, to a file or URL outside the database. Keep it where database",
					"administrators cannot write; 'audit verify --checkpoint' then shows records cut off the end." })
	static class Checkpoint implements Callable<Integer> {

		@Mixin
		CommonOptions common;

		@Option(names = "--out", paramLabel = "FILE",
				description = "The file to write, or a directory to add audit-checkpoint-<seq>-<time>.json to.")
		Path out;

		@Option(names = "--url", paramLabel = "URL", description = "Post the checkpoint as JSON to this URL.")
		URI url;

		@Override
		public Integer call() {
			if (this.out == null && this.url == null) {
				throw new UserFacingException("Say where the checkpoint goes: --out FILE, --url URL, or both");
			}
			try (ConfigurableApplicationContext context = Application.startForTask(this.common)) {
				AuditCheckpoints checkpoints = context.getBean(AuditCheckpoints.class);
				if (this.out != null) {
					Path file = checkpoints.write(this.out);
					AuditCheckpoint written = AuditCheckpoints.read(file);
					System.out.printf("Audit checkpoint written to %s: %,d records, the last %d (%s).%n", file,
							written.count(), written.seq(), written.hash());
				}
				if (this.url != null) {
					try {
						AuditCheckpoint posted = checkpoints.post(this.url);
						System.out.printf("Audit checkpoint posted to %s: %,d records, the last %d.%n", this.url,
								posted.count(), posted.seq());
					}
					catch (RuntimeException ex) {
						System.err.println("northstar: " + ex.getMessage());
						return 1;
					}
				}
				return 0;
			}
		}

	}

}
