package org.northstar.ingest;

/**
 * An entry of a bundle sent through the API would replace a record another source sent;
 * nothing of the bundle was kept. A system writes only its own records.
 */
public class OtherSourcesRecordException extends BundleRejectedException {

	OtherSourcesRecordException(String input, Integer entryIndex, String fullUrl, String reason) {
		super(input, entryIndex, fullUrl, reason, false, null);
	}

}
