package org.northstar.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTests {

	@Test
	void refusesAPasswordShorterThanTwelveCharacters() {
		assertThatThrownBy(() -> PasswordPolicy.check("ana", "Xq7#mP2!vL9")).isInstanceOf(AccountRefusedException.class)
			.hasMessageContaining("at least 12 characters");
		assertThatCode(() -> PasswordPolicy.check("ana", "Xq7#mP2!vL9z")).doesNotThrowAnyException();
	}

	@Test
	void refusesAPasswordContainingTheUserNameInAnyCase() {
		assertThatThrownBy(() -> PasswordPolicy.check("carla", "My-name-is-CARLA-2026"))
			.isInstanceOf(AccountRefusedException.class)
			.hasMessageContaining("user name");
	}

	@Test
	void refusesCommonPasswordsAlsoWithDigitsOrSymbolsAdded() {
		for (String common : new String[] { "Password2024!!", "!!!Sunshine123456", "iloveyou12345" }) {
			assertThatThrownBy(() -> PasswordPolicy.check("ana", common)).as(common)
				.isInstanceOf(AccountRefusedException.class);
		}
	}

	@Test
	void refusesRunsOfKeysOrLetters() {
		for (String run : new String[] { "1234567890123", "qwertyuiopasdfgh", "3edc4rfv5tgb", "zyxwvutsrqponm" }) {
			assertThatThrownBy(() -> PasswordPolicy.check("ana", run)).as(run)
				.isInstanceOf(AccountRefusedException.class)
				.hasMessageContaining("run of keys");
		}
	}

	@Test
	void refusesOneCharacterOrWordRepeated() {
		assertThatThrownBy(() -> PasswordPolicy.check("ana", "zzzzzzzzzzzzzzzz"))
			.isInstanceOf(AccountRefusedException.class);
		assertThatThrownBy(() -> PasswordPolicy.check("ana", "tomatotomatotomato"))
			.isInstanceOf(AccountRefusedException.class);
	}

	@Test
	void refusesAbsurdlyLongPasswords() {
		assertThatThrownBy(() -> PasswordPolicy.check("ana", "a-b".repeat(50)))
			.isInstanceOf(AccountRefusedException.class)
			.hasMessageContaining("at most 128");
	}

	@Test
	void acceptsAPassphrase() {
		assertThatCode(() -> PasswordPolicy.check("ana", "correct horse battery staple")).doesNotThrowAnyException();
		assertThatCode(() -> PasswordPolicy.check("ana", "Quiet-harbour-lamp-42")).doesNotThrowAnyException();
	}

}
