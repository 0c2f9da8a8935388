package org.northstar.reactions;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReactionPropertiesTests {

	@Test
	void eachRetryWaitsTwiceAsLongAsTheOneBeforeUpToTheLongestWait() {
		ReactionProperties properties = new ReactionProperties(2, 10_000, Duration.ofMinutes(1), Duration.ofHours(1),
				10, Duration.ofMillis(250));

		assertThat(IntStream.rangeClosed(1, 9).mapToObj(properties::waitAfter).map(Duration::toMinutes))
			.containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
	}

	@Test
	void refusesSettingsThatWouldNeverRunAReaction() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new ReactionProperties(0, 10_000, Duration.ofMinutes(1), Duration.ofHours(1), 10, Duration.ZERO))
			.withMessageContaining("threads");
	}

}
