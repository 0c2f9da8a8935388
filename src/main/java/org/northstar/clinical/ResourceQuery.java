package org.northstar.clinical;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.northstar.shared.PatientId;

/**
 * A search for stored resources of one type: every criterion must hold.
 *
 * @param patients only resources of these patients; null for no restriction (which still
 * finds resources that belong to no patient)
 * @param sort by the resource's main date, or in a stable order
 */
public record ResourceQuery(String resourceType, Collection<PatientId> patients, List<Criterion> criteria, Sort sort,
		int offset, int count) {

	public ResourceQuery {
		criteria = List.copyOf(criteria);
		patients = patients == null ? null : List.copyOf(patients);
	}

	/** How results are ordered; ties by id, so pages never overlap. */
	public enum Sort {

		DATE_ASCENDING, DATE_DESCENDING, STABLE

	}

	/** One condition on the resources found. */
	public sealed interface Criterion {

	}

	/**
	 * A coded element matches any of the codes: {@code status}, {@code code},
	 * {@code category}, {@code class}, {@code clinical-status}, as
	 * {@link ClinicalResources#fields} lists per type.
	 */
	public record Coded(String field, List<Code> anyOf) implements Criterion {

		public Coded {
			anyOf = List.copyOf(anyOf);
		}

	}

	/** A code, with the system it is from when the caller cares. */
	public record Code(String system, String code) {
	}

	/** The resource's main date lies in {@code [from, to)}; either end may be open. */
	public record DateBetween(Instant from, Instant to) implements Criterion {
	}

	/** The resource has an identifier with this value (and system, when given). */
	public record HasIdentifier(String system, String value) implements Criterion {
	}

	/** A name of the resource starts with the text, in any case. */
	public record NameStartsWith(String text) implements Criterion {
	}

	/** The resource is one of these. */
	public record IdIn(Collection<UUID> ids) implements Criterion {

		public IdIn {
			ids = List.copyOf(ids);
		}

	}

}
