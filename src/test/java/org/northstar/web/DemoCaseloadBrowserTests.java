package org.northstar.web;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.northstar.support.BrowserTest;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo as a coordinator first sees it: a person whose records come from two systems
 * is one row on her caseload, and his page shows both records and how they were linked.
 */
class DemoCaseloadBrowserTests extends BrowserTest {

	@Test
	void aPersonWithRecordsFromTwoSystemsIsOneRowAndHisPageShowsBoth() {
		browser.signIn("ben", "demo-ben-2026").open("/caseload");

		List<WebElement> davis = browser.all("tbody tr")
			.stream()
			.filter(row -> row.getText().contains("Davis"))
			.toList();
		assertThat(davis).hasSize(1);
		String page = davis.get(0).findElement(By.cssSelector("a")).getDomAttribute("href");
		browser.open(URI.create(page).getPath());

		assertThat(browser.heading()).startsWith("Davis, Tyrone");
		assertThat(browser.find("#source-records summary").getText())
			.isEqualTo("Records from 2 sources (2 records linked as one person)");
		List<String> records = browser.all("#source-records tbody tr").stream().map(WebElement::getText).toList();
		assertThat(records).anySatisfy(r -> assertThat(r).startsWith("demo ").contains("RGH00587466"));
		assertThat(records).anySatisfy(r -> assertThat(r).startsWith("demo-eastside ")
			.contains("Davis, Tyron")
			.doesNotContain("Tyrone")
			.contains("ECH-0041377"));
		// Both addresses: the clinic does not know he has moved.
		assertThat(browser.find("section.patient-header").getText()).contains("1533 Oakwood Avenue")
			.contains("88 Livingston Avenue");
		browser.screenshot("demo-linked-person");
	}

}
