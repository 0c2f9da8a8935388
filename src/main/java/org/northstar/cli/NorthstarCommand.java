package org.northstar.cli;

import java.io.PrintWriter;

import org.northstar.database.DataDirectoryInUseException;
import org.northstar.database.DemoDatabaseException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code northstar} command and its subcommands. */
@Command(name = "northstar", mixinStandardHelpOptions = true, version = "Northstar 0.1.0",
		description = "Care coordination platform.",
		subcommands = { ServeCommand.class, ImportCommand.class, GenerateCommand.class, TokenCommand.class,
				UserCommand.class, AuditCommand.class, LinkCommand.class, CaseloadCommand.class,
				CommandLine.HelpCommand.class })
public class NorthstarCommand implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		throw new CommandLine.ParameterException(this.spec.commandLine(),
				"Name a command: serve, import, generate, token, user, audit, link or caseload");
	}

	/**
	 * Runs the command line and returns the exit status.
	 * @param application the Spring Boot application class the commands start
	 */
	public static int run(Class<?> application, String... args) {
		Application.use(application);
		CommandLine commandLine = new CommandLine(new NorthstarCommand());
		commandLine.setExecutionExceptionHandler(NorthstarCommand::reportFailure);
		return commandLine.execute(args);
	}

	/**
	 * A failure the user can act on is told in one line; anything else keeps its stack
	 * trace.
	 */
	private static int reportFailure(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
		PrintWriter err = commandLine.getErr();
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof DataDirectoryInUseException || t instanceof DemoDatabaseException
					|| t instanceof UserFacingException) {
				err.println("northstar: " + t.getMessage());
				err.flush();
				return 2;
			}
		}
		err.println("northstar: " + ex.getMessage());
		ex.printStackTrace(err);
		err.flush();
		return 1;
	}

}
