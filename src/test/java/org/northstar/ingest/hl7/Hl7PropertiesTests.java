package org.northstar.ingest.hl7;

import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** HL7 timestamps without an offset are in the hospital's zone, else the practice's. */
class Hl7PropertiesTests {

	private static final ZoneId PRACTICE = ZoneId.of("America/New_York");

	@Test
	void timestampsWithoutAnOffsetAreInThePracticesZoneUnlessTheHospitalsIsSet() {
		assertThat(bind(Map.of("northstar.hl7.time-zone", "")).timeZoneOr(PRACTICE)).isEqualTo(PRACTICE);
		assertThat(bind(Map.of()).timeZoneOr(PRACTICE)).isEqualTo(PRACTICE);
		assertThat(bind(Map.of("northstar.hl7.time-zone", "America/Chicago")).timeZoneOr(PRACTICE))
			.isEqualTo(ZoneId.of("America/Chicago"));
	}

	private static Hl7Properties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("northstar.hl7",
				Hl7Properties.class);
	}

}
