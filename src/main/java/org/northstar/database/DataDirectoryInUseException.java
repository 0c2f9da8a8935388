package org.northstar.database;

import java.nio.file.Path;

/**
 * Another Northstar process holds the data directory; opening it too would corrupt it.
 */
public class DataDirectoryInUseException extends RuntimeException {

	DataDirectoryInUseException(Path dataDir, String holder) {
		super("The data directory " + dataDir.toAbsolutePath() + " is in use by another Northstar process"
				+ (holder.isBlank() ? "" : " (" + holder + ")")
				+ ". Stop that process first, or give this one its own --data-dir.");
	}

}
