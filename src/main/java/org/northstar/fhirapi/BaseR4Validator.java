package org.northstar.fhirapi;

import java.time.Duration;
import java.util.List;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.northstar.reactions.Foreground;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Validates what clients write against base FHIR R4 with HAPI's instance validator. The
 * validator is built on first use: it loads the R4 definitions, which takes seconds.
 */
@Component
class BaseR4Validator {

	private static final Logger log = LoggerFactory.getLogger(BaseR4Validator.class);

	/**
	 * How long the HL7 feed must have been quiet before the validator is built in the
	 * background: an interface engine that reconnects at once after a restart sends its
	 * backlog first.
	 */
	private static final Duration FEED_QUIET = Duration.ofSeconds(5);

	/** Built by then however busy the feed: a steady feed leaves the cores room. */
	private static final Duration AT_THE_LATEST = Duration.ofMinutes(2);

	private final Foreground foreground;

	private volatile FhirValidator validator;

	BaseR4Validator(Foreground foreground) {
		this.foreground = foreground;
	}

	/**
	 * Builds the validator in the background once the application is up, so the first
	 * client to write does not wait for it. Building it takes both cores for seconds (5 s
	 * of CPU, measured), so it waits for the HL7 feed to be quiet for a moment first
	 * ({@link Foreground#awaitIdle}); a client that writes before then builds it.
	 */
	@org.springframework.context.event.EventListener
	void warmUp(org.springframework.boot.context.event.ApplicationReadyEvent event) {
		if (!(event
			.getApplicationContext() instanceof org.springframework.boot.web.server.context.WebServerApplicationContext)) {
			return; // import, token...: no server, nobody to write a Task
		}
		Thread thread = new Thread(() -> {
			try {
				this.foreground.awaitIdle(FEED_QUIET, AT_THE_LATEST);
			}
			catch (InterruptedException ex) {
				return; // shutting down
			}
			requireValidQuietly();
		}, "fhir-validator-warm-up");
		thread.setDaemon(true);
		thread.setPriority(Thread.MIN_PRIORITY);
		thread.start();
	}

	private void requireValidQuietly() {
		long started = System.nanoTime();
		try {
			validator().validateWithResult(new org.hl7.fhir.r4.model.Task());
			log.info("FHIR validator ready, built in the background in {} ms",
					Duration.ofNanos(System.nanoTime() - started).toMillis());
		}
		catch (RuntimeException ex) {
			// The first real validation builds it again and reports what fails.
		}
	}

	/**
	 * @throws UnprocessableEntityException (422) with every error found, as an
	 * OperationOutcome
	 */
	void requireValid(Resource resource) {
		ValidationResult result = validator().validateWithResult(resource);
		List<SingleValidationMessage> errors = result.getMessages()
			.stream()
			.filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
			.toList();
		if (errors.isEmpty()) {
			return;
		}
		OperationOutcome outcome = new OperationOutcome();
		for (SingleValidationMessage error : errors) {
			OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(OperationOutcome.IssueType.PROCESSING)
				.setDiagnostics(error.getMessage());
			if (error.getLocationString() != null) {
				issue.addExpression(error.getLocationString());
			}
		}
		throw new UnprocessableEntityException(resource.fhirType() + " is not valid FHIR R4: "
				+ errors.get(0).getMessage() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""),
				outcome);
	}

	private FhirValidator validator() {
		FhirValidator current = this.validator;
		if (current == null) {
			synchronized (this) {
				current = this.validator;
				if (current == null) {
					var fhir = FhirServerConfiguration.FHIR;
					ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(fhir),
							new InMemoryTerminologyServerValidationSupport(fhir),
							new CommonCodeSystemsTerminologyService(fhir));
					FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
					current = fhir.newValidator().registerValidatorModule(instanceValidator);
					this.validator = current;
				}
			}
		}
		return current;
	}

}
