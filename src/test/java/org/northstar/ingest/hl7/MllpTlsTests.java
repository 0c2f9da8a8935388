package org.northstar.ingest.hl7;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.northstar.database.DatabaseKind;
import org.northstar.patient.Patients;
import org.northstar.reactions.Foreground;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.northstar.ingest.hl7.Adt.anUpdate;

/**
 * MLLP over TLS with client certificates, with key stores made for the test by the JDK's
 * {@code keytool}: the listener's own, the interface engine's (trusted), and a stranger's
 * (a valid certificate nobody vouched for).
 */
class MllpTlsTests extends NorthstarTest {

	private static final String PASSWORD = "hl7-test-password";

	@TempDir
	static Path stores;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JdbcTemplate template;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	AdtApplication application;

	@Autowired
	Patients patients;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	Clock clock;

	@Autowired
	Foreground foreground;

	private final List<MllpListener> started = new ArrayList<>();

	@BeforeAll
	static void makeCertificates() throws Exception {
		for (String[] party : new String[][] { { "northstar", "CN=localhost" },
				{ "engine", "CN=Interface Engine, O=General Hospital" }, { "stranger", "CN=Stranger" } }) {
			keytool("-genkeypair", "-alias", party[0], "-keyalg", "EC", "-groupname", "secp256r1", "-dname", party[1],
					"-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
					store(party[0] + ".p12"), "-storepass", PASSWORD);
			keytool("-exportcert", "-alias", party[0], "-keystore", store(party[0] + ".p12"), "-storepass", PASSWORD,
					"-file", store(party[0] + ".cer"));
		}
		// The listener trusts the engine; the engine trusts the listener.
		keytool("-importcert", "-noprompt", "-alias", "engine", "-file", store("engine.cer"), "-storetype", "PKCS12",
				"-keystore", store("listener-trusts.p12"), "-storepass", PASSWORD);
		keytool("-importcert", "-noprompt", "-alias", "northstar", "-file", store("northstar.cer"), "-storetype",
				"PKCS12", "-keystore", store("engine-trusts.p12"), "-storepass", PASSWORD);
	}

	@AfterEach
	void stopListeners() {
		this.started.forEach(MllpListener::stop);
	}

	@Test
	void anEngineWithATrustedCertificateGetsItsAck() throws Exception {
		MllpListener listener = listenOverTls("need");
		Adt update = anUpdate().from("EPIC", "TLSHOSP").forPatient("MRN-TLS-1");

		try (SSLSocket socket = connect(listener.port(), "engine.p12")) {
			assertThat(exchange(socket, update.build())).contains("MSA|AA|" + update.controlId());
			assertThat(socket.getSession().getProtocol()).startsWith("TLSv1.");
		}
		assertThat(stored(update)).isEqualTo(1);
	}

	@Test
	void refusesAClientWithoutACertificate() throws Exception {
		MllpListener listener = listenOverTls("need");
		Adt update = anUpdate().from("EPIC", "TLSHOSP").forPatient("MRN-TLS-2");

		try (SSLSocket socket = connect(listener.port(), null)) {
			assertThat(exchange(socket, update.build())).isNull();
		}
		assertThat(stored(update)).isZero();
	}

	@Test
	void refusesAClientWithACertificateNobodyTrusts() throws Exception {
		MllpListener listener = listenOverTls("need");
		Adt update = anUpdate().from("EPIC", "TLSHOSP").forPatient("MRN-TLS-3");

		try (SSLSocket socket = connect(listener.port(), "stranger.p12")) {
			assertThat(exchange(socket, update.build())).isNull();
		}
		assertThat(stored(update)).isZero();
	}

	@Test
	void answersNothingToPlainTcpOnATlsPort() throws Exception {
		MllpListener listener = listenOverTls("need");
		Adt update = anUpdate().from("EPIC", "TLSHOSP").forPatient("MRN-TLS-4");

		try (Socket socket = new Socket("localhost", listener.port())) {
			socket.setSoTimeout(20_000);
			try {
				socket.getOutputStream().write(MllpClient.frame(update.build()));
			}
			catch (IOException ex) {
				// closed already
			}
			String reply = new String(MllpDefencesTests.readToEnd(socket.getInputStream()),
					StandardCharsets.ISO_8859_1);
			assertThat(reply).doesNotContain("MSA").doesNotStartWith("\u000b");
		}
		assertThat(stored(update)).isZero();
	}

	@Test
	void servesAClientWithoutACertificateWhenNoneIsAskedFor() throws Exception {
		MllpListener listener = listen(Map.of("tls.enabled", "true", "tls.key-store", store("northstar.p12"),
				"tls.key-store-password", PASSWORD, "tls.client-auth", "none"));
		Adt update = anUpdate().from("EPIC", "TLSHOSP").forPatient("MRN-TLS-5");

		try (SSLSocket socket = connect(listener.port(), null)) {
			assertThat(exchange(socket, update.build())).contains("MSA|AA|");
		}
	}

	@Test
	void neverPrintsTheStorePasswords() {
		Hl7Properties settings = MllpDefencesTests.settings(Map.of("tls.enabled", "true", "tls.key-store-password",
				"key-secret-1", "tls.trust-store-password", "trust-secret-2"));

		assertThat(settings.toString()).contains("enabled=true")
			.doesNotContain("key-secret-1")
			.doesNotContain("trust-secret-2");
	}

	@Test
	void refusesToStartWhenItCannotCheckClientCertificates() {
		assertThatThrownBy(() -> listen(Map.of("tls.enabled", "true", "tls.key-store", store("northstar.p12"),
				"tls.key-store-password", PASSWORD)))
			.hasMessageContaining("NORTHSTAR_HL7_TLS_CLIENT_AUTH is need but NORTHSTAR_HL7_TLS_TRUST_STORE is not set");
		assertThatThrownBy(() -> listen(Map.of("tls.enabled", "true", "tls.key-store", store("northstar.p12"),
				"tls.key-store-password", "wrong", "tls.client-auth", "none")))
			.hasMessageContaining("NORTHSTAR_HL7_TLS_KEY_STORE")
			.hasMessageContaining("cannot be read");
	}

	private MllpListener listenOverTls(String clientAuth) {
		return listen(Map.of("tls.enabled", "true", "tls.key-store", store("northstar.p12"), "tls.key-store-password",
				PASSWORD, "tls.trust-store", store("listener-trusts.p12"), "tls.trust-store-password", PASSWORD,
				"tls.client-auth", clientAuth));
	}

	private MllpListener listen(Map<String, String> overrides) {
		Hl7Properties settings = MllpDefencesTests.settings(new HashMap<>(overrides));
		MllpListener listener = new MllpListener(new Hl7Inbox(this.jdbc, this.template, this.transactions,
				this.application, settings, this.patients, this.events, this.clock, DatabaseKind.REAL, this.foreground),
				settings);
		listener.start();
		this.started.add(listener);
		return listener;
	}

	/**
	 * An engine's TLS connection, with its certificate when {@code keyStore} is given.
	 */
	private static SSLSocket connect(int port, String keyStore) throws Exception {
		KeyManager[] keys = null;
		if (keyStore != null) {
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(KeyStore.getInstance(Path.of(store(keyStore)).toFile(), PASSWORD.toCharArray()),
					PASSWORD.toCharArray());
			keys = new KeyManager[] { new Insisting((X509KeyManager) factory.getKeyManagers()[0],
					keyStore.substring(0, keyStore.indexOf('.'))) };
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(KeyStore.getInstance(Path.of(store("engine-trusts.p12")).toFile(), PASSWORD.toCharArray()));
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keys, trust.getTrustManagers(), null);
		SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port);
		socket.setSoTimeout(20_000);
		SSLParameters parameters = socket.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		socket.setSSLParameters(parameters);
		return socket;
	}

	/**
	 * Presents its certificate whatever the listener says it trusts, as a misconfigured
	 * or hostile client would; the JDK's own would not offer one from an issuer the
	 * listener did not name, and the listener's check would never be put to the test.
	 */
	private static final class Insisting extends X509ExtendedKeyManager {

		private final X509KeyManager keys;

		private final String alias;

		Insisting(X509KeyManager keys, String alias) {
			this.keys = keys;
			this.alias = alias;
		}

		@Override
		public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
			return this.alias;
		}

		@Override
		public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
			return this.alias;
		}

		@Override
		public String[] getClientAliases(String keyType, Principal[] issuers) {
			return new String[] { this.alias };
		}

		@Override
		public X509Certificate[] getCertificateChain(String alias) {
			return this.keys.getCertificateChain(alias);
		}

		@Override
		public PrivateKey getPrivateKey(String alias) {
			return this.keys.getPrivateKey(alias);
		}

		@Override
		public String[] getServerAliases(String keyType, Principal[] issuers) {
			return null;
		}

		@Override
		public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
			return null;
		}

	}

	/** The ACK, or {@code null} when the listener refused the connection. */
	private static String exchange(SSLSocket socket, String message) {
		try {
			socket.getOutputStream().write(MllpClient.frame(message));
			socket.getOutputStream().flush();
			return MllpClient.readFrame(socket.getInputStream());
		}
		catch (IOException ex) {
			return null;
		}
	}

	private long stored(Adt message) {
		return this.jdbc.sql("select count(*) from hl7_message where control_id = ?")
			.param(message.controlId())
			.query(Long.class)
			.single();
	}

	private static String store(String name) {
		return stores.resolve(name).toString();
	}

	private static void keytool(String... arguments) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("keytool " + String.join(" ", arguments) + " failed: " + output);
		}
	}

}
