package org.northstar.web;

import org.junit.jupiter.api.Test;
import org.northstar.patient.PatientQuery;
import org.northstar.patient.Patients;
import org.northstar.support.BrowserTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mrs. Chen's furosemide change (20 mg to 40 mg, with the cardiologist's reason), from
 * the patient page's medicines section to the explanation printed for her in Chinese.
 */
class MedicinesBrowserTests extends BrowserTest {

	@Autowired
	Patients patients;

	@Test
	void coordinatorExplainsMrsChensFurosemideChangeInChinese() {
		String chen = this.patients
			.search(new PatientQuery(null, null, null, null, "Chen", null, null, null, null, null, 0, 1))
			.patients()
			.get(0)
			.value()
			.toString();
		browser.recordPolicyViolations();

		browser.signIn("ana", "demo-ana-2026").open("/patients/" + chen);
		browser.awaitText("#medicines-list", "furosemide: dose changed from 20 mg to 40 mg");

		String section = browser.find("#medicines-list").getText();
		assertThat(section).contains("apixaban 5 MG Oral Tablet").contains("high risk");
		assertThat(browser.find("li.change-dose_changed").getText())
			.contains("Weight gain 2 kg in one week with ankle edema")
			.contains("Dr. Aisha Rahman");
		browser.screenshot("medicines-section");

		browser.find("li.change-dose_changed a.explain").click();
		browser.awaitVisible("article.explanation");

		assertThat(browser.find("article.explanation").getAttribute("lang")).isEqualTo("zh-Hans");
		assertThat(browser.find("article.explanation").getText()).contains("您的 furosemide 剂量已从 20 mg 改为 40 mg。")
			.contains("Weight gain 2 kg in one week with ankle edema")
			.contains("利尿药");
		browser.screenshot("medicines-explanation-zh");
		assertThat(browser.policyViolations()).isEmpty();
	}

}
