package org.northstar.web;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditTrail;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no trusted proxy configured (the default), forwarded headers are anyone's to write
 * and none is read. {@link TrustedProxyTests} has a proxy.
 */
class ForwardedHeadersTests extends NorthstarTest {

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts accounts;

	@Autowired
	AuditTrail audit;

	@Test
	void withoutATrustedProxyAForwardedAddressIsNotRecorded() {
		this.accounts.create("forwarder", "Forwarder", "Meadow-compass-violet-64", Set.of(Role.COORDINATOR), null);
		PageClient client = new PageClient(this.port, "127.0.13.2").header("X-Forwarded-For", "198.51.100.10")
			.header("X-Real-IP", "198.51.100.10")
			.header("Forwarded", "for=198.51.100.10;proto=https");

		client.signIn("forwarder", "Meadow-compass-violet-64");

		assertThat(this.audit
			.search(new AuditQuery("forwarder", true, null, AuditAction.LOGIN, false, null, null, "time", true, 0, 1))
			.get(0)
			.record()
			.address()).isEqualTo("127.0.13.2");
	}

}
