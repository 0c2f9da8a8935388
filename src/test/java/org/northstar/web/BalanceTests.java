package org.northstar.web;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * The supervisor's balance page suggests moves and applies only those she approves.
 */
class BalanceTests extends NorthstarTest {

	static final String PASSWORD = "a-long-password-1";

	@LocalServerPort
	int port;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	Caseloads caseloads;

	@Autowired
	UserAccounts accounts;

	@Test
	void suggestsMovesFromTheOverloadedCaseloadAndAppliesOnlyWhatIsApproved() {
		this.accounts.ensureTeam("bal-team", "Balance team");
		this.accounts.create("bal-sup", "Bal Supervisor", PASSWORD, Set.of(Role.SUPERVISOR), "bal-team");
		this.accounts.create("bal-a", "Bal A", PASSWORD, Set.of(Role.COORDINATOR), "bal-team");
		this.accounts.create("bal-b", "Bal B", PASSWORD, Set.of(Role.COORDINATOR), "bal-team");
		Map<String, String[]> people = Map.of("b-1", new String[] { "Rosalind", "Abernethy", "1941-02-03" }, "b-2",
				new String[] { "Cuthbert", "Ravensworth", "1949-07-12" }, "b-3",
				new String[] { "Philippa", "Ingleby", "1956-11-23" }, "b-4",
				new String[] { "Leofric", "Dunstable", "1938-04-30" });
		for (String id : List.of("b-1", "b-2", "b-3", "b-4")) {
			String[] p = people.get(id);
			this.fhirImport.importBundle(aPatient(id).named(p[0], p[1]).born(p[2]).json(), "balance-ehr", "test");
			this.caseloads.assign(record(id), "bal-a", Relation.COORDINATOR);
		}
		PageClient page = new PageClient(this.port, "127.0.9.51");
		page.signIn("bal-sup", PASSWORD);

		String body = page.get("/caseload/balance?tolerance=20").body();

		List<String> moves = Pattern.compile("name=\"move\" value=\"([^\"]+)\"")
			.matcher(body)
			.results()
			.map(m -> m.group(1))
			.toList();
		assertThat(moves).as(body).hasSize(2).allMatch(m -> m.endsWith(":bal-b"));
		assertThat(body).contains("Apply these 2 moves");

		page.post("/caseload/balance", Map.of("move", moves.get(0), "tolerance", "20"));

		Matcher first = Pattern.compile("([0-9a-f-]{36}):bal-b").matcher(moves.get(0));
		assertThat(first.matches()).isTrue();
		assertThat(this.caseloads.coordinatorOf(new PatientId(java.util.UUID.fromString(first.group(1)))))
			.contains("bal-b");
		long stillWithA = List.of("b-1", "b-2", "b-3", "b-4")
			.stream()
			.filter(id -> this.caseloads.coordinatorOf(record(id)).orElse("").equals("bal-a"))
			.count();
		assertThat(stillWithA).isEqualTo(3);
	}

	private static PatientId record(String id) {
		return new PatientId(new RecordKey("balance-ehr", "Patient", id).id());
	}

}
