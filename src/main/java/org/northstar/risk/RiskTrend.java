package org.northstar.risk;

/**
 * A person's current scores of their latest stay and of the stay before it. Rising risk
 * is a readmission that scored higher than the one before: the person is getting sicker
 * between stays, not only sick once.
 */
public record RiskTrend(PersonRisk latest, PersonRisk previous) {

	public static final RiskTrend NONE = new RiskTrend(PersonRisk.NONE, PersonRisk.NONE);

	/** Whether either score of the latest stay is in its high band. */
	public boolean high() {
		return isHigh(this.latest.lace()) || isHigh(this.latest.hospital());
	}

	/** Whether LACE rose from the stay before. */
	public boolean laceRose() {
		return rose(this.latest.lace(), this.previous.lace());
	}

	/** Whether HOSPITAL rose from the stay before. */
	public boolean hospitalRose() {
		return rose(this.latest.hospital(), this.previous.hospital());
	}

	public boolean rising() {
		return laceRose() || hospitalRose();
	}

	private static boolean isHigh(RiskAssessment score) {
		return score != null && score.band() == RiskBand.HIGH;
	}

	private static boolean rose(RiskAssessment latest, RiskAssessment previous) {
		return latest != null && previous != null && latest.score() > previous.score();
	}

}
