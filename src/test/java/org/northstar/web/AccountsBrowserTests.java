package org.northstar.web;

import org.junit.jupiter.api.Test;
import org.northstar.security.UserAccounts;
import org.northstar.support.BrowserTest;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts as an administrator and a new coordinator use them, in a real headless
 * Chromium.
 */
class AccountsBrowserTests extends BrowserTest {

	@Autowired
	UserAccounts accounts;

	@Test
	void anAdministratorCreatesAUserWhoChoosesTheirPasswordAtTheFirstSignIn() {
		browser.signIn("admin", ADMIN_PASSWORD).click("Users");
		assertThat(browser.heading()).isEqualTo("Users");
		browser.type("#username", "dana").type("#displayName", "Dana Whitfield, RN");
		browser.find("#new-COORDINATOR").click();
		new Select(browser.find("#team")).selectByVisibleText("North team");
		browser.press("#new-user button[type=submit]");

		assertThat(browser.text()).contains("Created dana.");
		String oneTime = browser.find("#one-time-password code").getText();
		assertThat(oneTime).matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}");
		WebElement row = browser.find("#user-dana");
		assertThat(row.getText()).contains("Dana Whitfield, RN").contains("must choose a password");
		assertThat(new Select(browser.find("#dana-team")).getFirstSelectedOption().getText()).isEqualTo("North team");
		browser.screenshot("users");
		browser.open("/admin/users");
		assertThat(browser.text()).doesNotContain(oneTime);

		browser.signOut().signIn("dana", oneTime);
		assertThat(browser.path()).isEqualTo("/account/password");
		assertThat(browser.text()).contains("Choose your own password before you go on");
		browser.open("/caseload");
		assertThat(browser.path()).isEqualTo("/account/password");

		browser.type("#current", oneTime).type("#password", "dana-in-the-north").type("#repeat", "dana-in-the-north");
		browser.press("form button.primary");
		assertThat(browser.find(".alert.error").getText()).isEqualTo("A password must not contain the user name.");

		browser.type("#current", oneTime)
			.type("#password", "Heron over the marsh at dawn")
			.type("#repeat", "Heron over the marsh at dawn");
		browser.press("form button.primary");

		assertThat(browser.heading()).startsWith("Today");
		assertThat(this.accounts.find("dana").orElseThrow().mustChangePassword()).isFalse();
		browser.signOut().signIn("dana", "Heron over the marsh at dawn");
		assertThat(browser.heading()).startsWith("Today");
	}

	@Test
	void aFailedSignInSaysTheSameWhetherOrNotTheUserExists() {
		browser.open("/login");
		browser.type("#username", "no-such-user").type("#password", "whatever-it-is");
		browser.press("button[type=submit]");
		String unknown = browser.find(".alert.error").getText();

		browser.type("#username", "ana").type("#password", "not-anas-password");
		browser.press("button[type=submit]");

		assertThat(browser.find(".alert.error").getText()).isEqualTo(unknown)
			.isEqualTo("Sign-in failed. Check your user name and password, or ask your administrator.");
	}

}
