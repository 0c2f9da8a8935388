package org.northstar.patient.linkage;

import java.util.EnumMap;
import java.util.Map;

/**
 * Fellegi–Sunter weights: for each field and level of agreement, log2(m/u), where m is
 * the chance of that level between two records of the same person and u between two
 * records of different people. Agreement on a rare value (a birth date, a phone number)
 * weighs much more than agreement on a common one (sex); missing fields weigh nothing.
 */
final class Weights {

	private final Map<Field, double[]> weights = new EnumMap<>(Field.class);

	private Weights() {
	}

	/**
	 * m and u per field for AGREE, PARTIAL and DISAGREE, estimated for registration data
	 * of a US region and tuned on the generated test set (docs/benchmarks.md).
	 */
	static final Weights DEFAULT = new Weights().field(Field.FAMILY_NAME, 0.91, 0.003, 0.07, 0.01, 0.02, 0.987)
		.field(Field.GIVEN_NAME, 0.85, 0.005, 0.13, 0.02, 0.02, 0.975)
		.field(Field.BIRTH_DATE, 0.93, 0.0002, 0.06, 0.003, 0.01, 0.9968)
		.field(Field.SEX, 0.98, 0.5, 0, 1, 0.02, 0.5)
		.field(Field.ADDRESS, 0.70, 0.001, 0.12, 0.03, 0.18, 0.969)
		.field(Field.PHONE, 0.70, 0.0002, 0.05, 0.001, 0.25, 0.9988)
		.field(Field.EMAIL, 0.65, 0.0001, 0.05, 0.0005, 0.30, 0.9994)
		.field(Field.SSN, 0.96, 0.00001, 0.03, 0.0002, 0.01, 0.99979);

	private Weights field(Field field, double mAgree, double uAgree, double mPartial, double uPartial, double mDisagree,
			double uDisagree) {
		this.weights.put(field, new double[] { log2(mAgree / uAgree), mPartial == 0 ? 0 : log2(mPartial / uPartial),
				log2(mDisagree / uDisagree) });
		return this;
	}

	double of(Field field, Agreement agreement) {
		return switch (agreement) {
			case AGREE -> this.weights.get(field)[0];
			case PARTIAL -> this.weights.get(field)[1];
			case DISAGREE -> this.weights.get(field)[2];
			case MISSING -> 0;
		};
	}

	private static double log2(double x) {
		return Math.log(x) / Math.log(2);
	}

}
