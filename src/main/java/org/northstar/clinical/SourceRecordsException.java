package org.northstar.clinical;

/** The database refused a batch of source records; nothing of the batch was kept. */
public class SourceRecordsException extends RuntimeException {

	SourceRecordsException(String message, Throwable cause) {
		super(message, cause);
	}

}
