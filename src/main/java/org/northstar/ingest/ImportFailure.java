package org.northstar.ingest;

import java.time.Instant;

/**
 * An input that was refused and has not been imported since.
 *
 * @param entryIndex zero-based index of the entry at fault, null when the whole input was
 */
public record ImportFailure(String path, Integer entryIndex, String fullUrl, String message, Instant failedAt) {

}
