package org.northstar.caseload;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.northstar.caseload.EmergencyReason.Category;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmergencyReasonTests {

	@Test
	void aReasonFromTheListNeedsNoWordsButOtherDoes() {
		assertThat(EmergencyReason.of("emergency_care", "  ").text()).isEqualTo("Emergency care");
		assertThat(EmergencyReason.of("CARE_TRANSITION", "discharged to us today").text())
			.isEqualTo("Care transition: discharged to us today");
		assertThatThrownBy(() -> EmergencyReason.of("OTHER", "because")).hasMessageContaining("at least 10");
		assertThat(EmergencyReason.of("OTHER", "asked by the ward sister").text())
			.isEqualTo("Other: asked by the ward sister");
	}

	@Test
	void refusesAMissingOrUnknownReasonAndWordsTooLongOrWithControlCharacters() {
		assertThatThrownBy(() -> EmergencyReason.of("", "words")).hasMessage("Choose why you need this record");
		assertThatThrownBy(() -> EmergencyReason.of("CURIOSITY", "words"))
			.hasMessageStartingWith("'CURIOSITY' is not a reason for emergency access: one of EMERGENCY_CARE");
		assertThatThrownBy(() -> EmergencyReason.of("OTHER", "x".repeat(501))).hasMessageContaining("at most 500");
		assertThat(new EmergencyReason(Category.PATIENT_CALLED, "line one\r\nforged: line").words())
			.isEqualTo("line one forged: line");
	}

	@Test
	void anAdministratorCannotBeConfiguredToBreakTheGlass() {
		assertThatThrownBy(
				() -> new PatientAccess(null, null, null, null, Set.of(Role.COORDINATOR, Role.ADMINISTRATOR)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("may name only clinical roles")
			.hasMessageEndingWith("not ADMINISTRATOR");
		UserAccount nurse = new UserAccount("nurse", "Nurse", Set.of(Role.CARE_TEAM_MEMBER), null, true, null, false,
				null);
		assertThat(new PatientAccess(null, null, null, null, Set.of(Role.COORDINATOR)).mayBreakTheGlass(nurse))
			.isFalse();
		assertThat(new PatientAccess(null, null, null, null, Set.of(Role.CARE_TEAM_MEMBER)).mayBreakTheGlass(nurse))
			.isTrue();
	}

}
