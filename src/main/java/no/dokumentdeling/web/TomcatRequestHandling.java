package no.dokumentdeling.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat takes queries as FHIR clients send them and never answers with an HTML page.
 *
 * <p>FHIR search syntax puts {@code |} (token system|code), brackets, quotes and the like in queries, and curl,
 * Postman and most FHIR clients send them unencoded; RFC 7230 does not allow them, so Tomcat would refuse such a
 * request line with 400 before any filter or audit sees it. These characters are accepted in the query and path.
 * What Tomcat still refuses itself goes through {@link OperationOutcomeErrorReportValve}.
 */
@Component
class TomcatRequestHandling implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	/** The characters Tomcat can be told to accept: every one FHIR clients are known to leave unencoded. */
	static final String CLIENT_CHARACTERS = "|[]{}\"^`<>\\";

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addConnectorCustomizers(connector -> {
			connector.setProperty("relaxedQueryChars", CLIENT_CHARACTERS);
			connector.setProperty("relaxedPathChars", CLIENT_CHARACTERS);
		});
		factory.addContextCustomizers(context -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(OperationOutcomeErrorReportValve.class.getName());
			}
		});
	}
}
