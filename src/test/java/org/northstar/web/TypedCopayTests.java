package org.northstar.web;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.northstar.medication.InvalidAffordabilityException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The copay a coordinator types keeps the currency they gave, and only that. */
class TypedCopayTests {

	@Test
	void keepsTheAmountExactlyAndNoCurrencyWhenNoneIsTyped() {
		assertThat(MedicinesController.copay("45")).satisfies(c -> {
			assertThat(c.amount()).hasToString("45");
			assertThat(c.currency()).isNull();
		});
		assertThat(MedicinesController.copay(" 1,045.50 ").amount()).hasToString("1045.50");
		assertThat(MedicinesController.copay("  ")).isNull();
	}

	@Test
	void readsCommasBetweenThousandsOrAsOneDecimalComma() {
		assertThat(MedicinesController.copay("38,50").amount()).hasToString("38.50");
		assertThat(MedicinesController.copay("12,4 EUR"))
			.isEqualTo(new MedicinesController.TypedCopay(new BigDecimal("12.4"), "EUR"));
		assertThat(MedicinesController.copay("3,850").amount()).hasToString("3850");
		assertThat(MedicinesController.copay("$1,234,567.89").amount()).hasToString("1234567.89");
	}

	@Test
	void keepsTheCurrencyCodeBeforeOrAfterTheAmountAndTheSignAsTyped() {
		assertThat(MedicinesController.copay("45.00 usd"))
			.isEqualTo(new MedicinesController.TypedCopay(new BigDecimal("45.00"), "USD"));
		assertThat(MedicinesController.copay("EUR 12.40").currency()).isEqualTo("EUR");
		assertThat(MedicinesController.copay("$38.5"))
			.isEqualTo(new MedicinesController.TypedCopay(new BigDecimal("38.5"), "$"));
		assertThat(MedicinesController.copay("£ 9").currency()).isEqualTo("£");
	}

	@Test
	void refusesWhatIsNotOneAmountInOneCurrency() {
		for (String typed : new String[] { "USD 45 EUR", "forty", "45 dollars", "$-3", "45.00.1", "38,5,0", "1,04,5",
				"38,50.1", "45." }) {
			assertThatThrownBy(() -> MedicinesController.copay(typed)).as(typed)
				.isInstanceOf(InvalidAffordabilityException.class)
				.hasMessageContaining("'" + typed + "' is not an amount of money");
		}
	}

}
