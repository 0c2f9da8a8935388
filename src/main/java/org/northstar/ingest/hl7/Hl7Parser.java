package org.northstar.ingest.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/**
 * Parses HL7 v2 text into HAPI's 2.5.1 model, from any number of threads at once.
 *
 * <p>
 * Each thread has a parser of its own. HAPI's {@link PipeParser} fills plain
 * {@code HashMap}s with message structures the first time it meets each one, so
 * connections that parse their first messages at the same moment could corrupt a shared
 * parser: once, under load, a valid A03 was answered AR with a NullPointerException from
 * inside HAPI.
 */
final class Hl7Parser {

	private final ThreadLocal<PipeParser> parsers = ThreadLocal.withInitial(Hl7Parser::newParser);

	Message parse(String text) throws HL7Exception {
		return parserOfThisThread().parse(text);
	}

	PipeParser parserOfThisThread() {
		return this.parsers.get();
	}

	private static PipeParser newParser() {
		// Every version from 2.3 to 2.8 parses into the 2.5.1 model, so one mapping reads
		// them all. Validation is the mapping's job: it says which field is wrong.
		HapiContext context = new DefaultHapiContext(new CanonicalModelClassFactory("2.5.1"));
		context.setValidationContext(ValidationContextFactory.noValidation());
		// With no rules there is nothing to validate, yet HAPI still walks the text and
		// then the whole message looking for rules to apply: a tenth of a parse. Values
		// are still trimmed as the rules above say.
		context.getParserConfiguration().setValidating(false);
		return context.getPipeParser();
	}

}
