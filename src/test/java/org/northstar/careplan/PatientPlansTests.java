package org.northstar.careplan;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.northstar.shared.PatientId;

import org.northstar.shared.WrittenLanguages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan for the person: every label and every template sentence is written in English,
 * Spanish and Simplified Chinese; another language gets English with a notice; the care
 * team's own words are shown as written.
 */
class PatientPlansTests {

	private final PatientPlans patientPlans = new PatientPlans();

	private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

	@Test
	void everyKeyOfThePageIsWrittenInEnglishSpanishAndChinese() throws IOException {
		Set<String> english = keys("");
		Set<String> spanish = keys("_es");
		Set<String> chinese = keys("_zh");

		assertThat(spanish).as("Spanish").containsExactlyInAnyOrderElementsOf(english);
		assertThat(chinese).as("Chinese").containsExactlyInAnyOrderElementsOf(english);
		for (BarrierKind kind : BarrierKind.values()) {
			assertThat(english).contains("barrier." + kind.name());
		}
	}

	@Test
	void everySentenceOfEveryTemplateIsWrittenInAllThree() throws IOException {
		Set<String> wanted = new PlanTemplates().all()
			.stream()
			.flatMap(t -> t.items().stream())
			.map(i -> PatientPlans.key(i.title()))
			.collect(Collectors.toSet());

		assertThat(wanted).hasSizeGreaterThan(40);
		for (String suffix : List.of("", "_es", "_zh")) {
			assertThat(keys(suffix)).as("patient-plan" + suffix).containsAll(wanted);
		}
	}

	@Test
	void aTemplatePlanIsInChineseAndTheCareTeamsOwnWordsAsWritten() {
		PatientPlan plan = this.patientPlans.of(heartFailurePlan(), null, "zh-CN", "Ana Torres", TODAY);

		assertThat(plan.language()).isEqualTo("zh-Hans");
		assertThat(plan.fallbackNotice()).isNull();
		assertThat(plan.title()).isEqualTo("我的护理计划");
		assertThat(plan.sections().get(0).lines()).extracting(PatientPlan.Line::text)
			.containsExactly("心力衰竭：您的心脏泵血的力量不够。");
		assertThat(plan.sections().get(3).lines()).singleElement().satisfies(l -> {
			assertThat(l.text()).isEqualTo("去看病的交通");
			assertThat(l.detail()).isEqualTo("我们的做法：Book a ride to cardiology");
		});
		assertThat(plan.sections().get(1).lines()).extracting(PatientPlan.Line::asWritten)
			.containsExactly("Walk to the market twice a week");
		assertThat(plan.call()).isEqualTo("有问题吗？请打电话给您的护理协调员Ana Torres。");
	}

	@Test
	void anotherLanguageGetsEnglishWithANotice() {
		PatientPlan plan = this.patientPlans.of(heartFailurePlan(), null, "vi", null, TODAY);

		assertThat(plan.language()).isEqualTo("en");
		assertThat(plan.fallbackNotice()).contains("not yet available in your language (vi)");
		assertThat(plan.sections().get(0).lines()).extracting(PatientPlan.Line::text)
			.containsExactly("Heart failure: your heart does not pump as strongly as it should.");
		assertThat(WrittenLanguages.forPreference("zh-TW")).isNull();
		assertThat(WrittenLanguages.forPreference("es-MX")).isEqualTo("es");
	}

	private static CarePlan heartFailurePlan() {
		return new CarePlan(1, UUID.randomUUID(), new PatientId(UUID.randomUUID()), 3, Instant.EPOCH, "ana",
				Instant.EPOCH, "ana",
				List.of(item(1, PlanItem.Kind.PROBLEM, "Heart failure", null, null, "template:heart-failure"),
						item(2, PlanItem.Kind.GOAL, "Walk to the market twice a week", null, null, null),
						item(3, PlanItem.Kind.BARRIER, "Transport", BarrierKind.TRANSPORT, "Book a ride to cardiology",
								null)));
	}

	private static PlanItem item(long id, PlanItem.Kind kind, String title, BarrierKind barrier, String action,
			String origin) {
		return new PlanItem(id, UUID.randomUUID(), 1, kind, title, barrier, action, "ana", TODAY.plusDays(30),
				ItemStatus.ACTIVE, null, Target.NONE, origin, 1, Instant.EPOCH, "ana", Instant.EPOCH, "ana", List.of());
	}

	private static Set<String> keys(String suffix) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = PatientPlansTests.class
			.getResourceAsStream("/" + PatientPlans.BASENAME + suffix + ".properties")) {
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties.stringPropertyNames();
	}

}
