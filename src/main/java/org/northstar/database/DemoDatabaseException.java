package org.northstar.database;

/**
 * Real data was sent to a demo database, or a demo database was asked to become a real
 * one; the message says how to start a real database instead.
 */
public class DemoDatabaseException extends RuntimeException {

	DemoDatabaseException(String message) {
		super(message);
	}

}
