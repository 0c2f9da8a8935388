package org.northstar.fhirapi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * One page of a search over Northstar's own resources of a type (a person's plan, their
 * goals) followed by the imported ones: the own come first, and the offsets of the
 * imported search are shifted past them, so paging stays an offset into one list.
 */
final class OwnAndImported {

	private OwnAndImported() {
	}

	/**
	 * @param imported the imported search, given its offset and count; it decides access
	 * and refuses before anything own is returned
	 */
	static IBundleProvider page(List<? extends IBaseResource> own, Integer offset, Integer count, SummaryEnum summary,
			BiFunction<Integer, Integer, IBundleProvider> imported) {
		int first = offset == null ? 0 : Math.max(0, offset);
		int size = summary == SummaryEnum.COUNT ? 0
				: count == null ? ClinicalSearch.DEFAULT_COUNT : Math.max(0, Math.min(count, ClinicalSearch.MAX_COUNT));
		int ownFrom = Math.min(first, own.size());
		int ownTo = Math.min(own.size(), first + size);
		List<IBaseResource> page = new ArrayList<>(own.subList(ownFrom, ownTo));
		IBundleProvider rest = imported.apply(Math.max(0, first - own.size()), size - page.size());
		if (size - page.size() > 0) {
			page.addAll(rest.getAllResources());
		}
		Integer total = rest.size();
		return ClinicalSearch.page(page, (total == null ? 0 : total) + own.size(), first, size);
	}

}
