package org.northstar.cli;

import java.util.concurrent.Callable;

import org.northstar.audit.AuditTrail;
import org.northstar.audit.AuditVerification;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "audit", mixinStandardHelpOptions = true, description = "Works with the audit trail.",
		subcommands = AuditCommand.Verify.class)
class AuditCommand {

	@Command(name = "verify", mixinStandardHelpOptions = true,
			description = { "Checks that no audit record was changed or removed since it was written.",
					"Exits with status 1 and names the first bad record when the chain is broken." })
	static class Verify implements Callable<Integer> {

		@Mixin
		CommonOptions common;

		@Override
		public Integer call() {
			try (ConfigurableApplicationContext context = Application.startForTask(this.common)) {
				AuditVerification result = context.getBean(AuditTrail.class).verify();
				if (result.isIntact()) {
					System.out.printf("Audit trail intact: %,d records verified.%n", result.intactRecords());
					return 0;
				}
				System.out.printf("Audit trail BROKEN at record %d: %s. Records 1 to %d are intact.%n",
						result.brokenAt(), result.problem(), result.intactRecords());
				return 1;
			}
		}

	}

}
