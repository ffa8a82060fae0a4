package no.dokumentdeling.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.sql.SQLException;
import java.util.regex.Pattern;
import no.dokumentdeling.database.DatabaseUnavailable;
import no.dokumentdeling.database.DatabaseUnavailableException;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;

/**
 * What a failed request is told, whatever failed: never SQL, a Java class name or a stack trace.
 * <ul>
 * <li>the database could not be reached: 503 with {@code Retry-After} ({@link DatabaseUnavailable});
 * <li>reading the request failed (HAPI's parser broke on a JSON shape it does not expect, such as
 *     {@code "resource": true}; a malformed date in a search): the request is at fault, so 400;
 * <li>an answer whose text came from the database or names code: the same status with a plain text instead.
 * </ul>
 */
@Component
@Interceptor
public class SafeErrorAnswerInterceptor implements FhirInterceptor {

	/** Qualified Java names, exception names and SQL, as a database or library message would carry them. */
	static final Pattern DISCLOSING = Pattern.compile(
			"\\b(?:org|java|javax|jakarta|com|ca\\.uhn|sun)\\.[a-z]\\w*\\.|Exception\\b|\\bSQL|\\bSELECT |\\bINSERT |"
					+ "\\bUPDATE \\w+ SET\\b|\\bDELETE FROM\\b|\\bconstraint\\b|\\bHFJ_|\\bat [a-z]\\w*\\.[a-z]");

	/** How deep in a failure's stack a parser or decoder frame counts as where it started. */
	private static final int INPUT_READING_FRAMES = 8;

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException answerFor(Throwable failure) {
		if (DatabaseUnavailable.causedBy(failure)) {
			return new DatabaseUnavailableException();
		}
		int status = failure instanceof BaseServerResponseException answer ? answer.getStatusCode() : 500;
		if (status >= 500 && thrownReadingInput(failure)) {
			return new InvalidRequestException("The request could not be read: a value in its body or query has the wrong "
					+ "form (for example a string or true where an object belongs, or a malformed date or %-escape).");
		}
		// Our own answers (a 4xx, the audit trail's 503) stand as they are, unless their text came from below.
		if (failure instanceof BaseServerResponseException answer && status != 500 && !fromDatabase(failure)
				&& !discloses(answer)) {
			return null;
		}
		return plain(status, fromDatabase(failure), failure);
	}

	/** The failure stays the cause, for the log; the client is told only the text. */
	private static BaseServerResponseException plain(int status, boolean fromDatabase, Throwable failure) {
		if (status >= 500) {
			return new InternalErrorException("The server could not process this request.", failure);
		}
		String text = status == 409
				? "The request conflicts with what is stored, for example a resource stored by another request at the same time."
				: fromDatabase
						? "The request holds a value this server cannot store."
						: "The request could not be processed.";
		PlainAnswer answer = new PlainAnswer(status, text);
		answer.initCause(failure);
		return answer;
	}

	static boolean discloses(BaseServerResponseException answer) {
		if (answer.getMessage() != null && DISCLOSING.matcher(answer.getMessage()).find()) {
			return true;
		}
		IBaseOperationOutcome outcome = answer.getOperationOutcome();
		return outcome instanceof OperationOutcome r4 && r4.getIssue().stream()
				.anyMatch(issue -> issue.hasDiagnostics() && DISCLOSING.matcher(issue.getDiagnostics()).find());
	}

	private static boolean fromDatabase(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof SQLException || cause instanceof org.springframework.dao.DataAccessException
					|| cause instanceof org.hibernate.HibernateException || cause instanceof jakarta.persistence.PersistenceException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A failure in reading what the client sent: HAPI's {@link DataFormatException} (a malformed date, number or
	 * element), or one thrown inside HAPI's JSON/XML parser or a URL decoder, which only ever work on the request.
	 */
	static boolean thrownReadingInput(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof DataFormatException) {
				return true;
			}
			StackTraceElement[] frames = cause.getStackTrace();
			for (int i = 0; i < Math.min(INPUT_READING_FRAMES, frames.length); i++) {
				String type = frames[i].getClassName();
				if (type.startsWith("ca.uhn.fhir.parser.") || type.equals("java.net.URLDecoder") || type.equals("ca.uhn.fhir.util.UrlUtil")) {
					return true;
				}
			}
		}
		return false;
	}

	/** An answer with a status and a text of ours. */
	static final class PlainAnswer extends BaseServerResponseException {
		PlainAnswer(int status, String text) {
			super(status, text);
		}
	}
}
