package org.northstar.audit;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Audit settings, bound from {@code northstar.audit.*}; a blank value is no value.
 *
 * @param key the audit key itself, base64 ({@code NORTHSTAR_AUDIT_KEY}); wins over the
 * file
 * @param keyFile a file holding the key, base64 ({@code NORTHSTAR_AUDIT_KEY_FILE}); when
 * neither is set, {@code DATA_DIR/audit.key}, generated on the first start
 * @param checkpointDir where {@code serve} writes a signed checkpoint every
 * {@code checkpointInterval}
 * @param checkpointUrl where {@code serve} posts it
 */
@ConfigurationProperties("northstar.audit")
record AuditProperties(String key, String keyFile, String checkpointDir, String checkpointUrl,
		@DefaultValue("PT1H") Duration checkpointInterval) {

	Path keyFilePath() {
		return blank(this.keyFile) ? null : Path.of(this.keyFile.strip());
	}

	Path checkpointDirPath() {
		return blank(this.checkpointDir) ? null : Path.of(this.checkpointDir.strip());
	}

	URI checkpointUri() {
		return blank(this.checkpointUrl) ? null : URI.create(this.checkpointUrl.strip());
	}

	boolean checkpointsConfigured() {
		return checkpointDirPath() != null || checkpointUri() != null;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
