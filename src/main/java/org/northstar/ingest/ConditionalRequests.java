package org.northstar.ingest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.northstar.clinical.SourceRecords;
import org.northstar.clinical.SourceResource;
import org.northstar.shared.RecordKey;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Conditional create ({@code ifNoneExist}) and conditional update ({@code PUT
 * Type?identifier=system|value}), decided against what the same source already sent,
 * before the bundle is read for storing. A source's conditions are about its own records:
 * another source's record with the same identifier is another record (record linkage
 * relates the two).
 *
 * <p>
 * Runs inside the bundle's transaction. Two bundles that create or update conditionally
 * the same type from the same source take turns, so both cannot find nothing and create
 * twice.
 */
@Component
class ConditionalRequests {

	private final SourceRecords records;

	private final JdbcClient jdbc;

	ConditionalRequests(SourceRecords records, JdbcClient jdbc) {
		this.records = records;
		this.jdbc = jdbc;
	}

	/**
	 * Records in the index what each conditional entry found.
	 * @throws BundleRejectedException for a condition Northstar cannot evaluate, or one
	 * that matches more than one resource
	 */
	void resolve(ImportInput input, BundleIndex index, String source) {
		index.clearResolutions();
		List<Condition> conditions = new ArrayList<>();
		for (BundleIndex.Entry entry : index.entries()) {
			BundleIndex.Request request = entry.request();
			if (request == null || !entry.hasResource()) {
				continue;
			}
			if (request.isConditionalCreate()) {
				conditions.add(condition(input, entry, request.ifNoneExist(), "ifNoneExist"));
			}
			else if (request.isConditionalUpdate()) {
				String url = request.url();
				String type = url.substring(0, url.indexOf('?'));
				if (!type.equals(entry.resourceType())) {
					throw refused(input, entry, "request.url '" + url + "' is a conditional update of " + type
							+ ", but the resource is a " + entry.resourceType());
				}
				conditions.add(condition(input, entry, url, "request.url"));
			}
		}
		if (conditions.isEmpty()) {
			return;
		}
		lock(source, conditions);
		Map<String, List<Condition>> byType = new TreeMap<>();
		conditions.forEach(c -> byType.computeIfAbsent(c.entry().resourceType(), t -> new ArrayList<>()).add(c));
		for (Map.Entry<String, List<Condition>> ofType : byType.entrySet()) {
			Map<SourceResource.Identifier, List<RecordKey>> found = this.records.identifiedBy(source, ofType.getKey(),
					ofType.getValue().stream().map(Condition::identifier).collect(Collectors.toSet()));
			for (Condition condition : ofType.getValue()) {
				decide(input, index, source, condition, found.getOrDefault(condition.identifier(), List.of()));
			}
		}
	}

	private static void decide(ImportInput input, BundleIndex index, String source, Condition condition,
			List<RecordKey> matches) {
		BundleIndex.Entry entry = condition.entry();
		if (matches.size() > 1) {
			throw refused(input, entry, condition.element() + " '" + condition.text() + "' matches more than one "
					+ entry.resourceType() + " from " + source + ": a conditional request must match at most one");
		}
		if (matches.isEmpty()) {
			return;
		}
		if (entry.request().isConditionalCreate()) {
			index.exists(entry, matches.get(0).id());
		}
		else {
			index.replaces(entry, matches.get(0));
		}
	}

	private static Condition condition(ImportInput input, BundleIndex.Entry entry, String text, String element) {
		String query = text.contains("?") ? text.substring(text.indexOf('?') + 1) : text;
		if (!query.startsWith("identifier=") || query.contains("&")) {
			throw refused(input, entry, element + " '" + text
					+ "' is a condition Northstar cannot evaluate: only identifier=system|value is supported");
		}
		String token = URLDecoder.decode(query.substring("identifier=".length()), StandardCharsets.UTF_8);
		int bar = token.indexOf('|');
		if (bar <= 0 || bar == token.length() - 1) {
			throw refused(input, entry, element + " '" + text + "' must name the identifier as system|value");
		}
		return new Condition(entry, element, text, token.substring(0, bar), token.substring(bar + 1));
	}

	/** Per source and type: conditional requests are few, and locks are a shared pool. */
	private void lock(String source, List<Condition> conditions) {
		TreeSet<String> names = new TreeSet<>();
		conditions.forEach(c -> names.add("conditional|" + source + "|" + c.entry().resourceType()));
		for (String name : names) {
			this.jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param(name).query().singleRow();
		}
	}

	private static BundleRejectedException refused(ImportInput input, BundleIndex.Entry entry, String reason) {
		return new BundleRejectedException(input.name(), entry.index(), entry.fullUrl(), reason, false, null);
	}

	private record Condition(BundleIndex.Entry entry, String element, String text, String system, String value) {

		SourceResource.Identifier identifier() {
			return new SourceResource.Identifier(this.system, this.value);
		}

	}

}
