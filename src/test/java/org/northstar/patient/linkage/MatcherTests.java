package org.northstar.patient.linkage;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.patient.PatientRecord;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;

import static org.assertj.core.api.Assertions.assertThat;

class MatcherTests {

	@Test
	void nicknamesAgreePartly() {
		assertThat(Comparators.givenName("BILL", "WILLIAM")).isEqualTo(Agreement.PARTIAL);
		assertThat(Comparators.givenName("LIZ", "ELIZABETH")).isEqualTo(Agreement.PARTIAL);
		assertThat(Comparators.givenName("BART", "BARTHOLOMEW")).isEqualTo(Agreement.PARTIAL);
		assertThat(Comparators.givenName("WILLIAM", "ROBERT")).isEqualTo(Agreement.DISAGREE);
	}

	@Test
	void aTypoOrSoundAlikeInANameAgreesPartly() {
		assertThat(Comparators.familyName("SCHIMMEL", "SCHIMEL")).isEqualTo(Agreement.PARTIAL);
		assertThat(Comparators.familyName("KOWALSKI", "KOVALSKI")).isEqualTo(Agreement.PARTIAL);
		assertThat(Comparators.givenName("JENNIFER", "JENIFER")).isEqualTo(Agreement.PARTIAL);
		assertThat(Comparators.familyName("SMITH", "GONZALEZ")).isEqualTo(Agreement.DISAGREE);
	}

	@Test
	void aMiddleNameUsedAsTheFirstOrAnInitialAgreesPartly() {
		assertThat(Comparators.givenName("JAMES ARTHUR", "ARTHUR")).isEqualTo(Agreement.PARTIAL);
		assertThat(Comparators.givenName("J", "JAMES")).isEqualTo(Agreement.PARTIAL);
	}

	@Test
	void namesAreComparedWithoutAccentsDigitsOrPunctuation() {
		assertThat(LinkageRecord.name("María-José")).isEqualTo("MARIA JOSE");
		assertThat(LinkageRecord.name("O'Connell601")).isEqualTo("OCONNELL");
	}

	@Test
	void swappedDayAndMonthOrATransposedDigitInTheBirthDateAgreePartly() {
		LocalDate born = LocalDate.of(1994, 7, 11);
		assertThat(Comparators.birthDate(born, LocalDate.of(1994, 11, 7))).isEqualTo(Agreement.PARTIAL);
		assertThat(Comparators.birthDate(born, LocalDate.of(1949, 7, 11))).isEqualTo(Agreement.PARTIAL);
		assertThat(Comparators.birthDate(born, LocalDate.of(1994, 7, 17))).isEqualTo(Agreement.PARTIAL);
		assertThat(Comparators.birthDate(born, LocalDate.of(1988, 3, 2))).isEqualTo(Agreement.DISAGREE);
	}

	@Test
	void aBirthYearOrMonthIsNoEvidenceAboutTheDay() {
		RecordKey key = new RecordKey("hl7:GENHOSP", "Patient", "GENHOSP|MRN-1");
		PatientRecord yearOnly = new PatientRecord(new PatientId(key.id()), key, "Quill", "Harriet",
				LocalDate.of(1985, 1, 1), "female", false, null, false, null, null, null, null, null, null, List.of(),
				List.of(), ChronoUnit.YEARS);

		assertThat(LinkageRecord.of(yearOnly).birthDate()).isNull();
		assertThat(LinkageRecord
			.of(new PatientRecord(yearOnly.id(), key, "Quill", "Harriet", LocalDate.of(1985, 1, 1), "female", false,
					null, false, null, null, null, null, null, null, List.of()))
			.birthDate()).isEqualTo(LocalDate.of(1985, 1, 1));
	}

	@Test
	void phonesAndIdentifiersAllowOneSlipOfTheKey() {
		assertThat(Comparators.exactOrTypo("5559148564", "5559148546")).isEqualTo(Agreement.PARTIAL);
		assertThat(Comparators.exactOrTypo("5559148564", "5551234567")).isEqualTo(Agreement.DISAGREE);
	}

	@Test
	void rareAgreementsWeighMoreThanCommonOnes() {
		assertThat(Weights.DEFAULT.of(Field.BIRTH_DATE, Agreement.AGREE))
			.isGreaterThan(Weights.DEFAULT.of(Field.FAMILY_NAME, Agreement.AGREE))
			.isGreaterThan(Weights.DEFAULT.of(Field.SEX, Agreement.AGREE));
		assertThat(Weights.DEFAULT.of(Field.GIVEN_NAME, Agreement.DISAGREE)).isNegative();
		assertThat(Weights.DEFAULT.of(Field.PHONE, Agreement.MISSING)).isZero();
	}

	@Test
	void aSharedSsnLinksDeterministically() {
		LinkageRecord a = person("Mei", "Chen", "1948-03-12").ssn("999-12-3456").build();
		LinkageRecord b = person("Mei", "Chen", "1948-03-12").address("9 Elm St", "02139")
			.phone(null)
			.ssn("999123456")
			.build();

		Comparison c = Matcher.DEFAULT.compare(a, b);

		assertThat(c.sharedIdentifier()).isTrue();
		assertThat(c.decision()).isEqualTo(Decision.LINK);
	}

	@Test
	void aTypoAndANicknameStillLinkOnTheRestOfTheRecord() {
		LinkageRecord a = person("William", "Schimmel", "1961-04-09").build();
		LinkageRecord b = person("Bill", "Schimel", "1961-04-09").build();

		Comparison c = Matcher.DEFAULT.compare(a, b);

		assertThat(c.agreement(Field.GIVEN_NAME)).isEqualTo(Agreement.PARTIAL);
		assertThat(c.decision()).isEqualTo(Decision.LINK);
	}

	@Test
	void twinsAreNotLinked() {
		LinkageRecord anna = person("Anna", "Kuhn", "2001-06-30").ssn("999-11-1111").build();
		LinkageRecord ella = person("Ella", "Kuhn", "2001-06-30").ssn("999-22-2222").build();
		LinkageRecord ellaWithoutSsn = person("Ella", "Kuhn", "2001-06-30").build();
		LinkageRecord ellaWithTheNextSsn = person("Ella", "Kuhn", "2001-06-30").ssn("999-11-1112").build();

		assertThat(Matcher.DEFAULT.compare(anna, ella).decision()).isEqualTo(Decision.NO_LINK);
		assertThat(Matcher.DEFAULT.compare(anna, ellaWithTheNextSsn).decision()).isEqualTo(Decision.NO_LINK);
		assertThat(Matcher.DEFAULT.compare(anna, ellaWithoutSsn).decision()).isNotEqualTo(Decision.LINK);
	}

	@Test
	void aFatherAndSonOfTheSameNameAtOneAddressAreNotLinked() {
		LinkageRecord father = person("Robert", "Johnson", "1965-07-22").build();
		LinkageRecord son = person("Robert", "Johnson", "1992-01-15").build();

		assertThat(Matcher.DEFAULT.compare(father, son).decision()).isNotEqualTo(Decision.LINK);
	}

	@Test
	void strangersWithTheSameNameAreNotLinked() {
		LinkageRecord one = person("John", "Smith", "1970-01-01").build();
		LinkageRecord other = person("John", "Smith", "1983-09-17").address("4 Oak Ave", "01002")
			.phone("555-777-1234")
			.build();

		assertThat(Matcher.DEFAULT.compare(one, other).decision()).isEqualTo(Decision.NO_LINK);
	}

	@Test
	void recordsThatDescribeOnePersonShareABlockingKey() {
		LinkageRecord a = person("Jennifer", "Rolfson", "1980-05-03").build();
		LinkageRecord moved = person("Jenny", "Rolfsen", "1980-03-05").address("1 New Rd", "01999").phone(null).build();

		assertThat(Blocking.keys(a)).containsAnyElementsOf(Blocking.keys(moved));
	}

	static Builder person(String given, String family, String born) {
		return new Builder(given, family, LocalDate.parse(born));
	}

	static final class Builder {

		private final String given;

		private final String family;

		private final LocalDate born;

		private String line = "12 Main St";

		private String postal = "01835";

		private String phone = "555-914-8564";

		private final List<PatientRecord.Identifier> identifiers = new ArrayList<>();

		Builder(String given, String family, LocalDate born) {
			this.given = given;
			this.family = family;
			this.born = born;
		}

		Builder address(String line, String postal) {
			this.line = line;
			this.postal = postal;
			return this;
		}

		Builder phone(String phone) {
			this.phone = phone;
			return this;
		}

		Builder ssn(String ssn) {
			this.identifiers.add(new PatientRecord.Identifier("http://hl7.org/fhir/sid/us-ssn", ssn, "SS"));
			return this;
		}

		LinkageRecord build() {
			return LinkageRecord.of(UUID.randomUUID(), "test", this.family, this.given, this.born, null, this.line,
					this.postal, this.phone, null, this.identifiers);
		}

	}

}
