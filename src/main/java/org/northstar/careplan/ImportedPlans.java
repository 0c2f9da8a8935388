package org.northstar.careplan;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

import org.northstar.clinical.ClinicalResources;
import org.northstar.clinical.ResourceQuery;
import org.northstar.clinical.StoredResource;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Service;

/**
 * The CarePlans and Goals every source sent for a person's records, read from the stored
 * resources as their sources wrote them, for showing beside the person's own plan and
 * adopting into it. Callers decide and audit access first.
 */
@Service
public class ImportedPlans {

	/** Enough for any real person; a source that sends more is cut off, newest kept. */
	private static final int LIMIT = 200;

	private static final ObjectMapper JSON = new ObjectMapper()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

	private final ClinicalResources resources;

	ImportedPlans(ClinicalResources resources) {
		this.resources = resources;
	}

	/** The person's imported CarePlans, then Goals, each by source and arrival. */
	public List<ImportedPlan> of(Collection<PatientId> records) {
		List<ImportedPlan> plans = new ArrayList<>();
		for (String type : List.of("CarePlan", "Goal")) {
			this.resources.search(new ResourceQuery(type, records, List.of(), ResourceQuery.Sort.STABLE, 0, LIMIT))
				.resources()
				.forEach(r -> plans.add(read(r)));
		}
		return plans;
	}

	/** One of the person's imported plans or goals by Northstar's id. */
	public Optional<ImportedPlan> find(Collection<PatientId> records, UUID id) {
		return this.resources.find(id)
			.filter(r -> r.patient() != null && records.contains(r.patient()))
			.filter(r -> "CarePlan".equals(r.resourceType()) || "Goal".equals(r.resourceType()))
			.map(ImportedPlans::read);
	}

	static ImportedPlan read(StoredResource stored) {
		JsonNode json;
		try {
			json = JSON.readTree(stored.json());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Stored " + stored.resourceType() + " " + stored.id() + " is not JSON", ex);
		}
		List<ImportedPlan.Item> items = new ArrayList<>();
		String title;
		String status;
		if ("Goal".equals(stored.resourceType())) {
			title = concept(json.path("description"));
			status = json.path("lifecycleStatus").asText(null);
			JsonNode target = json.path("target").path(0);
			items.add(new ImportedPlan.Item(0, PlanItem.Kind.GOAL, title == null ? "Goal" : title, null, status,
					target(target), date(target.path("dueDate").asText(null))));
		}
		else {
			title = text(json, "title");
			if (title == null) {
				title = concept(json.path("category").path(0));
			}
			status = json.path("status").asText(null);
			for (JsonNode addresses : json.path("addresses")) {
				String display = text(addresses, "display");
				if (display != null) {
					items.add(new ImportedPlan.Item(items.size(), PlanItem.Kind.PROBLEM, display, null, null,
							Target.NONE, null));
				}
			}
			for (JsonNode activity : json.path("activity")) {
				JsonNode detail = activity.path("detail");
				String what = concept(detail.path("code"));
				if (what == null) {
					what = text(detail, "description");
				}
				if (what == null) {
					what = text(activity.path("reference"), "display");
				}
				if (what != null) {
					items.add(new ImportedPlan.Item(items.size(), PlanItem.Kind.INTERVENTION, what,
							text(detail, "description"), detail.path("status").asText(null), Target.NONE, null));
				}
			}
		}
		return new ImportedPlan(stored.id(), stored.resourceType(), stored.source(), stored.sourceId(),
				title == null ? stored.resourceType() : title, status, items);
	}

	private static Target target(JsonNode target) {
		String measure = null;
		for (JsonNode coding : target.path("measure").path("coding")) {
			if ("http://loinc.org".equals(coding.path("system").asText())) {
				measure = coding.path("code").asText(null);
			}
		}
		BigDecimal low = decimal(target.path("detailRange").path("low"));
		BigDecimal high = decimal(target.path("detailRange").path("high"));
		String unit = target.path("detailRange").path("low").path("unit").asText(null);
		if (unit == null) {
			unit = target.path("detailRange").path("high").path("unit").asText(null);
		}
		if (target.has("detailQuantity")) {
			JsonNode quantity = target.path("detailQuantity");
			String comparator = quantity.path("comparator").asText("");
			BigDecimal value = decimal(quantity);
			low = comparator.startsWith("<") ? null : value;
			high = comparator.startsWith(">") ? null : value;
			unit = quantity.path("unit").asText(null);
		}
		String words = text(target, "detailString");
		if (words == null) {
			words = concept(target.path("detailCodeableConcept"));
		}
		if (low == null && high == null) {
			measure = null;
		}
		return new Target(words, measure, low, high, unit);
	}

	private static BigDecimal decimal(JsonNode quantity) {
		return quantity.path("value").isNumber() ? quantity.path("value").decimalValue() : null;
	}

	private static LocalDate date(String text) {
		if (text == null) {
			return null;
		}
		try {
			return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static String concept(JsonNode concept) {
		String text = text(concept, "text");
		if (text != null) {
			return text;
		}
		for (JsonNode coding : concept.path("coding")) {
			String display = text(coding, "display");
			if (display != null) {
				return display;
			}
		}
		return null;
	}

	private static String text(JsonNode node, String field) {
		String value = node.path(field).asText(null);
		return value == null || value.isBlank() ? null : value.strip();
	}

}
