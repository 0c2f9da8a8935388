package org.northstar.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.northstar.audit.AuditTrail;
import org.northstar.caseload.Assignments;
import org.northstar.caseload.Caseloads;
import org.northstar.ingest.FhirImport;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;

import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * {@code northstar caseload import}: a payer's attribution list applied whole, or refused
 * whole with every problem by line and column.
 */
class CaseloadImportTests extends NorthstarTest {

	static final String SYSTEM = "urn:oid:2.16.840.1.113883.3.4242.7";

	static final String HEADER = "identifier system,identifier value,coordinator,program";

	@Autowired
	Assignments assignments;

	@Autowired
	Caseloads caseloads;

	@Autowired
	AuditTrail audit;

	@Autowired
	UserAccounts accounts;

	@Autowired
	FhirImport fhirImport;

	@TempDir
	Path dir;

	PatientId hollis;

	PatientId imogen;

	PatientId osric;

	@BeforeEach
	void patientsAndCoordinators() {
		for (String name : List.of("ci-ana", "ci-ben")) {
			if (this.accounts.find(name).isEmpty()) {
				this.accounts.create(name, name, "a-long-password-1", Set.of(Role.COORDINATOR), null);
			}
		}
		if (this.accounts.find("ci-sup").isEmpty()) {
			this.accounts.create("ci-sup", "ci-sup", "a-long-password-1", Set.of(Role.SUPERVISOR), null);
		}
		this.hollis = patient("ci-1", "Hollis", "Pennywhistle", "1947-01-02", "PAY-001");
		this.imogen = patient("ci-2", "Imogen", "Larkspur", "1951-03-04", "PAY-002");
		this.osric = patient("ci-3", "Osric", "Thistlewood", "1944-05-06", "PAY,003");
	}

	@Test
	void appliesAnAwkwardButValidListWhole() throws IOException {
		// A spreadsheet's export: BOM, CRLF, a quoted comma, blank lines, a duplicate
		// line.
		Path list = write("payer.csv", "\uFEFF" + HEADER + "\r\n" + SYSTEM + ",PAY-001,ci-ana,\"CHF, high risk\"\r\n"
				+ "\r\n" + SYSTEM + ",\"PAY,003\",ci-ben,COPD\r\n" + SYSTEM + ",PAY-001,ci-ana,\"CHF, high risk\"\r\n");

		String out = run(list);

		assertThat(out)
			.contains("Applied payer.csv: 2 patients assigned, 0 already with the coordinator the list gives, "
					+ "1 duplicate line(s) ignored.");
		assertThat(this.caseloads.coordinatorOf(this.hollis)).contains("ci-ana");
		assertThat(this.caseloads.coordinatorOf(this.osric)).contains("ci-ben");
		assertThat(this.assignments.basisOf(this.hollis)).hasValueSatisfying(b -> {
			assertThat(b.program()).isEqualTo("CHF, high risk");
			assertThat(b.basis()).isEqualTo("attribution list payer.csv, line 2");
			assertThat(b.assignedBy()).startsWith("os:");
		});
	}

	@Test
	void refusesTheWholeListAndSaysWhereEachProblemIs() throws IOException {
		Path list = write("aco.csv",
				HEADER + "\n" + SYSTEM + ",PAY-002,ci-ana,CHF\n" + SYSTEM + ",PAY-404,ci-ana,CHF\n" + SYSTEM
						+ ",PAY-001,nobody,CHF\n" + SYSTEM + ",PAY-001,ci-sup,CHF\n" + SYSTEM + ",PAY-002,ci-ben,CHF\n"
						+ SYSTEM + ",PAY-003\n");

		assertThatThrownBy(() -> run(list)).isInstanceOf(UserFacingException.class)
			.hasMessageContaining("aco.csv: 5 problem(s), nothing was applied:")
			.hasMessageContaining(
					"line 3, identifier value: no patient has the identifier 'PAY-404' in the system '" + SYSTEM + "'")
			.hasMessageContaining("line 4, coordinator: There is no user 'nobody'.")
			.hasMessageContaining("line 5, coordinator: 'ci-sup' is not a coordinator")
			.hasMessageContaining("line 6, coordinator: line 2 gives this patient to 'ci-ana', this line to 'ci-ben'")
			.hasMessageContaining("line 7: expected 4 columns");
		// Line 2 alone was right, and was not applied either.
		assertThat(this.caseloads.coordinatorOf(this.imogen)).isEmpty();
	}

	private String run(Path list) {
		CommandLine.ParseResult parsed = new CommandLine(new CaseloadCommand()).parseArgs("import", list.toString());
		CaseloadCommand.Import command = (CaseloadCommand.Import) parsed.subcommand().commandSpec().userObject();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		command.run(this.assignments, this.audit, new PrintStream(out, true, StandardCharsets.UTF_8));
		return out.toString(StandardCharsets.UTF_8);
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.dir.resolve(name), content, StandardCharsets.UTF_8);
	}

	private PatientId patient(String id, String given, String family, String born, String payerId) {
		this.fhirImport.importBundle(
				aPatient(id).named(given, family).born(born).identifier("MB", SYSTEM, payerId).json(),
				"caseload-import-ehr", "test");
		return new PatientId(new RecordKey("caseload-import-ehr", "Patient", id).id());
	}

}
