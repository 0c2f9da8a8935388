package org.northstar.audit;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.ingest.FhirImport;
import org.northstar.security.ApiScope;
import org.northstar.security.ApiTokens;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PatientBundle;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * What reaches the audit trail (ONC §170.315(d)(2), (d)(3), (d)(10)): the matcher's own
 * links, the audit report looked at and exported; and what must not: a searched-for name
 * or birth date, a password typed as a username.
 */
class AuditCoverageTests extends NorthstarTest {

	@LocalServerPort
	int port;

	@Autowired
	AuditTrail audit;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theMatchersOwnLinksAreAuditedUnderBothRecords() {
		PatientId hospital = importPatient("au-link-hospital",
				aPatient("h1").named("Oriana", "Quistgaard").born("1951-07-04").sex("female").ssn("999-52-0101"));
		PatientId clinic = importPatient("au-link-clinic",
				aPatient("c1").named("Oriana", "Quistgaard").born("1951-07-04").sex("female").ssn("999520101"));
		awaitReactions();

		List<AuditEntry> links = this.audit
			.search(AuditQuery.newestFirst().withAction(AuditAction.LINK).forPatients(Set.of(hospital, clinic)));
		assertThat(links).extracting(e -> e.record().patient()).containsExactlyInAnyOrder(hospital, clinic);
		assertThat(links).allSatisfy(e -> {
			assertThat(e.record().role()).isEqualTo("SYSTEM");
			assertThat(e.record().detail()).startsWith("linked automatically with record ").contains("identifier");
		});
		assertThat(links).anySatisfy(e -> assertThat(e.record().detail()).contains(clinic.toString()));
	}

	@Test
	void aFhirSearchLeavesNoNameOrBirthDateFromItsQueryInTheTrail() throws Exception {
		long before = lastSeq();
		String token = this.tokens.issue("admin", "audit coverage tests", Duration.ofHours(1),
				Set.of(ApiScope.SYSTEM_READ));

		HttpResponse<String> found = fhirGet("/fhir/Patient?family=Vandersloot&birthdate=1948-03-12&_count=5", token);
		HttpResponse<String> refused = fhirGet("/fhir/Patient?family=Zanzibarian&not-a-parameter=1948-03-12", token);

		assertThat(found.statusCode()).isEqualTo(200);
		assertThat(refused.statusCode()).isEqualTo(400);
		List<String> details = detailsSince(before);
		assertThat(details).anySatisfy(d -> assertThat(d).startsWith("GET /fhir/Patient?family&birthdate&_count=5"));
		assertThat(details).anySatisfy(d -> assertThat(d).startsWith("GET /fhir/Patient?family&not-a-parameter: 400"));
		assertThat(details).noneSatisfy(d -> assertThat(d).containsAnyOf("Vandersloot", "Zanzibarian", "1948"));
	}

	@Test
	void aPasswordTypedAsAUsernameLeavesOnlyAPseudonym() throws Exception {
		long before = lastSeq();
		Pages pages = new Pages();

		pages.signInFails("Purple-Elephant-42!", "whatever");
		pages.signInFails("Purple-Elephant-42!", "again");

		List<AuditEntry> failures = since(before).stream()
			.filter(e -> e.record().action() == AuditAction.LOGIN_FAILED)
			.toList();
		assertThat(failures).hasSize(2);
		assertThat(failures).allSatisfy(e -> {
			assertThat(e.record().username()).startsWith("unknown-").doesNotContain("Elephant");
			assertThat(e.record().detail()).doesNotContain("Elephant").doesNotContain("whatever");
		});
		assertThat(failures.get(0).record().username()).isEqualTo(failures.get(1).record().username());
	}

	@Test
	void viewingAndExportingTheReportAreAuditedWithoutThePatientTextAndShowNames() throws Exception {
		PatientId patient = importPatient("au-report",
				aPatient("r1").named("Leocadia", "Brightwater").born("1939-02-11").sex("female"));
		this.audit.record(new AuditRecord("report-nurse", "COORDINATOR", AuditAction.READ, patient, "patient page",
				"127.0.0.1", Outcome.SUCCESS, false, null));
		long before = lastSeq();
		Pages pages = new Pages();
		pages.signIn("admin", ADMIN_PASSWORD);

		String page = pages.get("/admin/audit?patient=brightwater+leocadia");
		String csv = pages.get("/admin/audit.csv?patient=" + patient);

		assertThat(page).contains("Brightwater, Leocadia").contains(patient.toString()).contains("report-nurse");
		assertThat(csv.lines().skip(1)).isNotEmpty()
			.allSatisfy(line -> assertThat(line).contains(patient.toString()).contains("\"Brightwater, Leocadia\""));
		List<AuditEntry> viewed = since(before).stream().filter(e -> "admin".equals(e.record().username())).toList();
		assertThat(viewed).anySatisfy(e -> {
			assertThat(e.record().action()).isEqualTo(AuditAction.SEARCH);
			assertThat(e.record().detail()).startsWith("audit report filtered by patient (1 records)");
			assertThat(e.record().patient()).isEqualTo(patient);
		});
		assertThat(viewed).anySatisfy(e -> assertThat(e.record().action()).isEqualTo(AuditAction.EXPORT));
		assertThat(viewed).noneSatisfy(e -> assertThat(e.record().detail()).containsIgnoringCase("brightwater"));
	}

	@Test
	void theReportFiltersByPartOfAUserActionAndBreakTheGlassAndPagesPast500Rows() throws Exception {
		List<AuditRecord> records = new ArrayList<>();
		for (int i = 0; i < 620; i++) {
			records
				.add(new AuditRecord("pager-nurse", "COORDINATOR", i % 2 == 0 ? AuditAction.READ : AuditAction.SEARCH,
						null, "row " + i, "127.0.0.1", Outcome.SUCCESS, false, null));
		}
		records.add(new AuditRecord("pager-nurse", "COORDINATOR", AuditAction.READ, null, "emergency row", "127.0.0.1",
				Outcome.SUCCESS, true, "patient unresponsive in the ED"));
		this.audit.recordAll(records);
		Pages pages = new Pages();
		pages.signIn("admin", ADMIN_PASSWORD);

		String first = pages.get("/admin/audit?user=AGER-NUR");
		String second = pages.get("/admin/audit?user=AGER-NUR&page=2");
		String searches = pages.get("/admin/audit?user=pager&action=SEARCH");
		String emergency = pages.get("/admin/audit?user=pager&emergency=true");

		assertThat(rows(first)).isEqualTo(500);
		assertThat(first).contains("Records 1–500").containsPattern("rel=\"next\"[^>]*page=2");
		assertThat(rows(second)).isEqualTo(121);
		assertThat(second).contains("Records 501–621").doesNotContain("rel=\"next\"");
		assertThat(rows(searches)).isEqualTo(310);
		assertThat(rows(emergency)).isEqualTo(1);
		assertThat(emergency).contains("emergency row").contains("patient unresponsive in the ED");
	}

	@Test
	void exportsAHundredThousandRecordsAsTheyAreRead() throws Exception {
		long first = lastSeq() + 1;
		int count = 100_000;
		// Rows made in SQL for the size; the chain is not what this test is about, and
		// they
		// are removed afterwards.
		tamper("""
				insert into audit_event (seq, recorded_at, username, role, action, detail, outcome, prev_hash, hash,
				                         hash_scheme, key_id)
				select %d + n, now(), 'csv-bulk', 'ADMINISTRATOR', 'READ', 'bulk row ' || n, 'SUCCESS', '', '',
				       'HMAC-SHA256', 'test'
				from generate_series(0, %d - 1) n
				""".formatted(first, count));
		try {
			Pages pages = new Pages();
			pages.signIn("admin", ADMIN_PASSWORD);
			long started = System.nanoTime();
			HttpResponse<java.util.stream.Stream<String>> response = pages.stream("/admin/audit.csv?user=csv-bulk");
			long lines = response.body().count();
			double seconds = (System.nanoTime() - started) / 1e9;

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Length")).as("written as it is read").isEmpty();
			assertThat(lines).isEqualTo(count + 1);
			System.out.printf("Audit CSV: %,d records in %.1f s%n", count, seconds);
		}
		finally {
			tamper("delete from audit_event where seq >= " + first);
		}
	}

	private static int rows(String html) {
		String body = html.substring(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
		return body.split("<tr", -1).length - 1;
	}

	private HttpResponse<String> fhirGet(String path, String token) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Authorization", "Bearer " + token)
				.header("Accept", "application/fhir+json")
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private long lastSeq() {
		return this.audit.latest().map(AuditEntry::seq).orElse(0L);
	}

	private List<AuditEntry> since(long seq) {
		return this.audit.search(AuditQuery.newestFirst().sortedBy("time", false))
			.stream()
			.filter(e -> e.seq() > seq)
			.toList();
	}

	private List<String> detailsSince(long seq) {
		return since(seq).stream().map(e -> e.record().detail()).toList();
	}

	private PatientId importPatient(String source, PatientBundle bundle) {
		this.fhirImport.importBundle(bundle.json(), source, "test");
		String id = new String(bundle.json(), StandardCharsets.UTF_8)
			.replaceAll("(?s).*?\"resourceType\":\"Patient\",\"id\":\"([^\"]+)\".*", "$1");
		return new PatientId(new RecordKey(source, "Patient", id).id());
	}

	private void tamper(String sql) {
		this.jdbc.sql("alter table audit_event disable trigger audit_event_append_only").update();
		try {
			this.jdbc.sql(sql).update();
		}
		finally {
			this.jdbc.sql("alter table audit_event enable trigger audit_event_append_only").update();
		}
	}

	/** A browser's session over plain HTTP: cookies, the CSRF token, form sign-in. */
	private final class Pages {

		private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

		private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

		private final String base = "http://localhost:" + AuditCoverageTests.this.port;

		void signIn(String user, String password) throws Exception {
			HttpResponse<String> response = postLogin(user, password);
			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(response.headers().firstValue("Location").orElse("")).doesNotContain("error");
		}

		void signInFails(String user, String password) throws Exception {
			assertThat(postLogin(user, password).headers().firstValue("Location").orElse("")).contains("error");
		}

		private HttpResponse<String> postLogin(String user, String password) throws Exception {
			Matcher csrf = CSRF.matcher(get("/login"));
			assertThat(csrf.find()).as("a CSRF token on the login page").isTrue();
			String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
					+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
			return this.http.send(HttpRequest.newBuilder(URI.create(this.base + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		String get(String path) throws Exception {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(this.base + path)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			return response.body();
		}

		HttpResponse<java.util.stream.Stream<String>> stream(String path) throws Exception {
			return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path)).build(),
					HttpResponse.BodyHandlers.ofLines());
		}

	}

}
