package org.northstar.ingest;

/**
 * Follows a file import as it runs, for a progress display. Called from worker threads.
 */
public interface ImportListener {

	ImportListener NONE = new ImportListener() {
	};

	default void started(int files) {
	}

	default void resourcesStored(int count) {
	}

	default void fileImported(String path, BundleOutcome outcome) {
	}

	default void fileFailed(BundleRejectedException failure) {
	}

}
