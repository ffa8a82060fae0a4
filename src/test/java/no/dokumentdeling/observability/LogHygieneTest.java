package no.dokumentdeling.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/** What may go into a log line: the rules of {@link EventId}, {@link LogMasking} and {@link RoutineRefusalLogFilter}. */
class LogHygieneTest {

	@Test
	void eventIdAcceptsUuidsAndNhnStyleTokens() {
		assertThat(EventId.of("5f1c2a7e-8c1b-4d1e-9f6a-0a1b2c3d4e5f").logged()).contains("5f1c2a7e-8c1b-4d1e-9f6a-0a1b2c3d4e5f");
		assertThat(EventId.of("Id-513f826053dfa2c6dc91b8dsa").logged()).contains("Id-513f826053dfa2c6dc91b8dsa");
		assertThat(EventId.of(null).logged()).isEmpty();
	}

	@Test
	void eventIdThatIsTooLongHasOddCharactersOrHoldsAnElevenDigitRunIsLoggedAsInvalid() {
		assertThat(EventId.of("a".repeat(EventId.MAX_LENGTH + 1)).logged()).contains(EventId.INVALID);
		assertThat(EventId.of("id with spaces").logged()).contains(EventId.INVALID);
		assertThat(EventId.of("x\n{\"forged\":1}").logged()).contains(EventId.INVALID);
		assertThat(EventId.of("id-" + SyntheticFodselsnummer.next()).logged()).contains(EventId.INVALID);
	}

	@Test
	void maskingBlanksElevenDigitNumbersAndTokensButNotOtherNumbers() {
		String fnr = SyntheticFodselsnummer.next();
		String dnr = SyntheticFodselsnummer.nextDNummer();
		assertThat(LogMasking.mask("[patient-identifier] " + fnr + " is taken; D-nummer " + dnr))
				.isEqualTo("[patient-identifier] " + LogMasking.MASKED_NATIONAL_ID + " is taken; D-nummer " + LogMasking.MASKED_NATIONAL_ID);
		assertThat(LogMasking.mask("urn:oid:2.16.578.1.12.4.1.4.1|" + fnr)).doesNotContain(fnr);
		assertThat(LogMasking.mask("token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl end")).isEqualTo("token [token] end");
		assertThat(LogMasking.mask("HPR 565501872, orgnr 993467049, 123456789012 ms")).isEqualTo("HPR 565501872, orgnr 993467049, 123456789012 ms");
		// A request id whose last group holds eleven digits stays findable.
		assertThat(LogMasking.mask("request 2dd7045c-b0f8-47cb-9c07-28808820886f")).isEqualTo("request 2dd7045c-b0f8-47cb-9c07-28808820886f");
	}

	@Test
	void theDevProfilesTextPatternMasksElevenDigitNumbersToo() {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("application-dev.yaml"));
		LoggerContext context = new LoggerContext();
		PatternLayout layout = new PatternLayout();
		layout.setContext(context);
		layout.setPattern(yaml.getObject().getProperty("logging.pattern.console"));
		layout.start();
		String fnr = SyntheticFodselsnummer.next();
		LoggingEvent event = new LoggingEvent(null, context.getLogger("test"), Level.WARN, "Patient {} refused", null, new Object[] {fnr});
		event.setMDCPropertyMap(Map.of("nhn-event-id", "ev-1", "request-id", "rq-1"));

		String line = layout.doLayout(event);

		assertThat(line).doesNotContain(fnr).contains("Patient " + LogMasking.MASKED_NATIONAL_ID + " refused").contains("[ev-1/rq-1]");
	}

	@Test
	void hapiRefusalsAreDroppedButServerFailuresStay() {
		RoutineRefusalLogFilter filter = new RoutineRefusalLogFilter();
		LoggerContext context = new LoggerContext();
		var interceptorService = context.getLogger("ca.uhn.fhir.interceptor.executor.BaseInterceptorService");
		var handler = context.getLogger("ca.uhn.fhir.rest.server.interceptor.ExceptionHandlingInterceptor");
		Object[] refusal = {"SERVER_INCOMING_REQUEST_POST_PROCESSED", "405", new MethodNotAllowedException("no")};
		Object[] failure = {"SERVER_OUTGOING_RESPONSE", "500", new InternalErrorException("bug")};

		assertThat(filter.decide(null, interceptorService, Level.ERROR, "Exception thrown by interceptor for pointcut {}: {}", refusal, null))
				.isEqualTo(FilterReply.DENY);
		assertThat(filter.decide(null, interceptorService, Level.ERROR, "Exception thrown by interceptor for pointcut {}: {}", failure, null))
				.isEqualTo(FilterReply.NEUTRAL);
		Object[] repositoryDown = {"SERVER_OUTGOING_RESPONSE", "502", new UnclassifiedServerFailureException(502, "repository")};
		assertThat(filter.decide(null, interceptorService, Level.ERROR, "Exception thrown by interceptor for pointcut {}: {}", repositoryDown, null))
				.as("a repository's failure is not this server's").isEqualTo(FilterReply.DENY);
		assertThat(filter.decide(null, handler, Level.WARN, "Failure during REST processing: {}", new Object[] {"x"}, null))
				.isEqualTo(FilterReply.DENY);
		assertThat(filter.decide(null, handler, Level.ERROR, "Failure during REST processing", null, new InternalErrorException("bug")))
				.isEqualTo(FilterReply.NEUTRAL);
	}

	@Test
	void onlyThisServersOwnFailuresAreErrors() {
		assertThat(RequestLogFilter.isThisServersFault(500)).isTrue();
		assertThat(RequestLogFilter.isThisServersFault(501)).isTrue();
		assertThat(RequestLogFilter.isThisServersFault(502)).as("the repository's").isFalse();
		assertThat(RequestLogFilter.isThisServersFault(503)).as("start or outage").isFalse();
		assertThat(RequestLogFilter.isThisServersFault(504)).as("the repository's").isFalse();
		assertThat(RequestLogFilter.isThisServersFault(404)).isFalse();
	}

	@Test
	void filterSurvivesALogbackReset() {
		LoggerContext context = new LoggerContext();
		RoutineRefusalLogFilter.installOn(context);
		RoutineRefusalLogFilter.installOn(context);
		context.reset();

		assertThat(context.getTurboFilterList()).filteredOn(RoutineRefusalLogFilter.class::isInstance).hasSize(1);
	}
}
