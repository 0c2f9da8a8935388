package org.northstar.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret that keys the audit chain: each record's hash is an HMAC-SHA256 under it, so
 * someone who can write to the database but cannot read this key cannot re-hash a record
 * they changed. It lives outside the database (a file or the environment).
 */
final class AuditKey {

	static final String SCHEME = "HMAC-SHA256";

	/** Keys shorter than SHA-256's output would weaken the HMAC. */
	static final int MIN_BYTES = 32;

	private final SecretKeySpec secret;

	private final String id;

	AuditKey(byte[] secret) {
		if (secret.length < MIN_BYTES) {
			throw new IllegalArgumentException(
					"An audit key must have at least " + MIN_BYTES + " bytes, not " + secret.length);
		}
		this.secret = new SecretKeySpec(secret.clone(), "HmacSHA256");
		this.id = mac("northstar audit key id").substring(0, 16);
	}

	/**
	 * Names the key without revealing it: stored with each record, so a verification with
	 * the wrong key says so instead of calling every record changed.
	 */
	String id() {
		return this.id;
	}

	/** The HMAC-SHA256 of the text, in hex. */
	String mac(String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.secret);
			return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Compares two hex digests in time independent of where they differ. */
	static boolean same(String a, String b) {
		return a != null && b != null
				&& MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
	}

	@Override
	public String toString() {
		return "AuditKey[" + this.id + "]";
	}

}
