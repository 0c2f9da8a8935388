package org.northstar.medication;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import db.migration.V48_1__Medication_uses_of_stored_resources;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.northstar.cli.DemoCaseload;
import org.northstar.clinical.ClinicalResources;
import org.northstar.clinical.MedicationUse;
import org.northstar.clinical.StoredResource;
import org.northstar.ingest.FhirImport;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PatientBundle;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * Adherence and refill gaps read each medicine from its narrow row
 * ({@link MedicationUse}), the medication list and history from the resource's JSON: both
 * must say the same, for every resource stored, whichever way it arrived, and after the
 * upgrade that wrote the rows of resources stored before them.
 */
class MedicationRowsTests extends NorthstarTest {

	private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

	@Autowired
	ClinicalResources resources;

	@Autowired
	RxNormCatalog catalog;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	ApplicationContext context;

	@Autowired
	Medicines medicines;

	/**
	 * The demo caseload, with its Synthea sample: loading it again changes nothing. Not
	 * the sample under a source of this test's own, whose people the matcher would join
	 * to the demo's, changing what other tests see of them.
	 */
	@BeforeEach
	void loadTheDemo() {
		DemoCaseload.load(this.context);
	}

	@Test
	void everyStoredMedicineReadsTheSameFromItsRowAsFromItsJson() {
		List<PatientId> patients = this.jdbc
			.sql("select distinct patient_id from source_resource where resource_type = any(?)")
			.param(MedicationUse.TYPES.toArray(String[]::new))
			.query(UUID.class)
			.list()
			.stream()
			.filter(Objects::nonNull)
			.map(PatientId::new)
			.toList();
		List<MedicationUse.Stored> rows = this.resources.medicationUses(patients, MedicationUse.TYPES);
		Map<UUID, JsonNode> medications = new HashMap<>();
		List<UUID> referred = rows.stream().map(r -> r.use().medication()).filter(Objects::nonNull).toList();
		this.resources.findAll(referred).forEach(m -> medications.put(m.id(), EvidenceReader.read(m.json())));
		EvidenceReader reader = new EvidenceReader(this.catalog, ZoneId.of(PRACTICE_ZONE), medications, Map.of());

		List<Evidence> fromJson = new ArrayList<>();
		for (StoredResource r : this.resources.ofPatients(patients, MedicationUse.TYPES)) {
			reader.read(r).forEach(e -> fromJson.add(withoutWhatOnlyJsonHas(e)));
		}
		List<Evidence> fromRows = rows.stream().map(reader::read).filter(Objects::nonNull).toList();

		assertThat(fromJson).as("the demo's Synthea records' orders, fills and claims").hasSizeGreaterThan(100);
		assertThat(fromJson).filteredOn(e -> e.kind() == Evidence.Kind.CLAIM && e.concept().drugClass() != null)
			.isNotEmpty();
		assertThat(fromRows).containsExactlyInAnyOrderElementsOf(fromJson);
	}

	@Test
	void theUpgradeWritesTheRowsStoringWrites() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try {
				List<List<Object>> stored = rows(connection);
				connection.createStatement().execute("delete from medication_use");

				new V48_1__Medication_uses_of_stored_resources().migrate(new Context() {
					@Override
					public Configuration getConfiguration() {
						return null;
					}

					@Override
					public Connection getConnection() {
						return connection;
					}
				});

				assertThat(stored).hasSizeGreaterThan(100);
				assertThat(rows(connection)).containsExactlyElementsOf(stored);
			}
			finally {
				connection.rollback();
			}
		}
	}

	@Test
	void aChangedFillChangesItsRowAndAMedicationArrivingLaterNamesTheDispense() {
		String source = "rows-" + UUID.randomUUID();
		LocalDate today = LocalDate.now(ZoneId.of(PRACTICE_ZONE));
		PatientBundle record = aPatient("p").named("Dora", "Rowtest").born("1951-04-05").sex("female");
		record.withResource(dispense("d1", today.minusDays(100), 30));
		record.withResource(dispense("d2", today.minusDays(70), 30));
		this.fhirImport.importBundle(record.json(), source, "test");
		List<PatientId> records = List.of(new PatientId(new RecordKey(source, "Patient", "p").id()));
		LocalDate from = today.minusDays(364);

		// The dispenses name a Medication not yet sent: no class, so no adherence.
		assertThat(this.medicines.adherence(records, from, today)).isEmpty();

		PatientBundle again = aPatient("p").named("Dora", "Rowtest").born("1951-04-05").sex("female");
		again.withResource(
				"""
						{"resourceType": "Medication", "id": "atorva",
						 "code": {"coding": [{"system": "%s", "code": "617312", "display": "atorvastatin 40 MG Oral Tablet"}]}}"""
					.formatted(RXNORM));
		again.withResource(dispense("d1", today.minusDays(100), 30));
		again.withResource(dispense("d2", today.minusDays(70), 90));
		this.fhirImport.importBundle(again.json(), source, "test");

		assertThat(this.medicines.adherence(records, from, today)).singleElement().satisfies(statin -> {
			assertThat(statin.fills()).isEqualTo(2);
			// Every day from the first fill to today: the second fill's 90 days, not 30.
			assertThat(statin.daysCovered()).isEqualTo(101);
		});
	}

	@Test
	void aFillClaimedAndExplainedCountsOnceAndAnExplanationAloneCounts() {
		String source = "claims-" + UUID.randomUUID();
		LocalDate today = LocalDate.now(ZoneId.of(PRACTICE_ZONE));
		PatientBundle record = aPatient("p").named("Clara", "Claimtest").born("1950-02-03").sex("female");
		// Two fills claimed and explained alike; a third explained only (a payer that
		// sends no Claims); a fourth whose explanation adjudicated 90 days where the
		// claim asked for 30, on the same day: the longer supply counts.
		for (String type : List.of("Claim", "ExplanationOfBenefit")) {
			record.withResource(pharmacy(type, "a", today.minusDays(200), 30));
			record.withResource(pharmacy(type, "b", today.minusDays(170), 30));
		}
		record.withResource(pharmacy("ExplanationOfBenefit", "c", today.minusDays(140), 30));
		record.withResource(pharmacy("Claim", "d", today.minusDays(110), 30));
		record.withResource(pharmacy("ExplanationOfBenefit", "d", today.minusDays(110), 90));
		this.fhirImport.importBundle(record.json(), source, "test");
		List<PatientId> records = List.of(new PatientId(new RecordKey(source, "Patient", "p").id()));

		assertThat(this.medicines.adherence(records, today.minusDays(364), today)).singleElement().satisfies(statin -> {
			assertThat(statin.fills()).isEqualTo(4);
			// 200 days ago to 21 days ago: 30 + 30 + 30 + 90 days, back to back.
			assertThat(statin.daysCovered()).isEqualTo(180);
			assertThat(statin.daysInPeriod()).isEqualTo(201);
		});
	}

	private static String pharmacy(String type, String id, LocalDate filled, int days) {
		return """
				{"resourceType": "%s", "id": "%s-%s", "status": "active",
				 "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/claim-type", "code": "pharmacy"}]},
				 "patient": {"reference": "Patient/p"}, "created": "%sT10:00:00-05:00",
				 "billablePeriod": {"start": "%sT10:00:00-05:00"},
				 "supportingInfo": [{"sequence": 1,
				   "category": {"coding": [{"system": "http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBSupportingInfoType", "code": "dayssupply"}]},
				   "valueQuantity": {"value": %d}}],
				 "item": [{"sequence": 1, "productOrService": {"coding": [{"system": "%s", "code": "617312",
				   "display": "atorvastatin 40 MG Oral Tablet"}]}}]}"""
			.formatted(type, type.toLowerCase(Locale.ROOT), id, filled, filled, days, RXNORM);
	}

	private static String dispense(String id, LocalDate handedOver, int days) {
		return """
				{"resourceType": "MedicationDispense", "id": "%s", "status": "completed",
				 "medicationReference": {"reference": "Medication/atorva"},
				 "subject": {"reference": "Patient/p"},
				 "whenHandedOver": "%sT11:00:00-05:00", "daysSupply": {"value": %d, "unit": "days"}}""".formatted(id,
				handedOver, days);
	}

	private static List<List<Object>> rows(Connection connection) throws Exception {
		List<List<Object>> rows = new ArrayList<>();
		try (ResultSet rs = connection.createStatement()
			.executeQuery("select * from medication_use order by id, item")) {
			int columns = rs.getMetaData().getColumnCount();
			while (rs.next()) {
				List<Object> row = new ArrayList<>();
				for (int i = 1; i <= columns; i++) {
					row.add(rs.getObject(i));
				}
				rows.add(row);
			}
		}
		return rows;
	}

	private static Evidence withoutWhatOnlyJsonHas(Evidence e) {
		return new Evidence(e.id(), e.kind(), e.source(), e.concept(), e.display(), e.status(), e.date(), e.endDate(),
				null, null, null, List.of(), null, e.daysSupply(), e.receivedAt());
	}

}
