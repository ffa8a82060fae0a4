package no.dokumentdeling.mhd.retrieve;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.Constants;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Binary;

/** What ITI-68 answers have in common, wherever the bytes come from (binary storage or a document repository). */
final class DocumentAnswers {

	/**
	 * The Binary resource with the bytes in {@code data}, encoded here rather than by HAPI: HAPI answers a Binary read
	 * with the raw bytes unless the Accept is one of FHIR's own media types, while ITI-68 as documented gives the
	 * resource for plain {@code application/json} and {@code application/xml} too. Whatever extensions the stored
	 * Binary's {@code data} and {@code contentType} had (where its bytes live) are not shown.
	 */
	static void writeFhirBinary(Binary binary, byte[] data, AcceptedForm form, FhirContext fhirContext,
			HttpServletResponse servletResponse) throws IOException {
		binary.getDataElement().getExtension().clear();
		binary.getContentTypeElement().getExtension().clear();
		binary.setData(data);
		IParser parser = form == AcceptedForm.FHIR_JSON ? fhirContext.newJsonParser() : fhirContext.newXmlParser();
		byte[] body = parser.encodeResourceToString(binary).getBytes(StandardCharsets.UTF_8);
		servletResponse.setStatus(HttpServletResponse.SC_OK);
		servletResponse.setContentType(form.fhirContentType() + ";charset=UTF-8");
		servletResponse.setContentLength(body.length);
		if (binary.getIdElement().hasVersionIdPart()) {
			servletResponse.setHeader(Constants.HEADER_ETAG, "W/\"" + binary.getIdElement().getVersionIdPart() + "\"");
		}
		servletResponse.getOutputStream().write(body);
		servletResponse.getOutputStream().flush();
	}

	private DocumentAnswers() {}
}
