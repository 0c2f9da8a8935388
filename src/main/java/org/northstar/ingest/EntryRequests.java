package org.northstar.ingest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a bundle entry's {@code request} may ask of an import. An entry Northstar cannot
 * honour is refused, never stored as something else: a {@code PATCH} would otherwise be
 * kept as a {@code Binary} or {@code Parameters} resource while nothing was patched.
 */
final class EntryRequests {

	private EntryRequests() {
	}

	/**
	 * @throws EntryProblem saying what the entry asks that Northstar does not do
	 */
	static void check(BundleIndex.Entry entry, JsonNode resource) {
		BundleIndex.Request request = entry.request();
		if (request == null || request.method() == null) {
			return;
		}
		String type = entry.resourceType();
		String url = request.url() == null ? "" : request.url();
		switch (request.method()) {
			case "POST" -> {
				String target = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
				if (!target.isEmpty() && !target.equals(type)) {
					throw EntryProblem
						.invalid("request.url '" + url + "' creates a " + target + ", but the resource is a " + type);
				}
			}
			case "PUT" -> {
				if (url.contains("?")) {
					return; // conditional update: ConditionalRequests checked it
				}
				String[] parts = url.split("/");
				if (parts.length != 2 || !parts[0].equals(type)) {
					throw EntryProblem.invalid("request.url '" + url + "' of a PUT must be " + type + "/<id>");
				}
				String id = resource.path("id").asText(null);
				if (id != null && !id.equals(parts[1])) {
					throw EntryProblem
						.invalid("request.url '" + url + "' names id " + parts[1] + ", but the resource's id is " + id);
				}
			}
			case "PATCH" -> throw EntryProblem.invalid("is a PATCH of " + url + " ("
					+ ("Parameters".equals(type) ? "FHIRPath Patch" : "Binary".equals(type) ? "JSON Patch" : type)
					+ "): Northstar does not patch what its sources sent; send the whole resource with PUT");
			default -> throw EntryProblem.invalid("request.method '" + request.method()
					+ "' is not one Northstar takes in a bundle: POST, PUT or GET");
		}
	}

}
