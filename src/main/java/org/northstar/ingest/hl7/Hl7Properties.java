package org.northstar.ingest.hl7;

import java.nio.charset.Charset;
import java.time.DateTimeException;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The HL7 v2 listener's settings, bound from {@code northstar.hl7.*}
 * ({@code NORTHSTAR_HL7_ENABLED}, {@code NORTHSTAR_HL7_PORT},
 * {@code NORTHSTAR_HL7_TIME_ZONE}, {@code NORTHSTAR_HL7_CHARSET}).
 *
 * @param enabled whether {@code serve} listens for MLLP at all
 * @param port the TCP port; 0 picks a free one
 * @param timeZone the zone of timestamps sent without an offset, usually the hospital's;
 * unset, the practice's ({@code northstar.time-zone})
 * @param maxConnections connections served at once; more are closed on accept
 * @param charset how to read a message whose MSH-18 names no character set
 */
@ConfigurationProperties("northstar.hl7")
public record Hl7Properties(@DefaultValue("true") boolean enabled, @DefaultValue("2575") int port, String timeZone,
		@DefaultValue("200") int maxConnections, @DefaultValue("UTF-8") Charset charset) {

	/**
	 * The zone of timestamps without an offset: the configured one, else the practice's.
	 * @throws IllegalArgumentException naming the setting when it is not a zone
	 */
	ZoneId timeZoneOr(ZoneId practice) {
		if (this.timeZone == null || this.timeZone.isBlank()) {
			return practice;
		}
		try {
			return ZoneId.of(this.timeZone.strip());
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException("northstar.hl7.time-zone (NORTHSTAR_HL7_TIME_ZONE) '" + this.timeZone
					+ "' is not a time zone; use a region such as America/New_York", ex);
		}
	}

}
