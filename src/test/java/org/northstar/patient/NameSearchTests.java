package org.northstar.patient;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.shared.PatientId;

import static org.assertj.core.api.Assertions.assertThat;

/** The caseload search, as coordinators type it. */
class NameSearchTests {

	private final NameSearch search = NameSearch.withShippedNicknames();

	private static final PatientSummary JAMES_WALKER = patient("Walker", "James Robert");

	private static final PatientSummary AMINA_HASSAN = patient("Hassan", "Amina");

	private static final PatientSummary MARIA_GONZALEZ = patient("González", "María José");

	private static final PatientSummary SEAN_OBRIEN = patient("O'Brien-Walsh", "Seán");

	@Test
	void findsAGivenNameByItsNickname() {
		assertThat(this.search.matches("Jim", JAMES_WALKER, List.of())).isTrue();
		assertThat(this.search.matches("Bob Walker", JAMES_WALKER, List.of())).isTrue();
		assertThat(this.search.matches("Bill", JAMES_WALKER, List.of())).isFalse();
	}

	@Test
	void readsACommaAsFamilyNameThenGiven() {
		assertThat(this.search.matches("Walker, James", JAMES_WALKER, List.of())).isTrue();
		assertThat(this.search.matches("walker,jim", JAMES_WALKER, List.of())).isTrue();
		assertThat(this.search.matches("James, Walker", JAMES_WALKER, List.of())).isFalse();
	}

	@Test
	void takesGivenAndFamilyInEitherOrder() {
		assertThat(this.search.matches("Amina Hassan", AMINA_HASSAN, List.of())).isTrue();
		assertThat(this.search.matches("hassan amina", AMINA_HASSAN, List.of())).isTrue();
		assertThat(this.search.matches("Amina Hasan", AMINA_HASSAN, List.of())).isFalse();
	}

	@Test
	void ignoresAccentsCaseApostrophesAndHyphens() {
		assertThat(this.search.matches("Gonzalez", MARIA_GONZALEZ, List.of())).isTrue();
		assertThat(this.search.matches("maria jose gonz", MARIA_GONZALEZ, List.of())).isTrue();
		assertThat(this.search.matches("GONZÁLEZ", MARIA_GONZALEZ, List.of())).isTrue();
		assertThat(this.search.matches("obrien", SEAN_OBRIEN, List.of())).isTrue();
		assertThat(this.search.matches("Walsh, Sean", SEAN_OBRIEN, List.of())).isTrue();
	}

	@Test
	void findsPartOfAnIdentifierButNotTooShortAPart() {
		List<String> identifiers = List.of("MRN-0048213", "999-12-3456");

		assertThat(this.search.matches("48213", AMINA_HASSAN, identifiers)).isTrue();
		assertThat(this.search.matches("mrn-004", AMINA_HASSAN, identifiers)).isTrue();
		assertThat(this.search.matches("48", AMINA_HASSAN, identifiers)).isFalse();
	}

	@Test
	void readsTheNicknameListWithCommentsAndAccents() {
		var variants = NameSearch.nicknames(List.of("# a comment", "José, Pepe  # trailing", ""));

		assertThat(variants.get("pepe")).containsExactlyInAnyOrder("jose", "pepe");
	}

	private static PatientSummary patient(String family, String given) {
		return new PatientSummary(new PatientId(UUID.randomUUID()), family, given, null, null, null, false, false);
	}

}
