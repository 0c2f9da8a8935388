package org.northstar.patient.linkage;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Two records compared field by field.
 *
 * @param agreements how far they agree on each field
 * @param weights each field's contribution to the score
 * @param score the sum of the weights: log2 of how much likelier the agreements are
 * between records of one person than between records of two
 * @param sharedIdentifier they share an identifier (same system and value)
 * @param decision what the matcher concludes at its thresholds
 */
public record Comparison(Map<Field, Agreement> agreements, Map<Field, Double> weights, double score,
		boolean sharedIdentifier, Decision decision) {

	public Comparison {
		agreements = Collections.unmodifiableMap(new EnumMap<>(agreements));
		weights = Collections.unmodifiableMap(new EnumMap<>(weights));
	}

	public Agreement agreement(Field field) {
		return this.agreements.get(field);
	}

	public double weight(Field field) {
		return this.weights.get(field);
	}

}
