package org.northstar.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.database.DatabaseKind;
import org.northstar.ingest.FhirImport;
import org.northstar.ingest.ImportListener;
import org.northstar.ingest.ImportSummary;
import org.northstar.patient.PatientSummary;
import org.northstar.patient.Patients;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;

import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The demo caseload {@code serve} loads into an empty demo database: the hand-made
 * patients of the product stories, a sample of Synthea patients (adults with chronic
 * conditions and recent hospital use, tools/synthea/README.md, with what a hospital sends
 * about some of their stays and Synthea does not: {@link DemoHospitalStays}), a second
 * system's record of one story person (linked to the first by the matcher, as a real
 * second feed would be), two teams with two coordinators and a supervisor, and each
 * patient on somebody's caseload. A real database never gets it ({@link DatabaseKind});
 * the tests load it into theirs as a fixture.
 */
public final class DemoCaseload {

	/**
	 * A demo sign-in, printed at start. The demo is synthetic data on a local machine.
	 */
	record Login(String username, String displayName, String password, Set<Role> roles, String team) {
	}

	/** The sources the demo's bundles are imported under. */
	static final String STORIES = "demo";

	static final String SYNTHEA = "demo-synthea";

	/**
	 * A community health centre's own record of Tyrone Davis of the stories: another
	 * identifier system, his first name misspelt and the address he has since left.
	 */
	static final String EASTSIDE = "demo-eastside";

	static final List<Login> LOGINS = List.of(
			new Login("ana", "Ana Torres, RN", "demo-ana-2026", Set.of(Role.COORDINATOR), "north"),
			new Login("ben", "Ben Okoro, MSW", "demo-ben-2026", Set.of(Role.COORDINATOR), "south"),
			new Login("carla", "Carla Mendes, RN (supervisor)", "demo-carla-2026",
					Set.of(Role.SUPERVISOR, Role.COORDINATOR), "north"));

	/** Who looks after the patients of the stories, by family name. */
	private static final Map<String, String> STORY_COORDINATORS = Map.of("Chen", "ana", "Walker", "ana", "Hassan",
			"ana", "Kowalski", "carla", "Johnson", "ben", "González", "ben", "Davis", "ben", "Nguyen", "carla");

	private DemoCaseload() {
	}

	/**
	 * Loads the demo into a demo database that has no patients yet; returns whether it
	 * did.
	 */
	public static boolean loadIfEmpty(ApplicationContext context) {
		if (context.getBean(DatabaseKind.class) != DatabaseKind.DEMO || context.getBean(Patients.class).count() > 0) {
			return false;
		}
		load(context);
		return true;
	}

	/**
	 * Loads the demo into a database that may hold other patients too (the tests' shared
	 * one): the users if missing, the bundles (imports are idempotent), and caseloads for
	 * the demo's own patients only.
	 */
	public static void load(ApplicationContext context) {
		Patients patients = context.getBean(Patients.class);
		UserAccounts accounts = context.getBean(UserAccounts.class);
		accounts.ensureTeam("north", "North team");
		accounts.ensureTeam("south", "South team");
		for (Login login : LOGINS) {
			if (accounts.find(login.username()).isEmpty()) {
				accounts.create(login.username(), login.displayName(), login.password(), login.roles(), login.team());
			}
		}
		FhirImport fhirImport = context.getBean(FhirImport.class);
		ImportSummary stories = importClasspath(fhirImport, "classpath*:demo/stories/*.json", STORIES,
				UnaryOperator.identity());
		List<DemoHospitalStays.Stay> stays = DemoHospitalStays.load();
		ImportSummary synthea = importClasspath(fhirImport, "classpath*:demo/synthea/*.json", SYNTHEA,
				bundle -> DemoHospitalStays.amend(bundle, stays));
		ImportSummary eastside = importClasspath(fhirImport, "classpath*:demo/eastside/*.json", EASTSIDE,
				UnaryOperator.identity());
		assignCaseloads(patients, context.getBean(Caseloads.class));
		DemoSchedules.load(context);
		System.out.printf("Loaded the demo caseload: %d patients, %,d resources%n",
				stories.patients() + synthea.patients() + eastside.patients(),
				stories.resources() + synthea.resources() + eastside.resources());
	}

	private static void assignCaseloads(Patients patients, Caseloads caseloads) {
		List<PatientId> demo = new ArrayList<>(patients.fromSource(STORIES));
		demo.addAll(patients.fromSource(SYNTHEA));
		List<String> coordinators = LOGINS.stream().map(Login::username).toList();
		int next = 0;
		for (PatientSummary patient : patients.summaries(demo, null)) {
			String coordinator = STORY_COORDINATORS.get(patient.familyName());
			if (coordinator == null) {
				coordinator = coordinators.get(next++ % coordinators.size());
			}
			caseloads.assign(patient.id(), coordinator, Relation.COORDINATOR);
		}
	}

	/**
	 * Imports the bundles on the classpath under a source, each as {@code amend} makes
	 * it.
	 */
	private static ImportSummary importClasspath(FhirImport fhirImport, String pattern, String source,
			UnaryOperator<byte[]> amend) {
		Path dir = null;
		try {
			Resource[] bundles = new PathMatchingResourcePatternResolver().getResources(pattern);
			dir = Files.createTempDirectory("northstar-demo");
			for (Resource bundle : bundles) {
				try (InputStream in = bundle.getInputStream()) {
					Files.write(dir.resolve(bundle.getFilename()), amend.apply(in.readAllBytes()));
				}
			}
			ImportSummary summary = fhirImport.importFiles(List.of(dir), source, 2, ImportListener.NONE);
			if (summary.failed()) {
				throw new IllegalStateException("The demo caseload did not import: " + summary.failures());
			}
			return summary;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot load the demo caseload", ex);
		}
		finally {
			deleteQuietly(dir);
		}
	}

	private static void deleteQuietly(Path dir) {
		if (dir == null) {
			return;
		}
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			// a leftover temporary copy of synthetic data is harmless
		}
	}

}
