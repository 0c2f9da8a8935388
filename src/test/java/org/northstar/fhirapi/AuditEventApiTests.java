package org.northstar.fhirapi;

import java.time.Duration;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.northstar.security.ApiTokens;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code /fhir/AuditEvent} serves the audit trail to administrators, and to nobody else.
 */
class AuditEventApiTests extends NorthstarTest {

	@LocalServerPort
	int port;

	@Autowired
	ApiTokens tokens;

	@Autowired
	UserAccounts accounts;

	@Test
	void administratorsReadTheTrailAsAuditEvents() {
		IGenericClient admin = client("admin");
		admin.search().forResource(AuditEvent.class).returnBundle(Bundle.class).execute();

		Bundle page = admin.search()
			.forResource(AuditEvent.class)
			.where(AuditEvent.AGENT_NAME.matches().value("admin"))
			.returnBundle(Bundle.class)
			.execute();

		assertThat(page.getEntry()).isNotEmpty();
		AuditEvent event = (AuditEvent) page.getEntryFirstRep().getResource();
		assertThat(event.getAgentFirstRep().getName()).isEqualTo("admin");
		assertThat(event.getRecorded()).isNotNull();
		assertThat(page.getEntry()).anySatisfy(
				e -> assertThat(((AuditEvent) e.getResource()).getOutcomeDesc()).isEqualTo("AuditEvent search"));
	}

	@Test
	void pagesThroughTheTrailInsteadOfLoadingIt() {
		IGenericClient admin = client("admin");

		Bundle newest = admin.search().forResource(AuditEvent.class).count(2).returnBundle(Bundle.class).execute();
		// Oldest first, pages are stable: the records each request adds go to the end.
		Bundle first = admin.search()
			.forResource(AuditEvent.class)
			.sort()
			.ascending("date")
			.count(2)
			.returnBundle(Bundle.class)
			.execute();
		Bundle second = admin.loadPage().next(first).execute();

		assertThat(newest.getEntry()).hasSize(2);
		assertThat(newest.getLink(Bundle.LINK_NEXT)).isNotNull();
		assertThat(newest.hasTotal()).as("no count of the whole trail for a page").isFalse();
		assertThat(first.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
			.containsExactly("1", "2");
		assertThat(second.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
			.containsExactly("3", "4");
		AuditEvent one = admin.read().resource(AuditEvent.class).withId("2").execute();
		assertThat(one.getIdElement().getIdPart()).isEqualTo("2");
	}

	@Test
	void refusesAuditEventsToACoordinator() {
		if (this.accounts.find("audit-api-coordinator").isEmpty()) {
			this.accounts.create("audit-api-coordinator", "Coordinator", "a-long-password-1", Set.of(Role.COORDINATOR),
					null);
		}
		IGenericClient coordinator = client("audit-api-coordinator");

		assertThatThrownBy(
				() -> coordinator.search().forResource(AuditEvent.class).returnBundle(Bundle.class).execute())
			.isInstanceOf(ForbiddenOperationException.class);
	}

	private IGenericClient client(String user) {
		IGenericClient client = FhirContext.forR4Cached()
			.newRestfulGenericClient("http://localhost:" + this.port + "/fhir");
		client.registerInterceptor(
				new BearerTokenAuthInterceptor(this.tokens.issue(user, "AuditEvent tests", Duration.ofHours(1))));
		return client;
	}

}
