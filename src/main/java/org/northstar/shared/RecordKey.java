package org.northstar.shared;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a record came from: the source system, the FHIR resource type and the id that
 * source gave it. Northstar's own id is derived from the three, so the same record from
 * the same source always maps to the same row, and records from different sources never
 * collide.
 */
public record RecordKey(String source, String resourceType, String sourceId) {

	private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("MD5 is required of every Java platform", ex);
		}
	});

	public RecordKey {
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(resourceType, "resourceType");
		Objects.requireNonNull(sourceId, "sourceId");
	}

	/**
	 * A name-based (version 3) UUID of the three, as {@link UUID#nameUUIDFromBytes} makes
	 * it, without looking up an MD5 implementation on every call: a feed message derives
	 * several ids.
	 */
	public UUID id() {
		byte[] md5 = MD5.get()
			.digest((this.source + '\u0000' + this.resourceType + '\u0000' + this.sourceId)
				.getBytes(StandardCharsets.UTF_8));
		md5[6] = (byte) ((md5[6] & 0x0f) | 0x30);
		md5[8] = (byte) ((md5[8] & 0x3f) | 0x80);
		ByteBuffer bytes = ByteBuffer.wrap(md5);
		return new UUID(bytes.getLong(), bytes.getLong());
	}

	@Override
	public String toString() {
		return this.resourceType + "/" + this.sourceId + " from " + this.source;
	}

}
