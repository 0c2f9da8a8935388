package org.northstar.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditTrail;
import org.northstar.caseload.Assignments;
import org.northstar.caseload.AttributionListRefusedException;
import org.northstar.security.Actor;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Caseloads at scale, without the web pages: a payer's or ACO's attribution list.
 */
@Command(name = "caseload", mixinStandardHelpOptions = true,
		description = "Puts patients on coordinators' caseloads from a list. Changes are audited.",
		subcommands = { CaseloadCommand.Import.class })
class CaseloadCommand {

	@Command(name = "import", mixinStandardHelpOptions = true,
			description = { "Assigns the patients of an attribution list (CSV, UTF-8) to coordinators.",
					"Header row: identifier system,identifier value,coordinator,program (program may be empty).",
					"Every line is checked first; if any is wrong (an identifier no patient has, a user who is",
					"not a coordinator, a malformed line, one patient given to two coordinators) each problem",
					"is printed with its line and column and nothing is applied." })
	static class Import implements Callable<Integer> {

		@Mixin
		CommonOptions common;

		@Parameters(paramLabel = "FILE.csv", description = "The attribution list.")
		Path file;

		@Override
		public Integer call() {
			try (ConfigurableApplicationContext context = Application.startForTask(this.common)) {
				return run(context.getBean(Assignments.class), context.getBean(AuditTrail.class), System.out);
			}
		}

		/** Does the work; separate from starting the application, for tests. */
		int run(Assignments assignments, AuditTrail audit, PrintStream out) {
			String name = this.file.getFileName().toString();
			String text;
			try {
				text = StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(this.file)))
					.toString();
			}
			catch (CharacterCodingException ex) {
				throw new UserFacingException(this.file + " is not UTF-8 text: save it from the spreadsheet as "
						+ "\"CSV UTF-8\". Nothing was applied.");
			}
			catch (IOException ex) {
				throw new UserFacingException("Cannot read " + this.file + ": " + ex.getMessage());
			}
			AttributionCsv.Read read = AttributionCsv.read(text);
			List<Assignments.Problem> problems = new ArrayList<>(read.problems());
			problems.addAll(assignments.check(read.lines()));
			try {
				if (!problems.isEmpty()) {
					throw new AttributionListRefusedException(problems.stream()
						.sorted(java.util.Comparator.comparingInt(Assignments.Problem::line))
						.toList());
				}
				Assignments.ListApplied applied = assignments.applyList(read.lines(), Actor.commandLine(), name);
				out.printf(
						"Applied %s: %,d patients assigned, %,d already with the coordinator the list gives" + "%s.%n",
						name, applied.assigned(), applied.kept(),
						applied.duplicates() == 0 ? "" : ", " + applied.duplicates() + " duplicate line(s) ignored");
				return 0;
			}
			catch (AttributionListRefusedException ex) {
				audit.record(CommandLineAudit.record(
						AuditAction.UPDATE, null, "command-line caseload import of " + name + " refused: "
								+ ex.problems().size() + " line(s) wrong, nothing applied",
						AuditRecord.Outcome.FAILURE));
				throw new UserFacingException(name + ": " + ex.problems().size() + " problem(s), nothing was applied:\n"
						+ ex.problems().stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
			}
		}

	}

}
