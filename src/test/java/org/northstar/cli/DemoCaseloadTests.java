package org.northstar.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.northstar.patient.Patients;
import org.northstar.risk.PersonRisk;
import org.northstar.risk.RiskAssessment;
import org.northstar.risk.RiskBand;
import org.northstar.risk.RiskScores;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.SyntheaPopulation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The demo caseload looks like a real one: adults with chronic conditions and recent
 * hospital use, named as people are, their risk spread across the bands, and one person
 * whose records come from two systems.
 */
class DemoCaseloadTests extends NorthstarTest {

	/** The simulation's end in the sample's command (tools/synthea/README.md). */
	private static final LocalDate SAMPLE_DATE = LocalDate.of(2026, 10, 1);

	/**
	 * Synthea's codes of the chronic conditions the sample is kept for
	 * (tools/synthea/keep/chronic-conditions.json).
	 */
	private static final Set<String> CHRONIC = Set.of("88805009", "84114007", "185086009", "87433001", "44054006",
			"431855005", "431856006", "433144002", "431857002", "46177005");

	@Autowired
	ApplicationContext context;

	@Autowired
	Patients patients;

	@Autowired
	RiskScores risks;

	@Test
	void theSyntheaSampleIsAdultsWithAChronicConditionAndHospitalUseInTheLastYear() {
		List<Path> files = SyntheaPopulation.patientFiles(SyntheaPopulation.SAMPLE);
		assertThat(files).hasSizeGreaterThanOrEqualTo(10);
		for (Path file : files) {
			JsonNode patient = null;
			boolean chronic = false;
			boolean hospital = false;
			for (JsonNode entry : SyntheaPopulation.read(file).path("entry")) {
				JsonNode r = entry.path("resource");
				switch (r.path("resourceType").asText()) {
					case "Patient" -> patient = r;
					case "Condition" ->
						chronic |= CHRONIC.contains(r.path("code").path("coding").path(0).path("code").asText());
					case "Encounter" ->
						hospital |= Set.of("IMP", "EMER").contains(r.path("class").path("code").asText())
								&& !OffsetDateTime.parse(r.path("period").path("start").asText())
									.toLocalDate()
									.isBefore(SAMPLE_DATE.minusMonths(12));
					default -> {
					}
				}
			}
			assertThat(patient).as("the patient of %s", file).isNotNull();
			int age = Period.between(LocalDate.parse(patient.path("birthDate").asText()), SAMPLE_DATE).getYears();
			assertThat(age).as("the age of %s", file).isBetween(40, 90);
			assertThat(chronic).as("a chronic condition in %s", file).isTrue();
			assertThat(hospital).as("hospital use in the last year in %s", file).isTrue();
		}
	}

	@Test
	void namesCarryNoSyntheaNumbers() {
		List<String> names = new ArrayList<>();
		for (Path file : SyntheaPopulation.patientFiles(SyntheaPopulation.SAMPLE)) {
			for (JsonNode entry : SyntheaPopulation.read(file).path("entry")) {
				JsonNode r = entry.path("resource");
				if ("Patient".equals(r.path("resourceType").asText())) {
					for (JsonNode name : r.path("name")) {
						names.add(name.path("family").asText());
						name.path("given").forEach(g -> names.add(g.asText()));
					}
				}
			}
		}
		assertThat(names).isNotEmpty().noneMatch(n -> n.matches(".*\\d.*"));
	}

	@Test
	void laceSpreadsAcrossTheBandsOnceScored() {
		DemoCaseload.load(this.context);
		awaitReactions();

		Map<RiskBand, Integer> lace = new EnumMap<>(RiskBand.class);
		Map<RiskBand, Integer> hospital = new EnumMap<>(RiskBand.class);
		for (String source : List.of(DemoCaseload.STORIES, DemoCaseload.SYNTHEA)) {
			for (PatientId record : this.patients.fromSource(source)) {
				PersonRisk risk = this.risks.forPerson(record);
				count(risk.lace(), lace);
				count(risk.hospital(), hospital);
			}
		}
		System.out.printf("The demo's current scores by band: LACE %s, HOSPITAL %s%n", lace, hospital);
		assertThat(lace).containsKeys(RiskBand.LOW, RiskBand.MODERATE, RiskBand.HIGH);
	}

	/**
	 * With what the hospital sends about three stays (demo/hospital-stays.json), HOSPITAL
	 * is no longer low for everyone: one person in each band, each of the three stays
	 * scored from complete inputs.
	 */
	@Test
	void hospitalSpreadsAcrossTheBandsOnceScored() {
		DemoCaseload.load(this.context);
		awaitReactions();

		Map<RiskBand, Integer> hospital = new EnumMap<>(RiskBand.class);
		for (String source : List.of(DemoCaseload.STORIES, DemoCaseload.SYNTHEA)) {
			for (PatientId record : this.patients.fromSource(source)) {
				count(this.risks.forPerson(record).hospital(), hospital);
			}
		}
		assertThat(hospital).containsEntry(RiskBand.HIGH, 1)
			.containsEntry(RiskBand.INTERMEDIATE, 1)
			.containsKey(RiskBand.LOW);

		RiskAssessment medhurst = hospitalOf("75696ac9-3c66-264c-86b6-cafabe6320db");
		assertThat(medhurst.band()).isEqualTo(RiskBand.HIGH);
		assertThat(medhurst.components()).containsExactly(entry("H", 1), entry("O", 2), entry("S", 1), entry("P", 1),
				entry("IT", 1), entry("A", 0), entry("L", 2));
		assertThat(medhurst.complete()).isTrue();
		assertThat(this.risks.forPerson(syntheaRecord("75696ac9-3c66-264c-86b6-cafabe6320db")).lace().components())
			.as("admitted from the emergency department: LACE's acuity too")
			.containsEntry("A", 3);
		RiskAssessment wehner = hospitalOf("48651f3e-138d-ffd0-8a7e-3160a1a8f775");
		assertThat(wehner.score()).isEqualTo(5);
		assertThat(wehner.band()).isEqualTo(RiskBand.INTERMEDIATE);
		assertThat(wehner.complete()).isTrue();
		RiskAssessment collier = hospitalOf("72015b0d-5e63-7a4c-241a-df156a6b5771");
		assertThat(collier.score()).as("a planned admission, normal results").isEqualTo(3);
		assertThat(collier.band()).isEqualTo(RiskBand.LOW);
		assertThat(collier.complete()).isTrue();
	}

	/**
	 * The demo's additions only add: the named stays gain a priority, a service and an
	 * admit source, and each gains two laboratory results; every other resource and every
	 * other bundle of the sample is imported as Synthea wrote it.
	 */
	@Test
	void theHospitalsAdditionsChangeNothingElseInTheSample() throws Exception {
		List<DemoHospitalStays.Stay> stays = DemoHospitalStays.load();
		Set<String> named = new HashSet<>();
		stays.forEach(s -> named.add(s.encounter()));
		Set<String> amendedStays = new HashSet<>();
		int results = 0;
		ObjectMapper json = new ObjectMapper();
		for (Path file : SyntheaPopulation.files(SyntheaPopulation.SAMPLE)) {
			byte[] original = Files.readAllBytes(file);
			byte[] amended = DemoHospitalStays.amend(original, stays);
			if (amended == original) {
				continue;
			}
			JsonNode before = json.readTree(original).path("entry");
			JsonNode after = json.readTree(amended).path("entry");
			for (int i = 0; i < before.size(); i++) {
				if (before.get(i).equals(after.get(i))) {
					continue;
				}
				ObjectNode encounter = (ObjectNode) after.get(i).path("resource").deepCopy();
				assertThat(encounter.path("resourceType").asText()).as("what changed in %s", file)
					.isEqualTo("Encounter");
				assertThat(named).contains(encounter.path("id").asText());
				amendedStays.add(encounter.path("id").asText());
				encounter.remove(List.of("priority", "serviceType"));
				if (encounter.has("hospitalization")) {
					((ObjectNode) encounter.get("hospitalization")).remove("admitSource");
					if (encounter.get("hospitalization").isEmpty()
							&& !before.get(i).path("resource").has("hospitalization")) {
						encounter.remove("hospitalization");
					}
				}
				assertThat(encounter).as("the stay apart from what was added")
					.isEqualTo(before.get(i).path("resource"));
			}
			for (int i = before.size(); i < after.size(); i++) {
				JsonNode added = after.get(i).path("resource");
				assertThat(added.path("resourceType").asText()).isEqualTo("Observation");
				assertThat(added.path("code").path("coding").path(0).path("code").asText()).isIn("718-7", "2951-2");
				assertThat(added.path("encounter").path("reference").asText().substring("urn:uuid:".length()))
					.isIn(named);
			}
			results += after.size() - before.size();
		}
		assertThat(amendedStays).as("every stay of demo/hospital-stays.json was found").isEqualTo(named);
		assertThat(results).as("a haemoglobin and a sodium for each stay").isEqualTo(2 * stays.size());
	}

	private PatientId syntheaRecord(String patient) {
		return new PatientId(new RecordKey(DemoCaseload.SYNTHEA, "Patient", patient).id());
	}

	private RiskAssessment hospitalOf(String patient) {
		return this.risks.forPerson(syntheaRecord(patient)).hospital();
	}

	@Test
	void tyroneDavisHasRecordsFromTwoSystemsLinkedAsOnePerson() {
		DemoCaseload.load(this.context);

		PatientId hospitalRecord = new PatientId(
				new RecordKey(DemoCaseload.STORIES, "Patient", "dedbcb9e-aaba-492a-bd42-2ac9d530e756").id());
		PatientId clinicRecord = new PatientId(
				new RecordKey(DemoCaseload.EASTSIDE, "Patient", "9f4b6c2e-71a8-4d3c-b5e0-2a6d8f1c3b97").id());
		assertThat(this.patients.linkedRecords(hospitalRecord)).containsExactlyInAnyOrder(hospitalRecord, clinicRecord);
	}

	private static void count(RiskAssessment score, Map<RiskBand, Integer> bands) {
		if (score != null) {
			bands.merge(score.band(), 1, Integer::sum);
		}
	}

}
