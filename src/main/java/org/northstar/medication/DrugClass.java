package org.northstar.medication;

import java.util.Arrays;
import java.util.Optional;

/**
 * The therapeutic classes Northstar knows, from the curated table
 * {@code medication/ingredient-classes.csv}.
 *
 * @param code how the class is named in the table, the API and the message bundles
 * @param highRisk highlighted on the list wherever it appears (ISMP high-alert classes:
 * anticoagulants, insulin, opioids)
 * @param oneAtATime two different medicines of the class taken together are flagged as a
 * likely duplication
 * @param adherenceThreshold the proportion of days covered at which a person is adherent
 * in PQA's measure of the class, in percent; 0 for a class PQA does not measure
 */
public enum DrugClass {

	STATIN("statin", false, true, 80), RAS_ANTAGONIST("ras-antagonist", false, true, 80),
	ANTICOAGULANT("anticoagulant", true, true, 0), OPIOID("opioid", true, true, 0),
	BENZODIAZEPINE("benzodiazepine", false, true, 0), INSULIN("insulin", true, false, 0),
	DIABETES("diabetes", false, false, 80), ANTIRETROVIRAL("antiretroviral", false, false, 90),
	LOOP_DIURETIC("loop-diuretic", false, false, 0), THIAZIDE_DIURETIC("thiazide-diuretic", false, false, 0),
	MINERALOCORTICOID_ANTAGONIST("mineralocorticoid-antagonist", false, false, 0),
	BETA_BLOCKER("beta-blocker", false, false, 0), CALCIUM_CHANNEL_BLOCKER("calcium-channel-blocker", false, false, 0),
	ANTIPLATELET("antiplatelet", false, false, 0), NITRATE("nitrate", false, false, 0), NSAID("nsaid", false, false, 0),
	ANALGESIC("analgesic", false, false, 0), INHALER("inhaler", false, false, 0),
	OSTEOPOROSIS("osteoporosis", false, false, 0), THYROID("thyroid", false, false, 0);

	private final String code;

	private final boolean highRisk;

	private final boolean oneAtATime;

	private final int adherenceThreshold;

	DrugClass(String code, boolean highRisk, boolean oneAtATime, int adherenceThreshold) {
		this.code = code;
		this.highRisk = highRisk;
		this.oneAtATime = oneAtATime;
		this.adherenceThreshold = adherenceThreshold;
	}

	public String code() {
		return this.code;
	}

	public boolean highRisk() {
		return this.highRisk;
	}

	public boolean oneAtATime() {
		return this.oneAtATime;
	}

	/** Whether the class is one of PQA's adherence measures. */
	public boolean pqaMeasure() {
		return this.adherenceThreshold > 0;
	}

	/**
	 * The proportion of days covered, in percent, at which a person is adherent: PQA's
	 * (80, or 90 for antiretrovirals), and 80 for a class PQA does not measure.
	 */
	public int adherenceThreshold() {
		return this.adherenceThreshold > 0 ? this.adherenceThreshold : 80;
	}

	/**
	 * Whether the class is taken every day, so that running out of it is a gap to chase:
	 * not painkillers, benzodiazepines or inhalers, often taken as needed.
	 */
	public boolean refillsExpected() {
		return switch (this) {
			case OPIOID, BENZODIAZEPINE, NSAID, ANALGESIC, INHALER -> false;
			default -> true;
		};
	}

	public static Optional<DrugClass> ofCode(String code) {
		return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
	}

}
