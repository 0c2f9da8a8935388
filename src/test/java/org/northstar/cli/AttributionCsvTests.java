package org.northstar.cli;

import org.junit.jupiter.api.Test;
import org.northstar.caseload.Assignments.ListLine;

import static org.assertj.core.api.Assertions.assertThat;

/** Attribution lists as spreadsheets and payers really write them. */
class AttributionCsvTests {

	private static final String HEADER = "identifier system,identifier value,coordinator,program";

	@Test
	void readsQuotedCommasAndDoubledQuotesWithTheLineEachEntryStartsOn() {
		AttributionCsv.Read read = AttributionCsv
			.read(HEADER + "\n" + "urn:mrn,\"A,1\",ana,\"Heart failure, stage \"\"C\"\"\"\n" + "urn:mrn,B2,ben,\n");

		assertThat(read.problems()).isEmpty();
		assertThat(read.lines()).containsExactly(new ListLine(2, "urn:mrn", "A,1", "ana", "Heart failure, stage \"C\""),
				new ListLine(3, "urn:mrn", "B2", "ben", null));
	}

	@Test
	void takesAByteOrderMarkCrlfAndBlankLinesAndCountsLinesAsAnEditorDoes() {
		AttributionCsv.Read read = AttributionCsv.read("\uFEFF" + HEADER + "\r\n\r\n" + "urn:mrn,A1,ana,CHF\r\n"
				+ "urn:mrn,\"B\r\n2\",ben,COPD\r\n" + "\r\n" + "urn:mrn,C3,carla,CHF\r\n");

		assertThat(read.problems()).isEmpty();
		assertThat(read.lines()).extracting(ListLine::line).containsExactly(3, 4, 7);
		assertThat(read.lines()).extracting(ListLine::identifierValue).containsExactly("A1", "B\r\n2", "C3");
	}

	@Test
	void reportsMalformedLinesByLineAndColumn() {
		AttributionCsv.Read read = AttributionCsv
			.read(HEADER + "\n" + "urn:mrn,A1,ana\n" + "urn:mrn,,ana,CHF\n" + "urn:mrn,A3,ana,CHF,extra\n");

		assertThat(read.lines()).isEmpty();
		assertThat(read.problems()).extracting(Object::toString)
			.containsExactly(
					"line 2: expected 4 columns (identifier system, identifier value, coordinator, program), found 3",
					"line 3, identifier value: empty; every line needs it",
					"line 4: expected 4 columns (identifier system, identifier value, coordinator, program), found 5");
	}

	@Test
	void refusesAListWithoutTheHeaderRow() {
		AttributionCsv.Read read = AttributionCsv.read("urn:mrn,A1,ana,CHF\n");

		assertThat(read.lines()).isEmpty();
		assertThat(read.problems()).singleElement()
			.hasToString("line 1: the first row must name the columns identifier system, identifier value, "
					+ "coordinator, program; it has urn:mrn, A1, ana, CHF");
	}

	@Test
	void reportsBrokenQuotingAtItsLine() {
		AttributionCsv.Read read = AttributionCsv
			.read(HEADER + "\n" + "urn:mrn,A1,ana,CHF\n" + "urn:mrn,\"A\"2,ana,CHF\n");

		assertThat(read.problems()).singleElement().satisfies(p -> {
			assertThat(p.line()).isEqualTo(3);
			assertThat(p.message()).startsWith("the quoting is broken");
		});
	}

}
