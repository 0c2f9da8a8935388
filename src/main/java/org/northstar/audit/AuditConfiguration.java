package org.northstar.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where the audit key comes from, and the start of the keyed chain.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

	private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

	static final String KEY_FILE = "audit.key";

	/**
	 * The key from {@code NORTHSTAR_AUDIT_KEY}, else from
	 * {@code NORTHSTAR_AUDIT_KEY_FILE}, else from {@code DATA_DIR/audit.key}, which is
	 * generated (mode 0600) on the first start. A named key file that is missing is an
	 * error, and so is a missing default file once the trail has keyed records: a new key
	 * would make every one of them look forged.
	 */
	@Bean
	@DependsOnDatabaseInitialization
	AuditKey auditKey(AuditProperties properties, @Value("${northstar.data-dir:data}") Path dataDir, JdbcClient jdbc) {
		if (properties.key() != null && !properties.key().isBlank()) {
			return new AuditKey(decode(properties.key(), "NORTHSTAR_AUDIT_KEY"));
		}
		Path named = properties.keyFilePath();
		if (named != null) {
			if (!Files.isRegularFile(named)) {
				throw new IllegalStateException(
						"The audit key file " + named.toAbsolutePath() + " (NORTHSTAR_AUDIT_KEY_FILE) does not exist");
			}
			return read(named);
		}
		Path file = dataDir.resolve(KEY_FILE);
		if (Files.isRegularFile(file)) {
			return read(file);
		}
		Boolean keyed = jdbc.sql("select exists (select 1 from audit_event where hash_scheme = ?)")
			.param(AuditKey.SCHEME)
			.query(Boolean.class)
			.single();
		if (keyed) {
			throw new IllegalStateException("The audit key " + file.toAbsolutePath()
					+ " is missing, but the audit trail was written with one. Restore the key from its backup"
					+ " (or set NORTHSTAR_AUDIT_KEY_FILE to it); a new key would make every keyed record look forged.");
		}
		return generate(file);
	}

	/**
	 * Appends a keyed record at once when the trail ends with records hashed without a
	 * key (a trail from before the key): from then on, a trail that ends unkeyed has been
	 * rewritten.
	 */
	@Bean
	ApplicationRunner keyTheAuditChain(AuditTrail audit) {
		return args -> audit.keyTheChain();
	}

	private static AuditKey generate(Path file) {
		byte[] secret = new byte[AuditKey.MIN_BYTES];
		new SecureRandom().nextBytes(secret);
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			try {
				Files.createFile(file,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			catch (UnsupportedOperationException ex) {
				Files.createFile(file);
			}
			Files.writeString(file, Base64.getEncoder().encodeToString(secret) + "\n", StandardCharsets.US_ASCII);
		}
		catch (FileAlreadyExistsException ex) {
			return read(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the audit key " + file.toAbsolutePath(), ex);
		}
		log.warn("Generated the audit key {}: back it up, and keep it where database administrators cannot read it",
				file.toAbsolutePath());
		return new AuditKey(secret);
	}

	private static AuditKey read(Path file) {
		try {
			return new AuditKey(
					decode(Files.readString(file, StandardCharsets.US_ASCII), file.toAbsolutePath().toString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the audit key " + file.toAbsolutePath(), ex);
		}
	}

	private static byte[] decode(String base64, String where) {
		try {
			byte[] secret = Base64.getDecoder().decode(base64.strip());
			if (secret.length < AuditKey.MIN_BYTES) {
				throw new IllegalStateException("The audit key in " + where + " has " + secret.length
						+ " bytes; it needs at least " + AuditKey.MIN_BYTES + " (base64 of 32 random bytes)");
			}
			return secret;
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("The audit key in " + where + " is not base64: " + ex.getMessage());
		}
	}

}
