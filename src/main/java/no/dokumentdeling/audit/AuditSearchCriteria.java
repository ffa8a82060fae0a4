package no.dokumentdeling.audit;

import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.StringOrListParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import no.dokumentdeling.audit.AuditEventQuery.KeyMatch;

/**
 * An AuditEvent search's parameters, as HAPI parsed them, turned into an {@link AuditEventQuery}: FHIR's token,
 * reference, string and date matching on the keys each record is stored with. What the table cannot answer
 * faithfully (a modifier, a chain, {@code ne} or {@code ap} on a date) is refused with 400 rather than answered wrongly.
 */
final class AuditSearchCriteria {

	private static final Set<ParamPrefixEnum> DATE_PREFIXES = EnumSet.of(ParamPrefixEnum.EQUAL,
			ParamPrefixEnum.GREATERTHAN, ParamPrefixEnum.GREATERTHAN_OR_EQUALS, ParamPrefixEnum.LESSTHAN,
			ParamPrefixEnum.LESSTHAN_OR_EQUALS, ParamPrefixEnum.STARTS_AFTER, ParamPrefixEnum.ENDS_BEFORE);

	static AuditEventQuery recorded(AuditEventQuery query, DateRangeParam date) {
		if (date == null) {
			return query;
		}
		for (DateParam bound : new DateParam[] {date.getLowerBound(), date.getUpperBound()}) {
			if (bound != null && bound.getPrefix() != null && !DATE_PREFIXES.contains(bound.getPrefix())) {
				throw new InvalidRequestException("date: the prefix " + bound.getPrefix().getValue()
						+ " is not supported for AuditEvent (use eq, gt, ge, lt, le, sa or eb).");
			}
		}
		return query.recordedBetween(
				date.getLowerBoundAsInstant() == null ? null : date.getLowerBoundAsInstant().toInstant(),
				date.getUpperBoundAsInstant() == null ? null : date.getUpperBoundAsInstant().toInstant());
	}

	/** {@code system|code}, {@code code} (any system), {@code |code} (no system), {@code system|} (any code in it). */
	static AuditEventQuery tokens(AuditEventQuery query, String parameter, TokenAndListParam and) {
		return and == null ? query
				: allOf(query, and.getValuesAsQueryTokens(), TokenOrListParam::getValuesAsQueryTokens, token -> token(parameter, token));
	}

	/** Each of {@code and} must hold, and holds when any of its {@code or} values matches. */
	private static <O, V> AuditEventQuery allOf(AuditEventQuery query, List<O> and, Function<O, List<V>> or,
			Function<V, KeyMatch> match) {
		for (O alternatives : and) {
			query = query.where(or.apply(alternatives).stream().map(match).toList());
		}
		return query;
	}

	private static KeyMatch token(String parameter, TokenParam token) {
		if (token.getModifier() != null || token.getMissing() != null) {
			throw new InvalidRequestException(parameter + ": modifiers are not supported for AuditEvent searches.");
		}
		String system = token.getSystem();
		String value = token.getValue() == null || token.getValue().isEmpty() ? null : token.getValue();
		if (value == null && (system == null || system.isEmpty())) {
			throw new InvalidRequestException(parameter + " needs a value.");
		}
		return new KeyMatch(parameter, system == null || system.isEmpty() ? null : system,
				system != null && system.isEmpty(), value, false);
	}

	/** {@code Type/id} or {@code id}; {@code defaultType} is the only type a parameter such as {@code patient} names. */
	static AuditEventQuery references(AuditEventQuery query, String parameter, String defaultType, ReferenceAndListParam and) {
		return and == null ? query : allOf(query, and.getValuesAsQueryTokens(), ReferenceOrListParam::getValuesAsQueryTokens,
				reference -> reference(parameter, defaultType, reference));
	}

	private static KeyMatch reference(String parameter, String defaultType, ReferenceParam reference) {
		if (reference.getChain() != null || reference.getMissing() != null) {
			throw new InvalidRequestException(parameter + ": chains and modifiers are not supported for AuditEvent searches.");
		}
		if (reference.getIdPart() == null || reference.getIdPart().isBlank()) {
			throw new InvalidRequestException(parameter + " needs a reference (Type/id).");
		}
		String type = reference.getResourceType() == null ? defaultType : reference.getResourceType();
		return KeyMatch.exactly(parameter, type, reference.getIdPart());
	}

	/** FHIR string search: starts with, whatever the case; {@code :exact} is equality. */
	static AuditEventQuery strings(AuditEventQuery query, String parameter, StringAndListParam and) {
		return and == null ? query
				: allOf(query, and.getValuesAsQueryTokens(), StringOrListParam::getValuesAsQueryTokens, string -> string(parameter, string));
	}

	private static KeyMatch string(String parameter, StringParam string) {
		if (string.isContains() || string.getMissing() != null || string.isText()) {
			throw new InvalidRequestException(parameter + ": only :exact is supported for AuditEvent searches.");
		}
		if (string.getValue() == null || string.getValue().isEmpty()) {
			throw new InvalidRequestException(parameter + " needs a value.");
		}
		return new KeyMatch(parameter, null, false, AuditSearchKey.normalised(string.getValue()), !string.isExact());
	}

	private AuditSearchCriteria() {}
}
