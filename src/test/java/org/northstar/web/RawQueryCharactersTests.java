package org.northstar.web;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.northstar.security.ApiScope;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.security.ApiTokens;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;
import org.northstar.support.PageClient.Response;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A FHIR token search written as the README and most FHIR clients write it, with a raw
 * {@code |} between system and code, sent as is on a socket (java.net.URI would encode
 * it).
 */
class RawQueryCharactersTests extends NorthstarTest {

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts accounts;

	@Autowired
	ApiTokens tokens;

	@Test
	void aRawPipeInAFhirSearchIsRead() {
		this.accounts.create("raw-pipe", "Raw Pipe", "Saffron-window-trellis-8", Set.of(Role.COORDINATOR), null);
		String token = this.tokens.issue("raw-pipe", "raw query test", Duration.ofHours(1), Set.of(ApiScope.USER_READ));
		PageClient client = new PageClient(this.port, "127.0.11.2").header("Authorization", "Bearer " + token)
			.header("Accept", "application/fhir+json");

		Response pipe = client.get("/fhir/Observation?code=http://loinc.org|4548-4");
		Response brackets = client.get("/fhir/Observation?code=http://loinc.org|4548-4&_elements=[id]");

		assertThat(pipe.status()).isEqualTo(200);
		assertThat(pipe.body()).contains("\"resourceType\":\"Bundle\"");
		assertThat(brackets.status()).isNotEqualTo(400);
	}

}
