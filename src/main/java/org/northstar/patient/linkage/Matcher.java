package org.northstar.patient.linkage;

import java.util.EnumMap;
import java.util.Map;

/**
 * Decides whether two patient records describe one person.
 * <ul>
 * <li>Deterministic: a shared identifier (same system and value: SSN, driver's licence,
 * passport, a hospital's MRN) links, unless the demographics contradict it (score without
 * the SSN below zero), which sends the pair to review.</li>
 * <li>Probabilistic: the Fellegi–Sunter score links at or above {@link #upper()} and goes
 * to review at or above {@link #lower()}.</li>
 * <li>Guards against what the independence assumption of Fellegi–Sunter gets wrong: twins
 * and a parent and child of the same name share a household (address, phone, family name,
 * for twins the birth date) and would score high. A pair whose first names or birth dates
 * disagree outright is never linked on the score alone: it goes to review, or is rejected
 * when their SSNs differ too.</li>
 * </ul>
 */
public final class Matcher {

	/** The thresholds the benchmark chose (docs/benchmarks.md). */
	public static final Matcher DEFAULT = new Matcher(16.0, 8.0);

	private final double upper;

	private final double lower;

	public Matcher(double upper, double lower) {
		if (lower > upper) {
			throw new IllegalArgumentException("lower threshold above upper");
		}
		this.upper = upper;
		this.lower = lower;
	}

	public double upper() {
		return this.upper;
	}

	public double lower() {
		return this.lower;
	}

	public Comparison compare(LinkageRecord a, LinkageRecord b) {
		Map<Field, Agreement> agreements = new EnumMap<>(Field.class);
		agreements.put(Field.FAMILY_NAME, Comparators.familyName(a.family(), b.family()));
		agreements.put(Field.GIVEN_NAME, Comparators.givenName(a.given(), b.given()));
		agreements.put(Field.BIRTH_DATE, Comparators.birthDate(a.birthDate(), b.birthDate()));
		agreements.put(Field.SEX, Comparators.sex(a.sex(), b.sex()));
		agreements.put(Field.ADDRESS,
				Comparators.address(a.addressLine(), a.postalCode(), b.addressLine(), b.postalCode()));
		agreements.put(Field.PHONE, Comparators.exactOrTypo(a.phone(), b.phone()));
		agreements.put(Field.EMAIL, Comparators.email(a.email(), b.email()));
		agreements.put(Field.SSN, Comparators.exactOrTypo(a.ssn(), b.ssn()));
		Map<Field, Double> weights = new EnumMap<>(Field.class);
		double score = 0;
		for (Map.Entry<Field, Agreement> e : agreements.entrySet()) {
			double w = Weights.DEFAULT.of(e.getKey(), e.getValue());
			weights.put(e.getKey(), w);
			score += w;
		}
		boolean shared = sharesIdentifier(a, b);
		return new Comparison(agreements, weights, score, shared,
				decide(agreements, score, score - weights.get(Field.SSN), shared));
	}

	private Decision decide(Map<Field, Agreement> agreements, double score, double withoutSsn, boolean shared) {
		if (shared) {
			return withoutSsn >= 0 ? Decision.LINK : Decision.REVIEW;
		}
		boolean givenDisagrees = agreements.get(Field.GIVEN_NAME) == Agreement.DISAGREE;
		boolean birthDisagrees = agreements.get(Field.BIRTH_DATE) == Agreement.DISAGREE;
		if ((givenDisagrees || birthDisagrees) && agreements.get(Field.SSN) != Agreement.AGREE) {
			// A household: spouses, a parent and child, twins of different sex.
			boolean household = givenDisagrees && (birthDisagrees || agreements.get(Field.SEX) == Agreement.DISAGREE);
			// Twins' SSNs are often consecutive: one digit apart is another SSN here.
			Agreement ssn = agreements.get(Field.SSN);
			boolean otherSsn = ssn == Agreement.DISAGREE || givenDisagrees && ssn == Agreement.PARTIAL;
			if (household || otherSsn) {
				return Decision.NO_LINK;
			}
			return score >= this.lower ? Decision.REVIEW : Decision.NO_LINK;
		}
		if (score >= this.upper) {
			return Decision.LINK;
		}
		return score >= this.lower ? Decision.REVIEW : Decision.NO_LINK;
	}

	private static boolean sharesIdentifier(LinkageRecord a, LinkageRecord b) {
		if (a.ssn() != null && a.ssn().equals(b.ssn())) {
			return true;
		}
		if (a.identifiers().isEmpty() || b.identifiers().isEmpty()) {
			return false;
		}
		for (String identifier : a.identifiers()) {
			if (b.identifiers().contains(identifier)) {
				return true;
			}
		}
		return false;
	}

}
