package no.dokumentdeling.mhd.retrieve;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * ITI-68 settings.
 *
 * @param maxFhirBinarySize the largest document returned as a FHIR Binary resource (base64 in memory, about 2.7
 *     times the document size while it is encoded); larger documents are only served as raw bytes, streamed, and a
 *     request for the FHIR form gets 406
 */
@ConfigurationProperties(prefix = "dokumentdeling.retrieve")
public record RetrieveDocumentProperties(DataSize maxFhirBinarySize) {

	public RetrieveDocumentProperties {
		if (maxFhirBinarySize == null) maxFhirBinarySize = DataSize.ofMegabytes(10);
	}
}
