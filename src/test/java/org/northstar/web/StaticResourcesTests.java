package org.northstar.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Static files are served, without signing in, from their three paths, and a link to a
 * page is never looked for as a file: the resource chain knows no pattern but those.
 */
class StaticResourcesTests extends NorthstarTest {

	@LocalServerPort
	int port;

	@Autowired
	ResourceUrlProvider resourceUrls;

	@Test
	void servesTheStyleSheetTheScriptAndHtmxByItsVersionFreePath() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		for (String path : new String[] { "/css/northstar.css", "/js/northstar.js",
				"/webjars/htmx.org/dist/htmx.min.js" }) {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(response.body()).as(path).isNotBlank();
		}
	}

	@Test
	void looksForNoPageAsAFile() {
		assertThat(this.resourceUrls.getHandlerMap()).containsOnlyKeys(StaticResources.PATTERNS);
		assertThat(this.resourceUrls.getForLookupPath("/patients/0a1b/medicines")).isNull();
	}

}
