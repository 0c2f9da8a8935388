package org.northstar.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditTrail;
import org.northstar.ingest.hl7.Adt;
import org.northstar.ingest.hl7.MllpClient;
import org.northstar.ingest.hl7.MllpListener;
import org.northstar.security.ApiTokens;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The HL7 message log and dead letters over HTTP, as an administrator uses them. */
class Hl7MessagesApiTests extends NorthstarTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	MllpListener listener;

	@Autowired
	ApiTokens tokens;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditTrail audit;

	@Test
	void listsDeadLettersAndShowsTheRawMessageAndTheReason() throws Exception {
		Adt noIdentifier = Adt.anAdmit().from("EPIC", "APIHOSP").identifiers("").visit("V-API-1");
		try (MllpClient client = new MllpClient(this.listener.port())) {
			client.send(noIdentifier.build());
		}
		String token = adminToken();

		JsonNode dead = get("/api/hl7/messages?status=DEAD", token).json();
		JsonNode listed = find(dead, noIdentifier.controlId());
		assertThat(listed.path("status").asText()).isEqualTo("DEAD");
		assertThat(listed.path("ackCode").asText()).isEqualTo("AE");
		assertThat(listed.path("raw").isNull()).isTrue();

		JsonNode one = get("/api/hl7/messages/" + listed.path("id").asLong(), token).json();
		assertThat(one.path("raw").asText()).contains("PV1|1|I|4W^401^A");
		assertThat(one.path("errorReason").asText()).contains("PID-3");
		assertThat(one.path("ackText").asText()).contains("MSA|AE|" + noIdentifier.controlId());

		assertThat(get("/api/hl7/messages?status=APPLIED", token).json())
			.noneSatisfy(m -> assertThat(m.path("controlId").asText()).isEqualTo(noIdentifier.controlId()));

		// Raw messages carry patients' demographics: reading one is audited.
		assertThat(this.audit.search(new AuditQuery("admin", null, null, null, "time", true, 5)))
			.anySatisfy(e -> assertThat(e.record().detail()).isEqualTo("HL7 message " + listed.path("id").asLong()));
	}

	@Test
	void reprocessesADeadLetterOnceItsCauseIsFixed() throws Exception {
		// A message dead-lettered by a fault since fixed (a mapping bug, a database
		// outage): its raw text is sound, so reprocessing applies it.
		Adt admit = Adt.anAdmit().from("EPIC", "FIXHOSP").forPatient("MRN-FIX-1").visit("V-FIX-1");
		long id = this.jdbc.sql("""
				insert into hl7_message (sender, control_id, message_type, event_type, version, raw, status, ack_code,
				                         ack_text, error_reason)
				values ('EPIC|FIXHOSP', ?, 'ADT', 'A01', '2.5.1', ?, 'DEAD', 'AE', 'MSH|...', 'a bug, since fixed')
				returning id
				""").params(admit.controlId(), admit.build()).query(Long.class).single();
		String token = adminToken();

		Response reprocessed = post("/api/hl7/messages/" + id + "/reprocess", token);

		assertThat(reprocessed.status()).isEqualTo(200);
		assertThat(reprocessed.json().path("status").asText()).isEqualTo("APPLIED");
		assertThat(reprocessed.json().path("attempts").asInt()).isEqualTo(2);
		assertThat(reprocessed.json().path("errorReason").isNull()).isTrue();
		assertThat(this.jdbc.sql("select status from encounter where visit_number = 'V-FIX-1'")
			.query(String.class)
			.single()).isEqualTo("in-progress");
		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(admit.build())).as("a resend now gets the new ACK")
				.contains("MSA|AA|" + admit.controlId());
		}

		assertThat(post("/api/hl7/messages/" + id + "/reprocess", token).status()).as("only dead letters")
			.isEqualTo(409);
		assertThat(post("/api/hl7/messages/987654321/reprocess", token).status()).isEqualTo(404);
	}

	@Test
	void isForAdministratorsOnly() throws Exception {
		this.accounts.create("coordinator-hl7", "A Coordinator", "long-enough-password", Set.of(Role.COORDINATOR),
				null);
		String coordinator = this.tokens.issue("coordinator-hl7", "HL7 API tests", Duration.ofHours(1));

		assertThat(get("/api/hl7/messages", coordinator).status()).isEqualTo(403);
		assertThat(get("/api/hl7/messages", null).status()).isEqualTo(401);
		assertThat(get("/api/hl7/messages?status=NOPE", adminToken()).status()).isEqualTo(400);
	}

	private String adminToken() {
		return this.tokens.issue("admin", "HL7 API tests", Duration.ofHours(1));
	}

	private static JsonNode find(JsonNode messages, String controlId) {
		for (JsonNode message : messages) {
			if (controlId.equals(message.path("controlId").asText())) {
				return message;
			}
		}
		throw new AssertionError("No message " + controlId + " in " + messages);
	}

	private Response get(String path, String token) throws Exception {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET(), token);
	}

	private Response post(String path, String token) throws Exception {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.POST(HttpRequest.BodyPublishers.noBody()), token);
	}

	private static Response send(HttpRequest.Builder request, String token) throws Exception {
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response.body());
	}

	private record Response(int status, String body) {

		JsonNode json() throws Exception {
			return JSON.readTree(this.body);
		}

	}

}
