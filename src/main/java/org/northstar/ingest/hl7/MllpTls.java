package org.northstar.ingest.hl7;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * MLLP over TLS with the JDK's own TLS (JSSE): the listener's key store, and the trust
 * store its clients' certificates are checked against. Spring Boot's SSL bundles would
 * fit too, but they are configured under {@code spring.ssl.bundle.*} and loaded whether
 * or not the listener uses them; these settings sit with the rest of the listener's.
 */
final class MllpTls {

	private final Hl7Properties.Tls settings;

	private final SSLContext context;

	private MllpTls(Hl7Properties.Tls settings, SSLContext context) {
		this.settings = settings;
		this.context = context;
	}

	/**
	 * @throws IllegalStateException naming the setting that is missing or the store that
	 * cannot be read
	 */
	static MllpTls of(Hl7Properties.Tls settings) {
		if (blank(settings.keyStore())) {
			throw new IllegalStateException("NORTHSTAR_HL7_TLS_ENABLED is true but NORTHSTAR_HL7_TLS_KEY_STORE is not"
					+ " set: name the PKCS #12 or JKS file with the listener's key and certificate");
		}
		boolean checksClients = settings.clientAuth() != Hl7Properties.ClientAuth.NONE;
		if (checksClients && blank(settings.trustStore())) {
			throw new IllegalStateException("NORTHSTAR_HL7_TLS_CLIENT_AUTH is " + name(settings.clientAuth())
					+ " but NORTHSTAR_HL7_TLS_TRUST_STORE is not set: name the file with the interface engines'"
					+ " certificates, or set NORTHSTAR_HL7_TLS_CLIENT_AUTH=none");
		}
		try {
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			char[] keyPassword = password(settings.keyStorePassword());
			keys.init(load(settings.keyStore(), keyPassword, "NORTHSTAR_HL7_TLS_KEY_STORE"), keyPassword);
			TrustManagerFactory trust = null;
			if (checksClients) {
				trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				trust.init(load(settings.trustStore(), password(settings.trustStorePassword()),
						"NORTHSTAR_HL7_TLS_TRUST_STORE"));
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
			return new MllpTls(settings, context);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot set up TLS for the HL7 listener: " + ex.getMessage(), ex);
		}
	}

	/** An unbound server socket that speaks TLS and asks for client certificates. */
	ServerSocket serverSocket() throws IOException {
		SSLServerSocket socket = (SSLServerSocket) this.context.getServerSocketFactory().createServerSocket();
		switch (this.settings.clientAuth()) {
			case NEED -> socket.setNeedClientAuth(true);
			case WANT -> socket.setWantClientAuth(true);
			case NONE -> socket.setNeedClientAuth(false);
		}
		return socket;
	}

	String describe() {
		return "TLS, client certificates " + name(this.settings.clientAuth());
	}

	private static KeyStore load(String file, char[] password, String setting) throws GeneralSecurityException {
		Path path = Path.of(file);
		if (!Files.isReadable(path)) {
			throw new IllegalStateException(
					setting + " " + path.toAbsolutePath() + " does not exist or cannot be read");
		}
		try {
			// Finds out itself whether the file is PKCS #12 or JKS.
			return KeyStore.getInstance(path.toFile(), password);
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					setting + " " + path.toAbsolutePath()
							+ " cannot be read (wrong password, or not a PKCS #12 or JKS file): " + ex.getMessage(),
					ex);
		}
	}

	private static char[] password(String password) {
		return password == null ? new char[0] : password.toCharArray();
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private static String name(Hl7Properties.ClientAuth clientAuth) {
		return clientAuth.name().toLowerCase(java.util.Locale.ROOT);
	}

}
