package org.northstar.careplan;

import java.math.BigDecimal;
import java.time.LocalDate;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.junit.jupiter.api.Test;
import org.northstar.careplan.PlanItem.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The templates kept as FHIR PlanDefinitions, read into what applying them makes. */
class PlanTemplatesTests {

	private final PlanTemplates templates = new PlanTemplates();

	@Test
	void readsEveryProgramTheIssueNames() {
		assertThat(this.templates.all()).extracting(PlanTemplate::id)
			.containsExactlyInAnyOrder("heart-failure", "type-2-diabetes", "copd", "ckd-dialysis", "after-discharge",
					"oncology-navigation");
	}

	@Test
	void heartFailureMakesItsProblemMeasuredGoalsAndOwnedInterventions() {
		PlanTemplate hf = this.templates.find("heart-failure").orElseThrow();

		assertThat(hf.items(Kind.PROBLEM)).singleElement()
			.satisfies(p -> assertThat(p.conditionCode()).isEqualTo("84114007"));
		assertThat(hf.items(Kind.GOAL)).anySatisfy(g -> {
			assertThat(g.target().measureCode()).isEqualTo("33762-6");
			assertThat(g.target().high()).isEqualByComparingTo("1000");
			assertThat(g.dueInDays()).isEqualTo(180);
		});
		assertThat(hf.items(Kind.INTERVENTION)).extracting(PlanTemplate.TemplateItem::title)
			.contains("Weekly weight-check call", "Daily weights and symptom diary");
		assertThat(hf.items(Kind.INTERVENTION)).allSatisfy(i -> assertThat(i.owner()).isNotBlank());
	}

	@Test
	void keepsEveryDigitOfATarget() {
		PlanTemplate diabetes = this.templates.find("type-2-diabetes").orElseThrow();

		assertThat(diabetes.items(Kind.GOAL))
			.anySatisfy(g -> assertThat(g.target().high()).isEqualTo(new BigDecimal("7.0")));
	}

	@Test
	void appliedItemsAreDueFromTheDayAndSayWhereTheyCameFrom() {
		LocalDate today = LocalDate.of(2026, 12, 1);

		assertThat(this.templates.find("after-discharge").orElseThrow().drafts(today)).anySatisfy(d -> {
			assertThat(d.title()).isEqualTo("Contact within two business days");
			assertThat(d.dueOn()).isEqualTo(LocalDate.of(2026, 12, 3));
		}).allSatisfy(d -> assertThat(d.origin()).isEqualTo("template:after-discharge"));
	}

	@Test
	void everyTemplateIsValidFhirR4() {
		FhirContext fhir = FhirContext.forR4Cached();
		ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(fhir),
				new InMemoryTerminologyServerValidationSupport(fhir), new CommonCodeSystemsTerminologyService(fhir));
		FhirValidator validator = fhir.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));

		for (PlanTemplate template : this.templates.all()) {
			ValidationResult result = validator.validateWithResult(this.templates.bundle(template.id()).orElseThrow());
			assertThat(result.getMessages()).as(template.id())
				.filteredOn(
						m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
				.isEmpty();
		}
	}

	@Test
	void refusesATemplateWhoseActionNamesNoActivity() {
		String broken = """
				{"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {
				  "resourceType": "PlanDefinition", "id": "x", "title": "X", "status": "active",
				  "action": [{"title": "Call", "definitionCanonical": "https://example.org/ActivityDefinition/none"}]}}]}""";

		assertThatThrownBy(() -> PlanTemplates.read(broken, "x.json")).hasMessageContaining(
				"x.json: no ActivityDefinition has the url https://example.org/ActivityDefinition/none");
	}

}
