package org.northstar.medication;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A copay is shown in the currency it was given in, and in no other. */
class CopayTests {

	@Test
	void showsTheAmountAsSentWithTheCurrencyCodeSent() {
		assertThat(new Copay(new BigDecimal("45.00"), "USD", null, "pharmacy").text()).isEqualTo("45.00 USD");
		assertThat(new Copay(new BigDecimal("12.4"), "EUR", null, "pharmacy").text()).isEqualTo("12.4 EUR");
		assertThat(new Copay(new BigDecimal("1500"), "JPY", null, "pharmacy").text()).isEqualTo("1500 JPY");
	}

	@Test
	void inventsNoCurrencyWhenNoneWasSent() {
		assertThat(new Copay(new BigDecimal("7.50"), null, null, "pharmacy").text()).isEqualTo("7.50");
		assertThat(new Copay(new BigDecimal("7.50"), " ", null, "pharmacy").text()).isEqualTo("7.50");
	}

	@Test
	void keepsTheSignACoordinatorTypedBeforeTheAmount() {
		assertThat(new Copay(new BigDecimal("38.5"), "$", null, null).text()).isEqualTo("$38.5");
		assertThat(barrier(new BigDecimal("38.50"), "€").copayText()).isEqualTo("€38.50");
		assertThat(barrier(new BigDecimal("45.00"), "CAD").copayText()).isEqualTo("45.00 CAD");
		assertThat(barrier(new BigDecimal("45.00"), null).copayText()).isEqualTo("45.00");
		assertThat(barrier(null, null).copayText()).isNull();
	}

	private static AffordabilityBarrier barrier(BigDecimal copay, String currency) {
		return new AffordabilityBarrier(1, null, "simvastatin|10 MG", "Simvastatin 10 MG Oral Tablet", copay, currency,
				"said by the patient", List.of(AffordabilityOption.GENERIC), null, null, 1, null, "coordinator",
				Instant.EPOCH);
	}

}
