package org.northstar.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole application on a real HTTP port and an
 * embedded PostgreSQL in a fresh data directory, shared by every test class that extends
 * this one. Tests keep out of each other's way by importing under their own source name.
 * The database is a real one, not a demo, so that it takes imports and HL7 messages: only
 * {@code serve} asks for a demo ({@code northstar.demo=true}, as
 * {@code DemoDatabaseTests} does).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "northstar.admin-password=" + NorthstarTest.ADMIN_PASSWORD, "northstar.hl7.port=0",
				// Delivery is driven by the tests, not the clock.
				"northstar.notifications.retry-interval=PT1H", "northstar.reactions.retry-interval=PT1H",
				"northstar.reminders.interval=PT1H",
				// A practice that is not in UTC, with daylight saving, so that every page
				// and
				// deadline is tested in the practice's zone and not the server's...
				"northstar.time-zone=" + NorthstarTest.PRACTICE_ZONE,
				// ...while the feed tests write the hospital's times without an offset in
				// UTC.
				"northstar.hl7.time-zone=UTC" })
public abstract class NorthstarTest {

	public static final String ADMIN_PASSWORD = "correct-horse-battery";

	/** The practice's time zone in the tests: Ohio's. */
	public static final String PRACTICE_ZONE = "America/New_York";

	private static final Path DATA_DIR = TestDataDirectory.create("northstar-test");

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("northstar.data-dir", DATA_DIR::toString);
		registry.add("northstar.db.url", () -> "");
	}

	protected static Path dataDir() {
		return DATA_DIR;
	}

	@Autowired
	private JdbcClient publications;

	/**
	 * Waits until every reaction published so far has run or failed. Reactions run after
	 * the commit of what they react to, on other threads: an ACK does not mean they are
	 * done.
	 */
	protected void awaitReactions() {
		try {
			Awaitility.await("reactions to finish")
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> this.publications
					.sql("select count(*) from event_publication where status is distinct from 'FAILED'")
					.query(Integer.class)
					.single() == 0);
		}
		catch (ConditionTimeoutException ex) {
			// Say which: a reaction stranded by an earlier test shows here, not only as
			// a timeout of this one.
			List<String> waiting = this.publications.sql("""
					select listener_id || ' ' || coalesce(status, '-') || ' ' || serialized_event
					from event_publication where status is distinct from 'FAILED' order by publication_date limit 5
					""").query(String.class).list();
			throw new AssertionError("Reactions still outstanding after 30 s: " + waiting, ex);
		}
	}

}
