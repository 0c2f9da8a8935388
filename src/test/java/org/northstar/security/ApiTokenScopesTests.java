package org.northstar.security;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** API tokens carry SMART-style scopes, and only administrators get system/*.read. */
class ApiTokenScopesTests extends NorthstarTest {

	@Autowired
	ApiTokens tokens;

	@Autowired
	UserAccounts accounts;

	@Test
	void keepsTheScopesATokenWasIssuedWith() {
		String token = this.tokens.issue("admin", "scope tests", Duration.ofHours(1), Set.of(ApiScope.PATIENT_READ));

		assertThat(this.tokens.grant(token))
			.hasValueSatisfying(grant -> assertThat(grant.scopes()).containsExactly(ApiScope.PATIENT_READ));
	}

	@Test
	void issuesUserReadAndWriteByDefault() {
		String token = this.tokens.issue("admin", "scope tests", Duration.ofHours(1));

		assertThat(this.tokens.grant(token)).hasValueSatisfying(
				grant -> assertThat(grant.scopes()).containsExactlyInAnyOrder(ApiScope.USER_READ, ApiScope.USER_WRITE));
	}

	@Test
	void refusesSystemReadToAnyoneButAnAdministrator() {
		if (this.accounts.find("scopes-coordinator").isEmpty()) {
			this.accounts.create("scopes-coordinator", "Coordinator", "a-long-password-1", Set.of(Role.COORDINATOR),
					null);
		}

		assertThatThrownBy(() -> this.tokens.issue("scopes-coordinator", "scope tests", Duration.ofHours(1),
				Set.of(ApiScope.SYSTEM_READ)))
			.isInstanceOf(AccountRefusedException.class)
			.hasMessageContaining("administrators");
		assertThat(this.tokens.issue("admin", "scope tests", Duration.ofHours(1), Set.of(ApiScope.SYSTEM_READ)))
			.startsWith("ns_");
	}

	@Test
	void parsesScopesSeparatedBySpacesOrCommasAndRefusesUnknownOnes() {
		assertThat(ApiScope
			.parseAll(List.of("user/*.read user/*.write", "patient/*.read,system/*.read", " system/*.write")))
			.containsExactlyInAnyOrder(ApiScope.values());
		assertThatThrownBy(() -> ApiScope.parseAll(List.of("user/Observation.read")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("user/Observation.read");
	}

}
