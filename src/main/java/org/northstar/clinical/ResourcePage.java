package org.northstar.clinical;

import java.util.List;

/** One page of a search, and how many resources match in all. */
public record ResourcePage(List<StoredResource> resources, int total) {

	public ResourcePage {
		resources = List.copyOf(resources);
	}

}
