package org.northstar.careplan;

import java.math.BigDecimal;

/**
 * What a goal aims for: in words ("walks 30 minutes five days a week"), and when it is
 * measured, the measure's LOINC code and a band with either end open. Values keep every
 * digit given.
 *
 * @param measureCode a LOINC code, or null for a goal in words only
 * @param low the band's lower end (inclusive), or null
 * @param high the band's upper end (inclusive), or null
 */
public record Target(String text, String measureCode, BigDecimal low, BigDecimal high, String unit) {

	public static final Target NONE = new Target(null, null, null, null, null);

	public Target {
		text = Texts.blankToNull(text);
		measureCode = Texts.blankToNull(measureCode);
		unit = Texts.blankToNull(unit);
	}

	public boolean isEmpty() {
		return this.text == null && this.measureCode == null && this.low == null && this.high == null;
	}

	public boolean measured() {
		return this.measureCode != null && (this.low != null || this.high != null);
	}

	/** Whether a value lies in the band. */
	public boolean contains(BigDecimal value) {
		return (this.low == null || value.compareTo(this.low) >= 0)
				&& (this.high == null || value.compareTo(this.high) <= 0);
	}

	/** The band as a person reads it: "70–80 kg", "≤ 7.0 %", "≥ 45 mL/min". */
	public String band() {
		if (this.low == null && this.high == null) {
			return "";
		}
		String unit = this.unit == null ? "" : " " + this.unit;
		if (this.low != null && this.high != null) {
			return this.low.toPlainString() + "–" + this.high.toPlainString() + unit;
		}
		return (this.low != null ? "≥ " + this.low.toPlainString() : "≤ " + this.high.toPlainString()) + unit;
	}

	/** The target as one line: its words, then its band. */
	public String describe() {
		String band = band();
		if (this.text == null) {
			return band;
		}
		return band.isEmpty() ? this.text : this.text + " (" + band + ")";
	}

	/**
	 * @throws InvalidPlanItemException naming the field that is wrong
	 */
	void requireValid() {
		if (this.low != null && this.high != null && this.low.compareTo(this.high) > 0) {
			throw new InvalidPlanItemException("target", "the lower end " + this.low.toPlainString()
					+ " is above the upper end " + this.high.toPlainString());
		}
		if ((this.low != null || this.high != null) && this.measureCode == null) {
			throw new InvalidPlanItemException("measure", "a target band needs what it measures");
		}
		if (this.measureCode != null && this.low == null && this.high == null) {
			throw new InvalidPlanItemException("target", "a measured goal needs a lower or an upper end");
		}
		if (this.text != null && this.text.length() > 500) {
			throw new InvalidPlanItemException("target", "at most 500 characters");
		}
	}

}
