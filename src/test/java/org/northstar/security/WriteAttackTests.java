package org.northstar.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditTrail;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.clinical.SourceRecords;
import org.northstar.ingest.FhirImport;
import org.northstar.ingest.hl7.Adt;
import org.northstar.ingest.hl7.MllpClient;
import org.northstar.ingest.hl7.MllpListener;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.Integrations;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Writing, and reading what one may not, as an attacker tries it from outside: over HTTP
 * and MLLP, each expected to fail. Another source ({@value #VICTIM}) holds a patient; the
 * attacker is a coordinator with a token, or a system with its own source
 * ({@value #SYSTEM}).
 */
class WriteAttackTests extends NorthstarTest {

	private static final String VICTIM = "attack-hospital-b";

	private static final String SYSTEM = "attack-clinic-a";

	private static final String PASSWORD = "Lantern-river-orchard-7";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final AtomicInteger NEXT = new AtomicInteger();

	/** The victim's records: a patient known by an identifier, and an observation. */
	private static final String VICTIMS_RECORDS = """
			{"resourceType":"Bundle","type":"collection","entry":[
			 {"fullUrl":"urn:uuid:victim-1","resource":{"resourceType":"Patient","id":"victim-1",
			  "identifier":[{"system":"urn:attack:b","value":"B-1"}],"name":[{"family":"Original","given":["Vera"]}],
			  "birthDate":"1950-02-03","gender":"female"}},
			 {"fullUrl":"urn:uuid:victim-obs","resource":{"resourceType":"Observation","id":"victim-obs","status":"final",
			  "code":{"text":"pulse"},"subject":{"reference":"urn:uuid:victim-1"},
			  "valueQuantity":{"value":72,"unit":"/min"}}}]}""";

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	UserAccounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	SourceRecords records;

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordEncoder passwords;

	@Autowired
	Caseloads caseloads;

	@Autowired
	MllpListener listener;

	@BeforeEach
	void victimsRecords() {
		this.context.getBean(FhirImport.class)
			.importBundle(VICTIMS_RECORDS.getBytes(StandardCharsets.UTF_8), VICTIM, "attack tests");
	}

	@Test
	void aCoordinatorsTransactionCannotOverwriteAnotherSourcesRecord() throws Exception {
		String token = this.tokens.issue(coordinator(), "attack", Duration.ofDays(1));

		HttpResponse<String> response = post(token, transaction(VICTIM, putPatient("victim-1", "Overwritten")));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(operationOutcome(response).path("issue").path(0).path("diagnostics").asText())
			.contains("needs a system/*.write token of an INTEGRATION account");
		assertThat(victimsPatient()).contains("Original").doesNotContain("Overwritten");
	}

	@Test
	void aSystemWritesUnderItsAccountsSourceWhateverTheBundleClaims() throws Exception {
		HttpResponse<String> response = post(system(), transaction(VICTIM, putPatient("victim-1", "Claimed")));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(victimsPatient()).contains("Original").doesNotContain("Claimed");
		assertThat(this.records.json(new RecordKey(SYSTEM, "Patient", "victim-1")))
			.hasValueSatisfying(json -> assertThat(json).contains("Claimed"));
		assertThat(this.audit.search(new AuditQuery(Integrations.username(SYSTEM), null, Instant.now().minusSeconds(60),
				null, "time", true, 20)))
			.anySatisfy(e -> assertThat(e.record().detail()).contains("from " + SYSTEM)
				.contains("meta.source '" + VICTIM + "' ignored"));
	}

	@Test
	void aPutOfAnotherSourcesRecordByItsIdIsRefusedNamingTheEntryAndKeepsNothing() throws Exception {
		UUID victims = new RecordKey(VICTIM, "Patient", "victim-1").id();
		String own = "own-" + NEXT.incrementAndGet();

		HttpResponse<String> response = post(system(),
				transaction(SYSTEM, putPatient(own, "Innocent"), putPatient(victims.toString(), "Taken")));

		assertThat(response.statusCode()).isEqualTo(403);
		JsonNode issue = operationOutcome(response).path("issue").path(0);
		assertThat(issue.path("code").asText()).isEqualTo("forbidden");
		assertThat(issue.path("expression").path(0).asText()).isEqualTo("Bundle.entry[1]");
		assertThat(issue.path("diagnostics").asText())
			.contains("PUT Patient/" + victims + " would replace a record another source sent");
		assertThat(this.records.json(new RecordKey(SYSTEM, "Patient", own))).as("nothing of the bundle").isEmpty();
		assertThat(victimsPatient()).contains("Original");
	}

	@Test
	void aConditionalUpdateByAnotherSourcesIdentifierNeverReplacesItsRecord() throws Exception {
		String update = """
				{"fullUrl":"urn:uuid:%s","resource":{"resourceType":"Patient",
				 "identifier":[{"system":"urn:attack:b","value":"B-1"}],"name":[{"family":"Hijacked"}]},
				 "request":{"method":"PUT","url":"Patient?identifier=urn:attack:b|B-1"}}"""
			.formatted(UUID.randomUUID());

		HttpResponse<String> response = post(system(), transaction(VICTIM, update));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).path("entry").path(0).path("response").path("status").asText())
			.isEqualTo("201 Created");
		assertThat(victimsPatient()).contains("Original").doesNotContain("Hijacked");
	}

	@Test
	void aConditionalReferenceFindsOnlyTheWritersOwnRecords() throws Exception {
		String id = "planted-" + NEXT.incrementAndGet();
		String observation = """
				{"fullUrl":"urn:uuid:%s","resource":{"resourceType":"Observation","id":"%s","status":"final",
				 "code":{"text":"planted"},"subject":{"reference":"Patient?identifier=urn:attack:b|B-1"}},
				 "request":{"method":"PUT","url":"Observation/%s"}}""".formatted(id, id, id);

		HttpResponse<String> response = post(system(), transaction(SYSTEM, observation));

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(operationOutcome(response).path("issue").path(0).path("diagnostics").asText())
			.contains("matches no resource in this bundle or in Northstar from " + SYSTEM);
		assertThat(this.records.json(new RecordKey(SYSTEM, "Observation", id))).isEmpty();
	}

	@Test
	void systemWriteIsIssuedToIntegrationAccountsOnly() {
		String coordinator = coordinator();

		assertThatThrownBy(
				() -> this.tokens.issue(coordinator, "attack", Duration.ofDays(1), Set.of(ApiScope.SYSTEM_WRITE)))
			.isInstanceOf(AccountRefusedException.class)
			.hasMessageContaining("only INTEGRATION accounts may hold it");
		assertThatThrownBy(
				() -> this.tokens.issue("admin", "attack", Duration.ofDays(1), Set.of(ApiScope.SYSTEM_WRITE)))
			.isInstanceOf(AccountRefusedException.class);
	}

	@Test
	void anIntegrationAccountCannotSignInToPagesEvenWithItsPassword() {
		system();
		String username = Integrations.username(SYSTEM);
		// As if its password hash had leaked, or been set by hand.
		this.jdbc.sql("update app_user set password_hash = ? where username = ?")
			.params(this.passwords.encode(PASSWORD), username)
			.update();

		PageClient page = new PageClient(this.port, "127.9.0." + (2 + NEXT.incrementAndGet() % 250));

		assertThat(page.signIn(username, PASSWORD).redirectsTo("/login?error")).isTrue();
		assertThat(page.get("/caseload").redirectsTo("/login")).isTrue();
		assertThat(this.audit.search(new AuditQuery(username, null, null, null, "time", true, 1)).get(0).record())
			.satisfies(record -> {
				assertThat(record.action()).isEqualTo(AuditAction.LOGIN_FAILED);
				assertThat(record.detail()).contains("an INTEGRATION account never signs in to pages");
			});
	}

	@Test
	void theUsersPageMakesAnIntegrationWithItsSourceAndNoPassword() {
		String username = "page-feed-" + NEXT.incrementAndGet();
		PageClient page = new PageClient(this.port, "127.9.1." + (2 + NEXT.incrementAndGet() % 250));
		assertThat(page.signIn("admin", NorthstarTest.ADMIN_PASSWORD).redirectsTo("/")).isTrue();
		page.get("/admin/users");

		PageClient.Response created = page.post("/admin/users", java.util.Map.of("username", username, "displayName",
				"Lab feed", "roles", "INTEGRATION", "team", "", "source", username + "-source"));

		assertThat(created.redirectsTo("/admin/users")).isTrue();
		assertThat(this.accounts.find(username)).hasValueSatisfying(system -> {
			assertThat(system.roles()).containsExactly(Role.INTEGRATION);
			assertThat(system.source()).isEqualTo(username + "-source");
		});
		assertThat(page.get("/admin/users").body()).contains("writes as source " + username + "-source")
			.doesNotContain("id=\"one-time-password\"");
	}

	@Test
	void aCoordinatorWritesTasksOnlyForPatientsTheyMayOpen() throws Exception {
		String token = this.tokens.issue(coordinator(), "attack", Duration.ofDays(1));
		PatientId victim = new PatientId(new RecordKey(VICTIM, "Patient", "victim-1").id());
		String task = """
				{"resourceType":"Task","status":"ready","intent":"order","description":"planted task",
				 "for":{"reference":"Patient/%s"},"restriction":{"period":{"end":"2030-01-15"}}}""".formatted(victim);

		HttpResponse<String> response = send(token, "POST", "/fhir/Task", task);

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(this.jdbc.sql("select count(*) from task where patient_id = ?")
			.param(victim.value())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void answersARefusedPatientExactlyAsAMissingOne() throws Exception {
		String token = this.tokens.issue(coordinator(), "attack", Duration.ofDays(1));
		String refused = new RecordKey(VICTIM, "Patient", "victim-1").id().toString();
		String missing = UUID.randomUUID().toString();
		String refusedObservation = new RecordKey(VICTIM, "Observation", "victim-obs").id().toString();

		for (String path : new String[] { "/fhir/Patient/%s", "/fhir/Patient/%s/$everything",
				"/fhir/Observation?patient=%s" }) {
			HttpResponse<String> toRefused = send(token, "GET", path.formatted(refused), null);
			HttpResponse<String> toMissing = send(token, "GET", path.formatted(missing), null);
			assertThat(toRefused.statusCode()).as(path).isEqualTo(404);
			assertThat(toMissing.statusCode()).as(path).isEqualTo(404);
			assertThat(toRefused.body().replace(refused, "ID")).as(path)
				.isEqualTo(toMissing.body().replace(missing, "ID"));
		}
		HttpResponse<String> observation = send(token, "GET", "/fhir/Observation/" + refusedObservation, null);
		HttpResponse<String> noObservation = send(token, "GET", "/fhir/Observation/" + missing, null);
		assertThat(observation.statusCode()).isEqualTo(404);
		assertThat(observation.body().replace(refusedObservation, "ID"))
			.isEqualTo(noObservation.body().replace(missing, "ID"));
	}

	@Test
	void anApiTokenWithoutTheScopeIsRefused() throws Exception {
		String administrator = "write-attack-admin-" + NEXT.incrementAndGet();
		this.accounts.create(administrator, "Attack Admin", PASSWORD, Set.of(Role.ADMINISTRATOR), null);
		String patientOnly = this.tokens.issue(administrator, "attack", Duration.ofDays(1),
				Set.of(ApiScope.PATIENT_READ));
		String readOnly = this.tokens.issue(administrator, "attack", Duration.ofDays(1), Set.of(ApiScope.USER_READ));

		assertThat(send(patientOnly, "GET", "/api/hl7/messages", null).statusCode()).isEqualTo(403);
		HttpResponse<String> reprocess = send(readOnly, "POST", "/api/hl7/messages/1/reprocess", "");
		assertThat(reprocess.statusCode()).isEqualTo(403);
		assertThat(reprocess.body()).contains("needs user/*.write");
		assertThat(send(readOnly, "GET", "/api/hl7/messages", null).statusCode()).isEqualTo(200);
	}

	@Test
	void readingARawHl7MessageIsAuditedUnderItsPatient() throws Exception {
		String mrn = "MRN-RAW-" + NEXT.incrementAndGet();
		Adt admit = Adt.anAdmit().from("EPIC", "RAWHOSP").forPatient(mrn);
		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(admit.build())).contains("MSA|AA|");
		}
		long id = this.jdbc.sql("select id from hl7_message where control_id = ?")
			.param(admit.controlId())
			.query(Long.class)
			.single();
		UUID patient = this.jdbc.sql("select patient_id from patient_identifier where system = 'RAWHOSP' and value = ?")
			.param(mrn)
			.query(UUID.class)
			.single();
		String administrator = "write-attack-admin-" + NEXT.incrementAndGet();
		this.accounts.create(administrator, "Attack Admin", PASSWORD, Set.of(Role.ADMINISTRATOR), null);
		String token = this.tokens.issue(administrator, "attack", Duration.ofDays(1), Set.of(ApiScope.USER_READ));

		assertThat(send(token, "GET", "/api/hl7/messages/" + id, null).statusCode()).isEqualTo(200);

		assertThat(
				this.audit.search(new AuditQuery(administrator, new PatientId(patient), null, null, "time", true, 5)))
			.singleElement()
			.satisfies(e -> {
				assertThat(e.record().action()).isEqualTo(AuditAction.READ);
				assertThat(e.record().detail()).isEqualTo("HL7 message " + id + " (raw text)");
			});
	}

	@Test
	void a60MegabytePostIsRefusedWith413BeforeItIsRead() throws Exception {
		String token = system();
		long size = 60L * 1024 * 1024;

		Answer fhir = postLarge("/fhir", token, size, false);
		assertThat(fhir.status()).isEqualTo(413);
		assertThat(JSON.readTree(fhir.body()).path("resourceType").asText()).isEqualTo("OperationOutcome");
		assertThat(fhir.body()).contains("\"code\":\"too-long\"").contains("NORTHSTAR_MAX_REQUEST");
		// Refused on its headers: Tomcat drains a little of the rest, then hangs up.
		assertThat(fhir.bodyBytesSent()).isLessThan(20L * 1024 * 1024);

		Answer page = postLarge("/admin/users", token, size, false);
		assertThat(page.status()).isEqualTo(413);
		assertThat(page.body()).startsWith("The request body is larger than the 50 MB Northstar takes");
		assertThat(page.bodyBytesSent()).isLessThan(20L * 1024 * 1024);
	}

	@Test
	void a120MegabyteChunkedPostIsCutOffAtTheLimitWith413() throws Exception {
		// Well over the 50 MB limit: what Tomcat swallows after its answer and what the
		// loopback's socket buffers hold are several megabytes, and a 60 MB post could
		// fit in them on a busy machine.
		long size = 120L * 1024 * 1024;

		Answer fhir = postLarge("/fhir", system(), size, true);

		assertThat(fhir.status()).isEqualTo(413);
		assertThat(JSON.readTree(fhir.body()).path("resourceType").asText()).isEqualTo("OperationOutcome");
		assertThat(fhir.bodyBytesSent()).isLessThan(size);
	}

	@Test
	void anA40CannotMergeAnotherSourcesPatientIntoTheSendersRecord() {
		String mrn = "MRN-VICTIM-" + NEXT.incrementAndGet();
		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(Adt.anAdmit().from("EPIC", "VICTIMHOSP").forPatient(mrn).build()))
				.contains("MSA|AA|");
			UUID victim = patientWith("VICTIMHOSP", mrn);
			// The attacker's PID-3 is in the victim's assigning authority, so the A40's
			// pair is of one authority; but the record MRG-1 finds is another feed's.
			Adt takeover = Adt.aMerge("MRN-ATTACKER", mrn)
				.from("EPIC", "ATTACKHOSP")
				.identifiers("MRN-ATTACKER-" + mrn + "^^^VICTIMHOSP^MR");
			String message = takeover.build()
				.replace("MRG|" + mrn + "^^^ATTACKHOSP^MR", "MRG|" + mrn + "^^^VICTIMHOSP^MR");
			assertThat(message).contains("MRG|" + mrn + "^^^VICTIMHOSP^MR");

			String ack = client.send(message);

			assertThat(ack).contains("MSA|AE|" + takeover.controlId());
			assertThat(this.jdbc.sql("select merged_into is null from patient where id = ?")
				.param(victim)
				.query(Boolean.class)
				.single()).as("the victim's record is not merged").isTrue();
			assertThat(patientWith("VICTIMHOSP", mrn)).isEqualTo(victim);
		}
	}

	@Test
	void anIdentifierPlantedOnAnotherSourcesPatientDoesNotLetAnA40TakeThemOver() {
		String mrn = "MRN-PLANTED-" + NEXT.incrementAndGet();
		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(Adt.anAdmit().from("EPIC", "VICTIMHOSP").forPatient(mrn).build()))
				.contains("MSA|AA|");
			UUID victim = patientWith("VICTIMHOSP", mrn);
			// An admit naming the victim's identifier beside one of the attacker's: the
			// feed finds the victim's record by the first and adds the second to it...
			assertThat(client.send(Adt.anAdmit()
				.from("EPIC", "ATTACKHOSP")
				.identifiers(mrn + "^^^VICTIMHOSP^MR~PLANT-" + mrn + "^^^ATTACKHOSP^MR")
				.visit("V-PLANT-" + mrn)
				.build())).contains("MSA|AA|");
			assertThat(patientWith("ATTACKHOSP", "PLANT-" + mrn)).isEqualTo(victim);
			// ...so that an A40 within the attacker's own authority finds the victim.
			Adt takeover = Adt.aMerge("SURVIVOR-" + mrn, "PLANT-" + mrn).from("EPIC", "ATTACKHOSP");

			String ack = client.send(takeover.build());

			assertThat(ack).contains("MSA|AE|" + takeover.controlId()).contains("an A40 merges only the sender's own");
			assertThat(this.jdbc.sql("select merged_into is null from patient where id = ?")
				.param(victim)
				.query(Boolean.class)
				.single()).as("the victim's record is not merged").isTrue();
		}
	}

	private UUID patientWith(String system, String value) {
		return this.jdbc.sql("select patient_id from patient_identifier where system = ? and value = ?")
			.params(system, value)
			.query(UUID.class)
			.single();
	}

	private String victimsPatient() {
		return this.records.json(new RecordKey(VICTIM, "Patient", "victim-1")).orElseThrow();
	}

	private String coordinator() {
		String name = "write-attack-" + NEXT.incrementAndGet();
		this.accounts.create(name, "Attack Test", PASSWORD, Set.of(Role.COORDINATOR), null);
		return name;
	}

	/** A token of the system that writes as {@value #SYSTEM}, able to read too. */
	private String system() {
		return Integrations.token(this.context, SYSTEM, ApiScope.USER_READ);
	}

	private static String transaction(String claimedSource, String... entries) {
		return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"meta\":{\"source\":\"" + claimedSource
				+ "\"},\"entry\":[" + String.join(",", entries) + "]}";
	}

	private static String putPatient(String id, String family) {
		return """
				{"fullUrl":"urn:uuid:%s","resource":{"resourceType":"Patient","id":"%s","name":[{"family":"%s"}]},
				 "request":{"method":"PUT","url":"Patient/%s"}}""".formatted(id, id, family, id);
	}

	private static JsonNode operationOutcome(HttpResponse<String> response) throws IOException {
		JsonNode outcome = JSON.readTree(response.body());
		assertThat(outcome.path("resourceType").asText()).isEqualTo("OperationOutcome");
		return outcome;
	}

	private HttpResponse<String> post(String token, String bundle) throws Exception {
		return send(token, "POST", "/fhir", bundle);
	}

	private HttpResponse<String> send(String token, String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/fhir+json, application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", path.startsWith("/fhir") ? "application/fhir+json" : "application/json");
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** What a large POST got back, and how much of its body could be sent. */
	private record Answer(int status, String body, long bodyBytesSent) {
	}

	/**
	 * Posts a body of {@code size} bytes over a plain socket, streamed from a small
	 * buffer, and reads the answer while it is still being sent.
	 */
	private Answer postLarge(String path, String token, long size, boolean chunked) throws Exception {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(60_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
					+ "\r\nContent-Type: application/fhir+json\r\n"
					+ (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + size + "\r\n") + "\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			AtomicLong sent = new AtomicLong();
			Thread sender = new Thread(() -> {
				byte[] chunk = new byte[64 * 1024];
				Arrays.fill(chunk, (byte) ' ');
				byte[] start = "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":["
					.getBytes(StandardCharsets.UTF_8);
				System.arraycopy(start, 0, chunk, 0, start.length);
				try {
					while (sent.get() < size) {
						int n = (int) Math.min(chunk.length, size - sent.get());
						if (chunked) {
							out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
						}
						out.write(chunk, 0, n);
						if (chunked) {
							out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
						}
						sent.addAndGet(n);
						chunk[0] = ' ';
					}
					if (chunked) {
						out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
					}
					out.flush();
				}
				catch (IOException closedByServer) {
					// The server hung up: what it read is what was sent until now.
				}
			});
			sender.start();
			InputStream in = socket.getInputStream();
			String head = readHead(in);
			int status = Integer.parseInt(head.substring(9, 12));
			String body = new String(readBody(head, in), StandardCharsets.UTF_8);
			// Tomcat drains what it allows of the rest, then closes the connection.
			while (in.read() >= 0) {
				// nothing more is expected
			}
			socket.shutdownOutput();
			sender.join(30_000);
			return new Answer(status, body, sent.get());
		}
		catch (java.net.SocketException ex) {
			throw new AssertionError("the connection failed before an answer came: " + ex, ex);
		}
	}

	/** The answer's body, whether it gave its length or came in chunks. */
	private static byte[] readBody(String head, InputStream in) throws IOException {
		java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)\r\ncontent-length:\\s*(\\d+)")
			.matcher(head);
		if (length.find()) {
			return in.readNBytes(Integer.parseInt(length.group(1)));
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
			body.write(in.readNBytes(size));
			in.readNBytes(2);
		}
		return body.toByteArray();
	}

	private static int chunkSize(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return Integer.parseInt(line.toString().split(";")[0].strip(), 16);
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
		while (matched < end.length) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("connection closed before the answer's headers ended: " + head);
			}
			head.write(b);
			matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
		}
		return head.toString(StandardCharsets.US_ASCII);
	}

}
