package no.dokumentdeling.federation;

import static org.assertj.core.api.Assertions.assertThat;

import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.junit.jupiter.api.Test;

/** The Binary that stands for a referenced document keeps URL, size and SHA-1 through storage's JSON, and nothing else. */
class RepositoryDocumentTest {

	@Test
	void theStandInBinaryCarriesUrlSizeAndSha1ThroughJson() {
		byte[] pdf = ProvideBundleBuilder.pdf("x");
		Attachment attachment = new Attachment().setContentType("application/pdf").setUrl("https://h.example/fhir/Binary/1")
				.setSize(pdf.length).setHash(ProvideBundleBuilder.sha1(pdf));
		String json = ProvideBundleBuilder.FHIR.newJsonParser().encodeResourceToString(RepositoryDocument.placeholder(attachment));
		Binary parsed = ProvideBundleBuilder.FHIR.newJsonParser().parseResource(Binary.class, json);

		RepositoryDocument document = RepositoryDocument.of(parsed).orElseThrow(() -> new AssertionError(json));
		assertThat(document.url()).isEqualTo("https://h.example/fhir/Binary/1");
		assertThat(document.size()).isEqualTo(pdf.length);
		assertThat(document.sha1()).isEqualTo(ProvideBundleBuilder.sha1(pdf));
		assertThat(document.contentType()).isEqualTo("application/pdf");
		assertThat(RepositoryDocument.of(new Binary().setContentType("application/pdf").setData(pdf))).isEmpty();
	}
}
