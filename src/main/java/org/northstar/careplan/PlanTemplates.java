package org.northstar.careplan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The care-plan templates: FHIR R4 collection Bundles in
 * {@code src/main/resources/careplan/templates}, each holding one PlanDefinition and the
 * ActivityDefinitions its actions name by canonical URL. Templates are data: a program
 * adds one by adding a file. They are read here as JSON, as the clinical module reads
 * stored resources, so that the module needs no FHIR library; the FHIR API serves the
 * same files as they are ({@link #bundle}). Numbers are read as decimals with every
 * digit.
 */
@Component
public class PlanTemplates {

	private static final String LOCATION = "classpath:careplan/templates/*.json";

	private static final ObjectMapper JSON = new ObjectMapper()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

	private final Map<String, PlanTemplate> templates = new LinkedHashMap<>();

	private final Map<String, String> bundles = new HashMap<>();

	PlanTemplates() {
		this(LOCATION);
	}

	PlanTemplates(String location) {
		List<PlanTemplate> read = new ArrayList<>();
		try {
			for (Resource file : new PathMatchingResourcePatternResolver().getResources(location)) {
				String json;
				try (InputStream in = file.getInputStream()) {
					json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				}
				PlanTemplate template = read(json, file.getFilename());
				if (this.bundles.put(template.id(), json) != null) {
					throw new IllegalStateException("Two care-plan templates have the id " + template.id());
				}
				read.add(template);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the care-plan templates in " + location, ex);
		}
		read.sort(Comparator.comparing(PlanTemplate::title));
		read.forEach(t -> this.templates.put(t.id(), t));
	}

	/** Every template, by title. */
	public List<PlanTemplate> all() {
		return List.copyOf(this.templates.values());
	}

	public Optional<PlanTemplate> find(String id) {
		return Optional.ofNullable(this.templates.get(id));
	}

	/** The template's file: a FHIR collection Bundle, as it is kept. */
	public Optional<String> bundle(String id) {
		return Optional.ofNullable(this.bundles.get(id));
	}

	/**
	 * Reads a template from its Bundle.
	 * @throws IllegalStateException naming the file and what it lacks
	 */
	static PlanTemplate read(String json, String file) {
		JsonNode bundle;
		try {
			bundle = JSON.readTree(json);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Care-plan template " + file + " is not JSON: " + ex.getMessage(), ex);
		}
		JsonNode plan = null;
		Map<String, JsonNode> activities = new HashMap<>();
		for (JsonNode entry : bundle.path("entry")) {
			JsonNode resource = entry.path("resource");
			switch (resource.path("resourceType").asText()) {
				case "PlanDefinition" -> plan = resource;
				case "ActivityDefinition" -> activities.put(resource.path("url").asText(), resource);
				default -> throw new IllegalStateException("Care-plan template " + file + " holds a "
						+ resource.path("resourceType").asText() + "; only a PlanDefinition and ActivityDefinitions");
			}
		}
		if (plan == null) {
			throw new IllegalStateException("Care-plan template " + file + " holds no PlanDefinition");
		}
		String id = required(plan, "id", file);
		List<PlanTemplate.TemplateItem> items = new ArrayList<>();
		Map<String, String> problems = new LinkedHashMap<>();
		for (JsonNode goal : plan.path("goal")) {
			for (JsonNode addresses : goal.path("addresses")) {
				problems.putIfAbsent(code(addresses), text(addresses));
			}
		}
		problems.forEach((code, text) -> items
			.add(new PlanTemplate.TemplateItem(PlanItem.Kind.PROBLEM, text, null, null, null, code, Target.NONE)));
		for (JsonNode goal : plan.path("goal")) {
			JsonNode target = goal.path("target").path(0);
			items.add(new PlanTemplate.TemplateItem(PlanItem.Kind.GOAL,
					required(goal.path("description"), "text", file), null, null, days(target.path("due"), file),
					code(goal.path("addresses").path(0)), target(target)));
		}
		for (JsonNode action : plan.path("action")) {
			String canonical = required(action, "definitionCanonical", file);
			JsonNode activity = activities.get(canonical);
			if (activity == null) {
				throw new IllegalStateException(
						"Care-plan template " + file + ": no ActivityDefinition has the url " + canonical);
			}
			String title = activity.hasNonNull("title") ? activity.path("title").asText()
					: required(action, "title", file);
			String owner = text(action.path("participant").path(0).path("role"));
			if (owner == null) {
				owner = text(activity.path("participant").path(0).path("role"));
			}
			items.add(new PlanTemplate.TemplateItem(PlanItem.Kind.INTERVENTION, title,
					activity.path("description").asText(null), owner, days(action.path("timingDuration"), file), null,
					Target.NONE));
		}
		PlanTemplate template = new PlanTemplate(id, plan.path("url").asText(null), plan.path("version").asText(null),
				required(plan, "title", file), plan.path("description").asText(null), items);
		// A template that would make an item breaking the plan's rules fails at start-up,
		// not when a coordinator applies it.
		template.drafts(java.time.LocalDate.EPOCH).forEach(d -> {
			try {
				d.validated();
			}
			catch (InvalidPlanItemException ex) {
				throw new IllegalStateException(
						"Care-plan template " + file + ", '" + d.title() + "': " + ex.getMessage());
			}
		});
		return template;
	}

	private static Target target(JsonNode target) {
		String measure = null;
		for (JsonNode coding : target.path("measure").path("coding")) {
			if ("http://loinc.org".equals(coding.path("system").asText())) {
				measure = coding.path("code").asText(null);
			}
		}
		JsonNode range = target.path("detailRange");
		JsonNode quantity = target.path("detailQuantity");
		BigDecimal low = decimal(range.path("low"));
		BigDecimal high = decimal(range.path("high"));
		String unit = range.path("low").path("unit").asText(range.path("high").path("unit").asText(null));
		if (!quantity.isMissingNode()) {
			// A single value is a band of one, unless its comparator opens one end.
			String comparator = quantity.path("comparator").asText("");
			BigDecimal value = decimal(quantity);
			low = comparator.startsWith("<") ? null : value;
			high = comparator.startsWith(">") ? null : value;
			unit = quantity.path("unit").asText(null);
		}
		String words = text(target.path("detailCodeableConcept"));
		return new Target(words, low == null && high == null ? null : measure, low, high, unit);
	}

	private static BigDecimal decimal(JsonNode quantity) {
		JsonNode value = quantity.path("value");
		return value.isNumber() ? value.decimalValue() : null;
	}

	/** A Duration in days (d, wk, mo as 30 days). */
	private static Integer days(JsonNode duration, String file) {
		if (duration.isMissingNode()) {
			return null;
		}
		int value = duration.path("value").asInt();
		return switch (duration.path("code").asText("d")) {
			case "d" -> value;
			case "wk" -> value * 7;
			case "mo" -> value * 30;
			default -> throw new IllegalStateException("Care-plan template " + file + ": a duration in '"
					+ duration.path("code").asText() + "'; use d, wk or mo");
		};
	}

	private static String code(JsonNode concept) {
		return concept.path("coding").path(0).path("code").asText(null);
	}

	private static String text(JsonNode concept) {
		if (concept.hasNonNull("text")) {
			return concept.path("text").asText();
		}
		return concept.path("coding").path(0).path("display").asText(null);
	}

	private static String required(JsonNode node, String field, String file) {
		if (!node.hasNonNull(field) || node.path(field).asText().isBlank()) {
			throw new IllegalStateException("Care-plan template " + file + " lacks " + field);
		}
		return node.path(field).asText();
	}

}
