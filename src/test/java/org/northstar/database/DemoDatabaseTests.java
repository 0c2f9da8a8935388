package org.northstar.database;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.northstar.ingest.hl7.Adt;
import org.northstar.ingest.hl7.MllpClient;
import org.northstar.ingest.hl7.MllpListener;
import org.northstar.security.ApiTokens;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.support.PageClient;
import org.northstar.support.TestDataDirectory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database made as a demo, as {@code serve} makes a new one: it says so on every page,
 * and refuses real data from every way in, storing none of it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "northstar.demo=true",
		"northstar.admin-password=correct-horse-battery", "northstar.hl7.port=0" })
class DemoDatabaseTests {

	private static final Path DATA_DIR = TestDataDirectory.create("northstar-demo-test");

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("northstar.data-dir", DATA_DIR::toString);
		registry.add("northstar.db.url", () -> "");
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApiTokens tokens;

	@Autowired
	UserAccounts accounts;

	@Autowired
	MllpListener listener;

	@Autowired
	DatabaseKind kind;

	@Test
	void recordsItselfAsADemo() {
		assertThat(this.kind).isEqualTo(DatabaseKind.DEMO);
		assertThat(this.jdbc.sql("select kind from database_kind").query(String.class).single()).isEqualTo("DEMO");
	}

	@Test
	void refusesATransactionBundleThroughTheFhirApiAndStoresNothing() throws Exception {
		String bundle = """
				{"resourceType": "Bundle", "type": "transaction", "entry": [{
				  "fullUrl": "urn:uuid:7d1a7d6e-8f4c-4a53-9d55-2d0c3b6a1f01",
				  "resource": {"resourceType": "Patient", "id": "real-1",
				               "name": [{"family": "Realperson", "given": ["Rita"]}]},
				  "request": {"method": "PUT", "url": "Patient/real-1"}}]}
				""";
		HttpResponse<String> response = post("/fhir", bundle);

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("\"resourceType\":\"OperationOutcome\"")
			.contains("this is a demo database")
			.contains("northstar serve --no-demo --data-dir DIR");
		assertThat(count("select count(*) from patient")).isZero();
		assertThat(count("select count(*) from source_resource")).isZero();
	}

	@Test
	void refusesATaskCreatedThroughTheFhirApi() throws Exception {
		HttpResponse<String> response = post("/fhir/Task", """
				{"resourceType": "Task", "status": "requested", "intent": "order", "description": "Call the patient"}
				""");

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("this is a demo database");
		assertThat(count("select count(*) from task")).isZero();
	}

	@Test
	void rejectsAnHl7MessageWithTheReasonAndStoresNothing() {
		Adt admit = Adt.anAdmit().from("EPIC", "ADMITHOSP").forPatient("MRN-DEMO-1").named("Realperson", "Rita");
		String ack;
		try (MllpClient client = new MllpClient(this.listener.port())) {
			ack = client.send(admit.build());
		}

		assertThat(ack).contains("MSA|AR|" + admit.controlId() + "|HL7 messages are refused: this is a demo database")
			.contains("northstar serve --no-demo --data-dir DIR")
			.contains("\rERR|");
		assertThat(count("select count(*) from hl7_message")).isZero();
		assertThat(count("select count(*) from patient")).isZero();
	}

	@Test
	void showsTheDemoBannerOnEveryPage() {
		this.accounts.create("demo-nurse", "Dana Nurse, RN", "a-long-demo-password-1", Set.of(Role.COORDINATOR), null);
		PageClient browser = new PageClient(this.port, "127.0.0.40");
		assertThat(browser.get("/login").body()).contains("id=\"demo-banner\"").contains("Demo data.");

		browser.signIn("demo-nurse", "a-long-demo-password-1");
		assertThat(browser.get("/caseload").body()).contains("id=\"demo-banner\"");
		assertThat(browser.get("/account/password").body()).contains("id=\"demo-banner\"");
		PageClient.Response missing = browser.getPage("/no-such-page");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.body()).contains("id=\"demo-banner\"");
	}

	private HttpResponse<String> post(String path, String json) throws Exception {
		String token = this.tokens.issue("admin", "demo tests", Duration.ofHours(1));
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private int count(String sql) {
		return this.jdbc.sql(sql).query(Integer.class).single();
	}

}
