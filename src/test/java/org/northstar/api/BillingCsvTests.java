package org.northstar.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The month-end CSV's fields, as a spreadsheet will open them. */
class BillingCsvTests {

	@Test
	void quotesFieldsAndDoublesTheirQuotes() {
		assertThat(BillingController.field("Quist, \"Ana\"")).isEqualTo("\"Quist, \"\"Ana\"\"\"");
		assertThat(BillingController.field(null)).isEmpty();
	}

	@Test
	void disarmsWhatASpreadsheetWouldRunAsAFormula() {
		assertThat(BillingController.field("=HYPERLINK(\"http://x\")")).startsWith("\"'=HYPERLINK");
		assertThat(BillingController.field("+1")).isEqualTo("\"'+1\"");
		assertThat(BillingController.field("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
		assertThat(BillingController.field("O'Neil, Ann")).isEqualTo("\"O'Neil, Ann\"");
	}

}
