package org.northstar.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
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
