package org.northstar.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.ingest.FhirImport;
import org.northstar.scheduling.SmsReminders;
import org.northstar.security.ApiTokens;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.Integrations;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * The SMS gateway's callback: a STOP reply opts the person with that number out of text
 * reminders, a START back in, audited under the gateway's account; no one else may call
 * it.
 */
class SmsRepliesApiTests extends NorthstarTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	SmsReminders sms;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccounts accounts;

	@Test
	void aStopReplyOptsThePersonWithThatNumberOutAndAStartBackIn() throws Exception {
		String digits = String.valueOf(1000 + (int) (Math.random() * 8999));
		PatientId person = aPersonWithThePhone("(999) 555-" + digits);
		String gateway = Integrations.token(this.context, "sms-gateway");

		HttpResponse<String> stop = post(gateway, "{\"from\": \"+1999555" + digits + "\", \"text\": \" stop \"}");

		assertThat(stop.statusCode()).isEqualTo(200);
		assertThat(stop.body()).contains("\"action\":\"OPTED_OUT\"").contains("\"people\":1");
		assertThat(this.sms.latest(person)).hasValueSatisfying(c -> {
			assertThat(c.optedOut()).isTrue();
			assertThat(c.source()).isEqualTo(SmsReminders.Source.GATEWAY);
			assertThat(c.recordedBy()).isEqualTo(Integrations.username("sms-gateway"));
		});
		assertThat(audited(person)).containsExactly("text reminders: opted out (replied STOP)");

		assertThat(post(gateway, "{\"from\": \"+1999555" + digits + "\", \"text\": \"thanks\"}").body())
			.contains("IGNORED");
		assertThat(this.sms.optedOut(person)).isTrue();
		post(gateway, "{\"from\": \"999-555-" + digits + "\", \"text\": \"START\"}");
		assertThat(this.sms.optedOut(person)).isFalse();
		assertThat(this.sms.history(person)).hasSize(2);
	}

	@Test
	void refusesEveryoneButAnIntegrationsWriteToken() throws Exception {
		String digits = String.valueOf(1000 + (int) (Math.random() * 8999));
		PatientId person = aPersonWithThePhone("999 555 " + digits);
		if (this.accounts.find("sms-cora").isEmpty()) {
			this.accounts.create("sms-cora", "Cora Coordinator", "sms-replies-password-2026", Set.of(Role.COORDINATOR),
					null);
		}
		String coordinators = this.tokens.issue("sms-cora", "sms tests", Duration.ofHours(1));

		HttpResponse<String> refused = post(coordinators, "{\"from\": \"999 555 " + digits + "\", \"text\": \"STOP\"}");

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(this.sms.history(person)).isEmpty();
	}

	private PatientId aPersonWithThePhone(String phone) {
		String source = "sms-replies-" + UUID.randomUUID();
		this.fhirImport.importBundle(aPatient("s").named("Sunniva", "Textwell").born("1948-04-05").phone(phone).json(),
				source, "test");
		return new PatientId(new RecordKey(source, "Patient", "s").id());
	}

	private List<String> audited(PatientId person) {
		return this.jdbc.sql("select detail from audit_event where patient_id = ? and action = 'UPDATE'")
			.param(person.value())
			.query(String.class)
			.list();
	}

	private HttpResponse<String> post(String token, String body) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/sms/replies"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
