package org.northstar.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.northstar.database.DatabaseKind;
import org.northstar.ingest.hl7.MllpListener;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
		description = "Runs Northstar: the web application, the FHIR API at /fhir and the JSON API at /api. "
				+ "A new embedded database is made a demo, with the demo caseload and a 'Demo data' banner on every"
				+ " page, which refuses real data; with --no-demo, or an external database, it is made a real one.")
class ServeCommand implements Callable<Integer> {

	@Mixin
	CommonOptions common;

	@Option(names = "--port", defaultValue = "${env:NORTHSTAR_PORT:-8080}", paramLabel = "PORT",
			description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
	int port;

	@Option(names = "--no-demo",
			description = "Make a new database a real one, empty, instead of a demo; refuse to start on a demo.")
	boolean noDemo;

	@Option(names = "--start-only",
			description = "Start (and prime the HL7 reading) as usual, then stop at once: how the launcher trains the"
					+ " JVM's ahead-of-time cache on Java 25 and later.")
	boolean startOnly;

	@Override
	public Integer call() throws Exception {
		ConfigurableApplicationContext context = Application.startServer(this.common,
				List.of("--server.port=" + this.port, "--northstar.demo=" + !this.noDemo));
		if (this.startOnly) {
			context.close();
			return 0;
		}
		CountDownLatch closed = new CountDownLatch(1);
		context.addApplicationListener(event -> {
			if (event instanceof ContextClosedEvent) {
				closed.countDown();
			}
		});
		boolean demo = context.getBean(DatabaseKind.class) == DatabaseKind.DEMO;
		if (demo) {
			DemoCaseload.loadIfEmpty(context);
		}
		int actualPort = ((WebServerApplicationContext) context).getWebServer().getPort();
		System.out.println();
		System.out.println("Northstar is running at http://localhost:" + actualPort + "/");
		System.out.println("  FHIR API:  http://localhost:" + actualPort
				+ "/fhir  (bearer token: ./northstar token --user admin --purpose \"...\")");
		context.getBeanProvider(MllpListener.class)
			.ifAvailable(hl7 -> System.out.println("  HL7 v2:    MLLP on port " + hl7.port() + " at "
					+ hl7.address().getHostAddress() + (hl7.tls() ? ", over TLS" : "")));
		System.out.println("  Data:      " + this.common.dataDir.toAbsolutePath()
				+ (demo ? ": a DEMO database, invented patients only; it refuses real data" : ": real patients"));
		System.out.println("  Sign in:   admin, with the one-time password printed when the database was created"
				+ " (or NORTHSTAR_ADMIN_PASSWORD; lost? stop Northstar, run ./northstar user reset-password admin)");
		if (demo) {
			for (DemoCaseload.Login login : DemoCaseload.LOGINS) {
				System.out.printf("             %-6s / %-16s %s%n", login.username(), login.password(),
						login.displayName());
			}
		}
		System.out.println("  Stop with Ctrl-C.");
		closed.await();
		return 0;
	}

}
