package no.dokumentdeling.database;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

/** 503 with {@code Retry-After}: the database could not be reached, so the request did nothing. */
public class DatabaseUnavailableException extends BaseServerResponseException {

	public DatabaseUnavailableException() {
		super(DatabaseUnavailable.STATUS, DatabaseUnavailable.TEXT);
		addResponseHeader("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS);
	}
}
