package org.northstar.web;

import org.junit.jupiter.api.Test;
import org.northstar.careplan.BarrierKind;
import org.northstar.careplan.CarePlan;
import org.northstar.careplan.CarePlans;
import org.northstar.patient.People;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.BrowserTest;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ana builds Mrs. Chen's care plan on her patient page, without leaving it: the
 * heart-failure template, then a weight goal of her own, whose chart shows the 2 kg she
 * gained in a week, and a transport barrier.
 */
class CarePlanBrowserTests extends BrowserTest {

	/** Mrs. Chen of the demo stories. */
	private static final PatientId CHEN = new PatientId(
			new RecordKey("demo", "Patient", "95c986dd-6714-4e55-9084-d97cbbbf49af").id());

	@Autowired
	CarePlans plans;

	@Autowired
	People people;

	@Test
	void anaAppliesTheHeartFailureTemplateAndAddsAGoalAndABarrierInPlace() {
		browser.signIn("ana", "demo-ana-2026").open("/patients/" + CHEN.value());
		browser.awaitText("#care-plan", "Start from a template");
		WebElement page = browser.find("html");
		// Her hospital's plan and goals are shown beside, marked with their source.
		assertThat(browser.find(".imported-plans").getText()).contains("demo");

		new Select(browser.find("#plan-template")).selectByValue("heart-failure");
		browser.find("form.apply-template button").click();
		browser.awaitText("#care-plan .plan-message", "Applied");
		assertThat(browser.find(".plan-intervention").getText()).contains("Weekly weight-check call");

		browser.find("details.add-goal summary").click();
		browser.type("#new-title-GOAL", "Weight within 1 kg of her dry weight")
			.type("#new-goal-low", "60.0")
			.type("#new-goal-high", "62.0")
			.type("#new-due-GOAL", "03012027");
		new Select(browser.find("#new-goal-measure")).selectByValue("29463-7");
		browser.find("details.add-goal button[type=submit]").click();
		browser.awaitText("#care-plan .plan-message", "Weight within 1 kg");
		// Her 2 kg in a week before the cardiology visit, at a glance.
		assertThat(browser.find(".trend .rapid-gain").getText()).startsWith("Gained 2 kg between 11 Nov 2026");

		browser.find("details.add-barrier summary").click();
		new Select(browser.find("#new-barrier-kind")).selectByValue("TRANSPORT");
		browser.type("#new-action-BARRIER", "Book medical transport to cardiology")
			.type("#new-due-BARRIER", "12152026");
		browser.find("details.add-barrier button[type=submit]").click();
		browser.awaitText("#care-plan .plan-barrier", "Book medical transport to cardiology");
		browser.find(".trends h3").click();
		browser.screenshot("care-plan-chen");

		// Still the page first opened: every change was swapped in place.
		assertThat(page.isEnabled()).isTrue();
		CarePlan plan = this.plans.of(this.people.recordsOf(CHEN)).orElseThrow();
		assertThat(plan.goals()).anySatisfy(g -> {
			assertThat(g.title()).isEqualTo("Weight within 1 kg of her dry weight");
			assertThat(g.target().low()).hasToString("60.0");
		});
		assertThat(plan.barriers()).singleElement().satisfies(b -> {
			assertThat(b.barrierKind()).isEqualTo(BarrierKind.TRANSPORT);
			assertThat(b.owner()).isEqualTo("ana");
			assertThat(b.dueOn()).hasToString("2026-12-15");
		});
		assertThat(plan.applied("heart-failure")).isTrue();

		// Her plan for herself, in her preferred language, Chinese, ready to print.
		browser.recordPolicyViolations();
		browser.find("a.patient-plan-link").click();
		browser.awaitVisible("article.patient-plan-body");
		WebElement forHer = browser.find("article.patient-plan-body");
		assertThat(forHer.getAttribute("lang")).isEqualTo("zh-Hans");
		assertThat(forHer.getText()).contains("我的护理计划")
			.contains("心力衰竭：您的心脏泵血的力量不够。")
			.contains("我们每周会给您打电话，谈谈您的体重、浮肿、呼吸和用药。")
			.contains("去看病的交通")
			.contains("Book medical transport to cardiology")
			.doesNotContain("Weekly weight-check call");
		assertThat(browser.all(".fallback-notice")).isEmpty();
		browser.find("a.print-size").click();
		browser.awaitVisible("main.large-print article.patient-plan-body");
		browser.screenshot("care-plan-for-chen-zh");
		assertThat(browser.policyViolations()).isEmpty();
	}

}
