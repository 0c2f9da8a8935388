package org.northstar.database;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.northstar.support.Launcher;
import org.northstar.support.Launcher.Running;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An external PostgreSQL run with fsync and synchronous_commit off (zonky's defaults, as
 * a server tuned for speed might be) is named in the log at start-up and on every
 * administrator's page for as long as Northstar runs on it.
 */
class ExternalDatabaseDurabilityIT {

	private static final String ADMIN_PASSWORD = "durability-test-password";

	@Test
	void warnsInTheLogAndOnTheAdminPagesWhenAnExternalDatabaseCanLoseCommits(@TempDir Path data, @TempDir Path external)
			throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(external).start()) {
			Running server = new Launcher().env("NORTHSTAR_DB_URL", postgres.getJdbcUrl("postgres", "postgres"))
				.env("NORTHSTAR_DB_USER", "postgres")
				.env("NORTHSTAR_DB_PASSWORD", "")
				.env("NORTHSTAR_ADMIN_PASSWORD", ADMIN_PASSWORD)
				.start("serve", "--port", "0", "--no-demo", "--data-dir", data.toString());
			try {
				String running = server.awaitLine(l -> l.startsWith("Northstar is running at http://localhost:"), 180);
				String base = running.replaceAll(".*(http://localhost:\\d+)/.*", "$1");
				assertThat(server.output()).contains("DATA AT RISK: The external PostgreSQL runs with fsync=off")
					.contains("DATA AT RISK: The external PostgreSQL runs with synchronous_commit=off")
					.doesNotContain("full_page_writes=");

				HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
				String login = browser
					.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
							HttpResponse.BodyHandlers.ofString())
					.body();
				Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
				assertThat(csrf.find()).as(login).isTrue();
				HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + ADMIN_PASSWORD + "&_csrf="
							+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
					.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(signedIn.headers().firstValue("Location")).get().asString().doesNotContain("error");

				for (String page : new String[] { "/admin/users", "/admin/audit", "/admin/hl7" }) {
					HttpResponse<String> admin = browser.send(HttpRequest.newBuilder(URI.create(base + page)).build(),
							HttpResponse.BodyHandlers.ofString());
					assertThat(admin.statusCode()).as(page).isEqualTo(200);
					assertThat(admin.body()).as(page)
						.contains("id=\"durability-warning\"")
						.contains("The database can lose data in a crash")
						.contains("The external PostgreSQL runs with fsync=off")
						.contains("The external PostgreSQL runs with synchronous_commit=off");
				}
			}
			finally {
				server.stop();
			}
		}
	}

}
