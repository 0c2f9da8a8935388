package org.northstar.fhirapi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.ingest.ImportListener;
import org.northstar.security.ApiScope;
import org.northstar.security.ApiTokens;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.SyntheaPopulation;

import org.springframework.context.ApplicationContext;

/**
 * The FHIR API tests' world: three Synthea patients imported under the source
 * {@value #SOURCE}; the coordinator {@value #COORDINATOR} has the first two on her
 * caseload, nobody has the third.
 */
final class FhirFixture {

	static final String SOURCE = "fhir-api-test";

	static final String COORDINATOR = "fhir-coordinator";

	/** Every resource type the API serves, as the issue lists them. */
	static final List<String> SERVED_TYPES = List.of("Patient", "Encounter", "Condition", "Observation",
			"MedicationRequest", "Procedure", "AllergyIntolerance", "Immunization", "CarePlan", "CareTeam",
			"Practitioner", "Organization", "Coverage", "Task", "AuditEvent", "Communication", "Consent");

	static final FhirContext FHIR = FhirContext.forR4Cached();

	private static FhirFixture instance;

	final List<PatientId> patients;

	final List<String> sourceIds;

	private final ApiTokens tokens;

	private final int port;

	private FhirFixture(ApplicationContext context, int port) {
		this.port = port;
		this.tokens = context.getBean(ApiTokens.class);
		List<Path> files = new ArrayList<>(SyntheaPopulation.sharedFiles(SyntheaPopulation.SAMPLE));
		List<Path> patientFiles = SyntheaPopulation.patientFiles(SyntheaPopulation.SAMPLE).subList(0, 3);
		files.addAll(patientFiles);
		context.getBean(FhirImport.class).importFiles(files, SOURCE, 2, ImportListener.NONE);
		this.sourceIds = patientFiles.stream().map(f -> {
			String name = f.getFileName().toString();
			return name.substring(name.length() - "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.json".length(),
					name.length() - ".json".length());
		}).toList();
		this.patients = this.sourceIds.stream()
			.map(id -> new PatientId(new RecordKey(SOURCE, "Patient", id).id()))
			.toList();
		UserAccounts accounts = context.getBean(UserAccounts.class);
		accounts.create(COORDINATOR, "FHIR Coordinator", "a-long-password-1", Set.of(Role.COORDINATOR), null);
		Caseloads caseloads = context.getBean(Caseloads.class);
		caseloads.assign(this.patients.get(0), COORDINATOR, Relation.COORDINATOR);
		caseloads.assign(this.patients.get(1), COORDINATOR, Relation.COORDINATOR);
	}

	static synchronized FhirFixture get(ApplicationContext context, int port) {
		if (instance == null) {
			instance = new FhirFixture(context, port);
		}
		return instance;
	}

	PatientId onCaseload() {
		return this.patients.get(0);
	}

	PatientId notOnCaseload() {
		return this.patients.get(2);
	}

	String base() {
		return "http://localhost:" + this.port + "/fhir";
	}

	String token(String user, ApiScope... scopes) {
		return this.tokens.issue(user, "FHIR API tests", Duration.ofHours(1),
				scopes.length == 0 ? ApiScope.DEFAULT : Set.of(scopes));
	}

	IGenericClient client(String user, ApiScope... scopes) {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		// The first write waits for the validator to load the R4 definitions.
		FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
		IGenericClient client = FHIR.newRestfulGenericClient(base());
		client.registerInterceptor(new BearerTokenAuthInterceptor(token(user, scopes)));
		return client;
	}

}
