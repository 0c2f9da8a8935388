package org.northstar.shared;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Record ids are stored: the way they are derived must never change. */
class RecordKeyTests {

	@Test
	void theIdIsTheNameBasedUuidOfSourceTypeAndSourceId() {
		for (String[] key : new String[][] { { "demo", "Patient", "1" }, { "hl7 EPIC", "Encounter", "V-1" },
				{ "Hôpital Saint-Éloi", "Patient", "MRN|00042" }, { "", "Observation", "" } }) {
			UUID expected = UUID
				.nameUUIDFromBytes((key[0] + '\u0000' + key[1] + '\u0000' + key[2]).getBytes(StandardCharsets.UTF_8));
			assertThat(new RecordKey(key[0], key[1], key[2]).id()).isEqualTo(expected);
		}
	}

	@Test
	void aKnownIdStaysTheSame() {
		assertThat(new RecordKey("demo", "Patient", "1").id()).hasToString("21b882cc-11cd-33e3-8e4a-023145269e7e");
	}

}
