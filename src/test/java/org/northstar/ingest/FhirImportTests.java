package org.northstar.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.northstar.clinical.SourceResource.Outcome;
import org.northstar.support.NorthstarTest;
import org.northstar.support.SyntheaPopulation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class FhirImportTests extends NorthstarTest {

	private static final ObjectMapper JSON = SyntheaPopulation.JSON;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	JdbcClient jdbc;

	@Test
	void importsTheSyntheaSampleWithEveryResourceTypeAndResolvedReferences() {
		List<Path> files = SyntheaPopulation.files(SyntheaPopulation.SAMPLE);
		Map<String, Integer> expected = SyntheaPopulation.countByType(files);

		ImportSummary summary = this.fhirImport.importFiles(List.of(SyntheaPopulation.SAMPLE), "sample", 2,
				ImportListener.NONE);

		assertThat(summary.failures()).isEmpty();
		assertThat(summary.imported()).isEqualTo(files.size());
		assertThat(summary.resourcesByType()).containsExactlyInAnyOrderEntriesOf(longs(expected));
		assertThat(storedByType("sample")).containsExactlyInAnyOrderEntriesOf(longs(expected));
		assertThat(count("select count(*) from patient where source = 'sample'")).isEqualTo(expected.get("Patient"));
		assertThat(count("""
				select count(*) from encounter e join source_resource r on r.id = e.id where r.source = 'sample'
				""")).isEqualTo(expected.get("Encounter"));
		// Synthea refers to practitioners and hospitals conditionally, by identifier: all
		// resolved.
		assertThat(count("""
				select count(*) from encounter e join source_resource r on r.id = e.id
				join source_resource p on p.id = e.practitioner_id and p.resource_type = 'Practitioner'
				join source_resource o on o.id = e.organization_id and o.resource_type = 'Organization'
				where r.source = 'sample'
				""")).isEqualTo(expected.get("Encounter"));
		// urn:uuid: references to the patient resolved: every observation belongs to a
		// stored patient.
		assertThat(count("""
				select count(*) from observation o join patient p on p.id = o.patient_id where p.source = 'sample'
				""")).isEqualTo(expected.get("Observation"));
		assertThat(count("""
				select count(*) from patient_identifier i join patient p on p.id = i.patient_id
				where p.source = 'sample' and i.type_code = 'MR'
				""")).isEqualTo(expected.get("Patient"));
	}

	@Test
	void keepsEachResourceExactlyAsReceivedWithItsSourceAndTime() throws IOException {
		Path file = SyntheaPopulation.patientFiles(SyntheaPopulation.SAMPLE).get(0);
		JsonNode patient = SyntheaPopulation.read(file).path("entry").path(0).path("resource");
		importOrFail("as-received", SyntheaPopulation.SAMPLE);

		String stored = this.jdbc.sql("""
				select content::text from source_resource
				where source = 'as-received' and resource_type = 'Patient' and source_id = ?
				""").param(patient.path("id").asText()).query(String.class).single();
		assertThat(JSON.readTree(stored)).isEqualTo(patient);
		assertThat(count("""
				select count(*) from source_resource
				where source = 'as-received' and received_at is not null and received_via like '%.json'
				""")).isEqualTo(SyntheaPopulation
			.total(SyntheaPopulation.countByType(SyntheaPopulation.files(SyntheaPopulation.SAMPLE))));
	}

	@Test
	void importingTheSameFilesAgainChangesNothing(@TempDir Path reformatted) throws IOException {
		importOrFail("again", SyntheaPopulation.SAMPLE);
		Map<String, Long> before = storedByType("again");
		String receivedBefore = receivedAtDigest("again");

		ImportSummary sameFiles = importOrFail("again", SyntheaPopulation.SAMPLE);
		assertThat(sameFiles.skipped()).isEqualTo(SyntheaPopulation.files(SyntheaPopulation.SAMPLE).size());
		assertThat(sameFiles.imported()).isZero();

		// The same content in different bytes is read, and every resource found
		// unchanged.
		for (Path file : SyntheaPopulation.files(SyntheaPopulation.SAMPLE)) {
			JSON.writerWithDefaultPrettyPrinter()
				.writeValue(reformatted.resolve(file.getFileName()).toFile(), SyntheaPopulation.read(file));
		}
		ImportSummary sameContent = importOrFail("again", reformatted);
		assertThat(sameContent.outcomes()).containsOnlyKeys(Outcome.UNCHANGED);

		assertThat(storedByType("again")).isEqualTo(before);
		assertThat(receivedAtDigest("again")).isEqualTo(receivedBefore);
	}

	@Test
	void aChangedResourceReplacesItsPreviousVersion(@TempDir Path dir) throws IOException {
		Path original = SyntheaPopulation.patientFiles(SyntheaPopulation.SAMPLE).get(0);
		ObjectNode bundle = (ObjectNode) SyntheaPopulation.read(original);
		Files.copy(original, dir.resolve("v1.json"));
		importOrFail("changes", SyntheaPopulation.sharedFiles(SyntheaPopulation.SAMPLE).toArray(Path[]::new));
		importOrFail("changes", dir.resolve("v1.json"));

		ObjectNode patient = (ObjectNode) bundle.path("entry").path(0).path("resource");
		((ObjectNode) patient.path("name").path(0)).put("family", "Changedname");
		JSON.writeValue(dir.resolve("v2.json").toFile(), bundle);
		Files.delete(dir.resolve("v1.json"));
		ImportSummary summary = importOrFail("changes", dir.resolve("v2.json"));

		assertThat(summary.outcomes()).containsEntry(Outcome.UPDATED, 1L);
		assertThat(
				this.jdbc.sql("select family_name from patient where source = 'changes'").query(String.class).single())
			.isEqualTo("Changedname");
		assertThat(count("select count(*) from source_resource where source = 'changes' and resource_type = 'Patient'"))
			.isEqualTo(1);
	}

	@Test
	void refusesBadFilesNamingEntryAndReasonAndImportsTheRest(@TempDir Path dir) throws IOException {
		Files.writeString(dir.resolve("good.json"),
				bundle(patient("good-1"), observation("obs-1", "urn:uuid:good-1", "2024-03-01T10:00:00Z")));
		Files.writeString(dir.resolve("syntax.json"),
				"{\"resourceType\":\"Bundle\",\"entry\":[{\"fullUrl\":\"urn:uuid:s\",\n\"resource\":{\"resourceType\":\"Patient\",}}]}");
		Files.writeString(dir.resolve("dangling.json"),
				bundle(patient("dangling-1"), observation("obs-2", "urn:uuid:nobody", "2024-03-01T10:00:00Z")));
		Files.writeString(dir.resolve("baddate.json"),
				bundle(patient("baddate-1"), observation("obs-3", "urn:uuid:baddate-1", "2024-13-45")));
		Files.writeString(dir.resolve("unknown.json"), bundle(patient("unknown-1"),
				"{\"fullUrl\":\"urn:uuid:x\",\"resource\":{\"resourceType\":\"Spaceship\",\"id\":\"x\"}}"));
		Files.writeString(dir.resolve("notfhir.json"), "[1, 2, 3]");

		ImportSummary summary = this.fhirImport.importFiles(List.of(dir), "bad", 1, ImportListener.NONE);

		assertThat(summary.imported()).isEqualTo(1);
		assertThat(summary.failures()).extracting(BundleRejectedException::getMessage)
			.containsExactlyInAnyOrder(dir.resolve("syntax.json")
					+ ": entry 0 (urn:uuid:s): invalid JSON at line 2, column 38: Unexpected character ('}' (code 125)): was expecting double-quote to start field name",
					dir.resolve("dangling.json")
							+ ": entry 1 (urn:uuid:obs-2): subject refers to urn:uuid:nobody, which is not in this bundle",
					dir.resolve("baddate.json")
							+ ": entry 1 (urn:uuid:obs-3): effectiveDateTime '2024-13-45' is not a valid FHIR date or dateTime",
					dir.resolve("unknown.json") + ": entry 1 (urn:uuid:x): 'Spaceship' is not an R4 resource type",
					dir.resolve("notfhir.json")
							+ ": expected a FHIR resource or Bundle (a JSON object) at line 1, column 2 but found START_ARRAY");
		// All-or-nothing: the valid patient before each bad entry was not kept either.
		assertThat(count("select count(*) from source_resource where source = 'bad'")).isEqualTo(2);
		assertThat(this.jdbc.sql("select source_id from patient where source = 'bad'").query(String.class).list())
			.containsExactly("good-1");
		assertThat(this.fhirImport.openFailures()).extracting(ImportFailure::path)
			.contains(dir.resolve("syntax.json").toString(), dir.resolve("dangling.json").toString());

		// Fixing the file and importing it again closes its failure.
		Files.writeString(dir.resolve("dangling.json"),
				bundle(patient("dangling-1"), observation("obs-2", "urn:uuid:dangling-1", "2024-03-01T10:00:00Z")));
		assertThat(importOrFail("bad", dir.resolve("dangling.json")).imported()).isEqualTo(1);
		assertThat(this.fhirImport.openFailures()).extracting(ImportFailure::path)
			.doesNotContain(dir.resolve("dangling.json").toString());
	}

	@Test
	void importsNdjsonAndGzippedBundles(@TempDir Path dir) throws IOException {
		Files.writeString(dir.resolve("patients.ndjson"),
				"{\"resourceType\":\"Patient\",\"id\":\"nd-1\",\"gender\":\"female\"}\n"
						+ "{\"resourceType\":\"Observation\",\"id\":\"nd-obs\",\"status\":\"final\",\"subject\":{\"reference\":\"Patient/nd-1\"},"
						+ "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\"}]},\"valueQuantity\":{\"value\":72,\"unit\":\"/min\"}}\n");
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("bundle.json.gz")))) {
			out.write(bundle(patient("gz-1")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}

		ImportSummary summary = importOrFail("formats", dir);

		assertThat(summary.resourcesByType()).containsEntry("Patient", 2L).containsEntry("Observation", 1L);
		assertThat(this.jdbc.sql("""
				select o.value_number from observation o join patient p on p.id = o.patient_id
				where p.source = 'formats' and p.source_id = 'nd-1'
				""").query(java.math.BigDecimal.class).single()).isEqualByComparingTo("72");
	}

	private ImportSummary importOrFail(String source, Path... paths) {
		ImportSummary summary = this.fhirImport.importFiles(List.of(paths), source, 2, ImportListener.NONE);
		assertThat(summary.failures()).isEmpty();
		return summary;
	}

	private Map<String, Long> storedByType(String source) {
		Map<String, Long> counts = new TreeMap<>();
		this.jdbc.sql("select resource_type, count(*) from source_resource where source = ? group by resource_type")
			.param(source)
			.query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
			.list();
		return counts;
	}

	private String receivedAtDigest(String source) {
		return this.jdbc.sql(
				"select md5(string_agg(id::text || received_at::text, ',' order by id)) from source_resource where source = ?")
			.param(source)
			.query(String.class)
			.single();
	}

	private int count(String sql) {
		return this.jdbc.sql(sql).query(Integer.class).single();
	}

	private static Map<String, Long> longs(Map<String, Integer> counts) {
		Map<String, Long> result = new TreeMap<>();
		counts.forEach((k, v) -> result.put(k, (long) v));
		return result;
	}

	static String bundle(String... entries) {
		return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + String.join(",", entries) + "]}";
	}

	static String patient(String id) {
		return "{\"fullUrl\":\"urn:uuid:" + id + "\",\"resource\":{\"resourceType\":\"Patient\",\"id\":\"" + id
				+ "\",\"name\":[{\"family\":\"Test\",\"given\":[\"Pat\"]}],\"gender\":\"female\",\"birthDate\":\"1950-04-02\"},"
				+ "\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}";
	}

	static String observation(String id, String subject, String effective) {
		return "{\"fullUrl\":\"urn:uuid:" + id + "\",\"resource\":{\"resourceType\":\"Observation\",\"id\":\"" + id
				+ "\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\",\"display\":\"Heart rate\"}]},"
				+ "\"subject\":{\"reference\":\"" + subject + "\"},\"effectiveDateTime\":\"" + effective
				+ "\",\"valueQuantity\":{\"value\":72,\"unit\":\"/min\"}},\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}";
	}

}
