package org.northstar.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.northstar.NorthstarApplication;
import org.northstar.patient.PatientRecord;
import org.northstar.patient.Patients;
import org.northstar.patient.RecordLinkage;
import org.northstar.patient.linkage.LinkageRecord;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Record linkage in the database: {@code RecordLinkage.linkAll} over a population of the
 * linkage test set stored as patient rows, and then what linking adds to an import,
 * {@code linkRecords} for batches of new records (as the importer calls it once per
 * bundle).
 *
 * <p>
 * Usage: {@code LinkageDatabaseBenchmark [records] [batch]}.
 */
public final class LinkageDatabaseBenchmark {

	private LinkageDatabaseBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int records = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
		int batch = args.length > 1 ? Integer.parseInt(args[1]) : 100;
		int batches = 5;
		List<LinkageRecord> set = new LinkageTestSet(7).generate(records + batch * batches).records();
		Path dataDir = Files.createTempDirectory("northstar-linkage-bench");
		try (ConfigurableApplicationContext context = new SpringApplication(NorthstarApplication.class).run(
				"--northstar.data-dir=" + dataDir, "--server.port=0", "--logging.level.root=WARN",
				"--northstar.hl7.enabled=false", "--northstar.admin-password=bench-password-2026")) {
			Patients patients = context.getBean(Patients.class);
			RecordLinkage linkage = context.getBean(RecordLinkage.class);
			TransactionTemplate tx = context.getBean(TransactionTemplate.class);
			int stored = Math.min(records, set.size() - batch * batches);
			for (int from = 0; from < stored; from += 2000) {
				List<PatientRecord> chunk = set.subList(from, Math.min(stored, from + 2000))
					.stream()
					.map(LinkageDatabaseBenchmark::patientRecord)
					.toList();
				tx.executeWithoutResult(s -> patients.record(chunk));
			}
			long started = System.nanoTime();
			RecordLinkage.Run all = linkage.linkAll();
			System.out.printf("linkAll: %,d records, %,d candidate pairs, %,d linked, %,d queued in %,d ms%n",
					all.records(), all.compared(), all.linked(), all.queued(),
					(System.nanoTime() - started) / 1_000_000);
			for (int b = 0; b < batches; b++) {
				List<PatientRecord> chunk = set.subList(stored + b * batch, stored + (b + 1) * batch)
					.stream()
					.map(LinkageDatabaseBenchmark::patientRecord)
					.toList();
				List<PatientId> ids = chunk.stream().map(PatientRecord::id).toList();
				long batchStarted = System.nanoTime();
				RecordLinkage.Run run = tx.execute(s -> {
					patients.record(chunk);
					long linking = System.nanoTime();
					RecordLinkage.Run r = linkage.linkRecords(ids);
					System.out.printf(
							"  linkRecords: %d new records, %d pairs, %d linked, %d queued: %.1f ms (%.2f ms per record); ",
							r.records(), r.compared(), r.linked(), r.queued(), (System.nanoTime() - linking) / 1e6,
							(System.nanoTime() - linking) / 1e6 / r.records());
					return r;
				});
				System.out.printf("with storing them %.1f ms%n", (System.nanoTime() - batchStarted) / 1e6);
			}
		}
	}

	private static PatientRecord patientRecord(LinkageRecord r) {
		List<PatientRecord.Identifier> identifiers = new ArrayList<>();
		for (String identifier : r.identifiers()) {
			int bar = identifier.indexOf('|');
			identifiers
				.add(new PatientRecord.Identifier(identifier.substring(0, bar), identifier.substring(bar + 1), "MR"));
		}
		if (r.ssn() != null) {
			identifiers.add(new PatientRecord.Identifier("http://hl7.org/fhir/sid/us-ssn", r.ssn(), "SS"));
		}
		RecordKey key = new RecordKey(r.source(), "Patient", r.id().toString());
		return new PatientRecord(new PatientId(key.id()), key, r.family(), r.given(), r.birthDate(), r.sex(), false,
				null, false, r.phone(), r.email(), r.addressLine(), null, null, r.postalCode(), identifiers);
	}

}
