package org.northstar.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Where the audit trail ended at one moment, signed with the audit key: kept outside the
 * database, it shows records cut off the end of the trail afterwards, which the chain
 * alone cannot (the records left still chain).
 *
 * @param seq the last record's number (0 for an empty trail)
 * @param hash the last record's hash
 * @param count how many records the trail held
 * @param time when the checkpoint was taken
 * @param keyId which audit key signed it
 * @param signature HMAC-SHA256 of the other fields under the audit key
 */
public record AuditCheckpoint(long seq, String hash, long count, Instant time, String keyId, String signature) {

	static final String TYPE = "northstar-audit-checkpoint";

	private static final ObjectMapper JSON = new ObjectMapper();

	/** What the signature covers. */
	String signedText() {
		return TYPE + "|1|" + this.seq + "|" + this.hash + "|" + this.count + "|" + this.time + "|" + this.keyId;
	}

	public String toJson() {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("type", TYPE);
		fields.put("version", 1);
		fields.put("seq", this.seq);
		fields.put("hash", this.hash);
		fields.put("count", this.count);
		fields.put("time", this.time.toString());
		fields.put("keyId", this.keyId);
		fields.put("signature", this.signature);
		try {
			return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(fields) + "\n";
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Reads a checkpoint as {@link #toJson()} wrote it.
	 * @throws IllegalArgumentException naming what is missing or malformed
	 */
	public static AuditCheckpoint parse(String json) {
		JsonNode node;
		try {
			node = JSON.readTree(json);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("not JSON: " + ex.getOriginalMessage());
		}
		if (node == null || !TYPE.equals(node.path("type").asText())) {
			throw new IllegalArgumentException("not a Northstar audit checkpoint (no \"type\": \"" + TYPE + "\")");
		}
		for (String field : new String[] { "seq", "hash", "count", "time", "keyId", "signature" }) {
			if (!node.hasNonNull(field)) {
				throw new IllegalArgumentException("the checkpoint has no \"" + field + "\"");
			}
		}
		try {
			return new AuditCheckpoint(node.get("seq").asLong(), node.get("hash").asText(), node.get("count").asLong(),
					Instant.parse(node.get("time").asText()), node.get("keyId").asText(),
					node.get("signature").asText());
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("the checkpoint's time is not an instant: " + ex.getParsedString());
		}
	}

}
