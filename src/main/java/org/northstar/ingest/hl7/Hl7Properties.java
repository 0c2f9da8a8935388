package org.northstar.ingest.hl7;

import java.nio.charset.Charset;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The HL7 v2 listener's settings, bound from {@code northstar.hl7.*}
 * ({@code NORTHSTAR_HL7_*}, mapped one by one in {@code application.properties}).
 *
 * @param enabled whether {@code serve} listens for MLLP at all
 * @param port the TCP port; 0 picks a free one
 * @param bind the address to listen on: the loopback by default, so that only this
 * machine reaches the port until an administrator opens it to the interface engine
 * @param timeZone the zone of timestamps sent without an offset, usually the hospital's;
 * unset, the practice's ({@code northstar.time-zone})
 * @param maxConnections connections served at once; more are closed on accept
 * @param charset how to read a message whose MSH-18 names no character set
 * @param maxMessage the largest message accepted; a larger one is answered AR and its
 * connection closed without reading the rest
 * @param messageTimeout how long one message may take to arrive, from its start block to
 * its end; also how long a new connection may take to start its first message
 * @param idleTimeout how long a connection may wait between messages
 * @param allowedAddresses the addresses (or CIDR blocks) connections are accepted from;
 * empty accepts any
 * @param allowedFacilities the sending facilities (MSH-4) whose messages are accepted, or
 * {@code APPLICATION|FACILITY} (MSH-3|MSH-4) to accept one application of a facility;
 * empty accepts any
 * @param tls MLLP over TLS
 * @param primer how long {@code serve} may read made-up messages before it opens the port
 * ({@link FeedPrimer}); zero opens it at once
 */
@ConfigurationProperties("northstar.hl7")
public record Hl7Properties(@DefaultValue("true") boolean enabled, @DefaultValue("2575") int port,
		@DefaultValue("127.0.0.1") String bind, String timeZone, @DefaultValue("200") int maxConnections,
		@DefaultValue("UTF-8") Charset charset, @DefaultValue("4MB") DataSize maxMessage,
		@DefaultValue("30s") Duration messageTimeout, @DefaultValue("10m") Duration idleTimeout,
		@DefaultValue List<String> allowedAddresses, @DefaultValue List<String> allowedFacilities,
		@DefaultValue Tls tls, @DefaultValue("2s") Duration primer) {

	/**
	 * MLLP over TLS: the listener's own key and certificate, and whose client
	 * certificates it trusts.
	 *
	 * @param keyStore a PKCS #12 or JKS file with the listener's private key and
	 * certificate chain
	 * @param trustStore a PKCS #12 or JKS file with the certificates (or the CA) of the
	 * interface engines that may connect
	 * @param clientAuth whether a client must present a certificate the trust store
	 * trusts: {@code need} (the default), {@code want} (checked if presented) or
	 * {@code none}
	 */
	public record Tls(@DefaultValue("false") boolean enabled, String keyStore, String keyStorePassword,
			String trustStore, String trustStorePassword, @DefaultValue("need") ClientAuth clientAuth) {

		/**
		 * Without the passwords, which a record would otherwise print wherever it is
		 * logged.
		 */
		@Override
		public String toString() {
			return "Tls[enabled=" + this.enabled + ", keyStore=" + this.keyStore + ", trustStore=" + this.trustStore
					+ ", clientAuth=" + this.clientAuth + "]";
		}

	}

	/** Whether a TLS client must show a trusted certificate. */
	public enum ClientAuth {

		NEED, WANT, NONE

	}

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
