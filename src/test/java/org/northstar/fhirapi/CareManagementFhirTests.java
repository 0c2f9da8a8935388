package org.northstar.fhirapi;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.northstar.documentation.Consents;
import org.northstar.documentation.Interaction;
import org.northstar.documentation.Interactions;
import org.northstar.documentation.NewConsent;
import org.northstar.documentation.NewInteraction;
import org.northstar.security.ApiScope;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Documented interactions served as FHIR Communications and care-management consents as
 * Consents: read and searched under the same access rules as every other read, valid base
 * R4.
 */
class CareManagementFhirTests extends NorthstarTest {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	Interactions interactions;

	@Autowired
	Consents consents;

	@Test
	void servesAnInteractionAsACommunicationFoundByPatientOrSubject() {
		FhirFixture fixture = FhirFixture.get(this.context, this.port);
		String started = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
		Interaction call = this.interactions
			.record(fixture.onCaseload(),
					new NewInteraction("PHONE_OUT", "REACHED", started, 12, "CLINICAL_STAFF", "CCM",
							"Reviewed the glucose log.", List.of("her daughter"), false, null),
					FhirFixture.COORDINATOR);
		this.interactions.addAddendum(fixture.onCaseload(), call.id(), "The log was September's.",
				FhirFixture.COORDINATOR);
		Interaction elsewhere = this.interactions.record(fixture.notOnCaseload(), new NewInteraction("PHONE_OUT",
				"NO_ANSWER", started, 1, "CLINICAL_STAFF", "CCM", "No answer.", List.of(), false, null), "someone");
		IGenericClient coordinator = fixture.client(FhirFixture.COORDINATOR);

		Communication read = coordinator.read()
			.resource(Communication.class)
			.withId(Long.toString(call.id()))
			.execute();

		assertThat(read.getStatus()).isEqualTo(Communication.CommunicationStatus.COMPLETED);
		assertThat(read.getSubject().getReference()).isEqualTo("Patient/" + fixture.onCaseload());
		assertThat(read.getMediumFirstRep().getCoding()).extracting(c -> c.getCode())
			.containsExactly("PHONE", "PHONE_OUT");
		assertThat(read.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("CCM");
		assertThat(read.getPayload()).extracting(p -> p.getContentStringType().getValue())
			.first()
			.isEqualTo("Reviewed the glucose log.");
		assertThat(read.getPayload().get(1).getContentStringType().getValue()).endsWith(": The log was September's.");
		assertThat(((Duration) read.getExtensionByUrl(CommunicationProvider.MINUTES_EXTENSION).getValue()).getValue())
			.isEqualByComparingTo("12");
		assertThat(idsOf(coordinator.search()
			.forResource(Communication.class)
			.where(Communication.PATIENT.hasId("Patient/" + fixture.onCaseload()))
			.returnBundle(Bundle.class)
			.execute())).contains(Long.toString(call.id()));
		assertThat(idsOf(coordinator.search()
			.forResource(Communication.class)
			.where(Communication.SUBJECT.hasId("Patient/" + fixture.onCaseload()))
			.returnBundle(Bundle.class)
			.execute())).contains(Long.toString(call.id()));
		// Another coordinator's patient is not there, as for every read.
		assertThatThrownBy(
				() -> coordinator.read().resource(Communication.class).withId(Long.toString(elsewhere.id())).execute())
			.isInstanceOf(ResourceNotFoundException.class);
		assertThat(idsOf(coordinator.search().forResource(Communication.class).returnBundle(Bundle.class).execute()))
			.contains(Long.toString(call.id()))
			.doesNotContain(Long.toString(elsewhere.id()));
		Communication notReached = fixture.client("admin", ApiScope.SYSTEM_READ)
			.read()
			.resource(Communication.class)
			.withId(Long.toString(elsewhere.id()))
			.execute();
		assertThat(notReached.getStatus()).isEqualTo(Communication.CommunicationStatus.NOTDONE);
		assertThat(notReached.getStatusReason().getCodingFirstRep().getCode()).isEqualTo("NO_ANSWER");
		assertValid(read);
		assertValid(notReached);
	}

	@Test
	void servesAConsentActiveUntilRevokedToTheEndOfThatMonth() {
		FhirFixture fixture = FhirFixture.get(this.context, this.port);
		var consent = this.consents.record(fixture.onCaseload(),
				new NewConsent("PCM", "WRITTEN", "2026-09-02", "ana", true), FhirFixture.COORDINATOR);
		this.consents.revoke(fixture.onCaseload(), consent.id(), "2026-10-14", FhirFixture.COORDINATOR);
		IGenericClient coordinator = fixture.client(FhirFixture.COORDINATOR);

		Consent read = coordinator.read().resource(Consent.class).withId(Long.toString(consent.id())).execute();

		assertThat(read.getStatus()).isEqualTo(Consent.ConsentState.INACTIVE);
		assertThat(read.getPatient().getReference()).isEqualTo("Patient/" + fixture.onCaseload());
		assertThat(read.getProvision().getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-09-02");
		assertThat(read.getProvision().getPeriod().getEndElement().getValueAsString()).isEqualTo("2026-10-31");
		assertThat(read.getExtensionByUrl(ConsentProvider.REVOKED_ON_EXTENSION).getValue().primitiveValue())
			.isEqualTo("2026-10-14");
		assertThat(read.getCategory()).extracting(c -> c.getCodingFirstRep().getCode()).contains("PCM");
		assertThat(idsOf(coordinator.search()
			.forResource(Consent.class)
			.where(Consent.PATIENT.hasId("Patient/" + fixture.onCaseload()))
			.returnBundle(Bundle.class)
			.execute())).contains(Long.toString(consent.id()));
		assertThatThrownBy(() -> fixture.client(FhirFixture.COORDINATOR)
			.search()
			.forResource(Consent.class)
			.where(Consent.PATIENT.hasId("Patient/" + fixture.notOnCaseload()))
			.returnBundle(Bundle.class)
			.execute()).isInstanceOf(ResourceNotFoundException.class);
		assertValid(read);
	}

	private static List<String> idsOf(Bundle bundle) {
		return bundle.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
	}

	private static void assertValid(Resource resource) {
		assertThat(ServedResourcesValidationTests.validator()
			.validateWithResult(resource)
			.getMessages()
			.stream()
			.filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
			.map(m -> m.getLocationString() + ": " + m.getMessage())
			.toList()).isEmpty();
	}

}
