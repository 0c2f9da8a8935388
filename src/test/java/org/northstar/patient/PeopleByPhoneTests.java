package org.northstar.patient;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.northstar.ingest.FhirImport;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * The patients an SMS reply comes from, by the digits of the number however it was
 * written, found through an index rather than by reading every patient's phone.
 */
class PeopleByPhoneTests extends NorthstarTest {

	@Autowired
	People people;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void findsThePatientByTheDigitsOfTheNumberWithOrWithoutTheCountryCode() {
		String line = String.valueOf(ThreadLocalRandom.current().nextInt(1000, 10000));
		PatientId patient = aPatientWithThePhone("(998) 555-" + line);

		assertThat(this.people.withPhone("+1 998 555 " + line)).containsExactly(patient);
		assertThat(this.people.withPhone("998.555." + line)).containsExactly(patient);
		assertThat(this.people.withPhone("998 555 " + line.substring(1))).isEmpty();
		assertThat(this.people.withPhone("55-" + line)).as("too few digits to be a number").isEmpty();
	}

	@Test
	void findsThemThroughTheIndexOfPhoneDigits() {
		List<String> plan = this.transactions.execute(status -> {
			this.jdbc.sql("set local enable_seqscan = off").update();
			return this.jdbc
				.sql("explain select id from patient where merged_into is null and phone is not null and "
						+ People.PHONE_DIGITS + " = '9985550123'")
				.query(String.class)
				.list();
		});

		assertThat(String.join("\n", plan)).contains("patient_phone_digits");
	}

	private PatientId aPatientWithThePhone(String phone) {
		String source = "phone-lookup-" + UUID.randomUUID();
		this.fhirImport.importBundle(aPatient("p").named("Tomasz", "Replywell").born("1951-02-03").phone(phone).json(),
				source, "test");
		return new PatientId(new RecordKey(source, "Patient", "p").id());
	}

}
