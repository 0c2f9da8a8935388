package org.northstar.ingest.hl7;

import java.time.Duration;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The primer's made-up messages are read as the feed reads real ones: every one of each
 * event, none refused, so the code it warms is the code real messages run.
 */
class FeedPrimerTests {

	@Test
	void readsEveryOneOfItsMessagesUpToTheLimit() {
		assertThat(FeedPrimer.prime(new Hl7Parser(), ZoneId.of("America/New_York"), 70, Duration.ofMinutes(1)))
			.isEqualTo(70);
	}

	@Test
	void stopsWhenItsTimeIsUp() {
		assertThat(FeedPrimer.prime(new Hl7Parser(), ZoneId.of("America/New_York"), 1_000_000, Duration.ZERO)).isZero();
	}

}
