package no.dokumentdeling.federation;

import java.util.Optional;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.hl7.fhir.r4.model.UrlType;

/**
 * A document published by reference, as this server stores it: a Binary without bytes whose {@code contentType}
 * carries the repository URL, size and SHA-1 in extensions (not {@code data}, which HAPI's binary storage owns). The DocumentReference then points at that Binary like
 * any stored document's, so consumers only ever see this server's own ITI-68 URL, and the access rules and audit of
 * ITI-68 apply unchanged; the repository URL never leaves this server (the Binary is only ever answered with the
 * document's bytes).
 *
 * @param url where the repository serves the bytes (ITI-68 there)
 * @param size the declared number of bytes
 * @param sha1 the declared SHA-1 (20 bytes)
 * @param contentType the document's media type
 */
public record RepositoryDocument(String url, long size, byte[] sha1, String contentType) {

	public static final String URL_EXTENSION = "https://dokumentdeling.no/fhir/StructureDefinition/repository-document-url";
	public static final String SIZE_EXTENSION = "https://dokumentdeling.no/fhir/StructureDefinition/repository-document-size";
	public static final String SHA1_EXTENSION = "https://dokumentdeling.no/fhir/StructureDefinition/repository-document-sha1";

	/** The Binary that stands for a referenced document, from its (checked) attachment. */
	public static Binary placeholder(Attachment attachment) {
		Binary binary = new Binary().setContentType(attachment.getContentType());
		CodeType contentType = binary.getContentTypeElement();
		contentType.addExtension(URL_EXTENSION, new UrlType(attachment.getUrl()));
		contentType.addExtension(SIZE_EXTENSION, new UnsignedIntType(attachment.getSize()));
		contentType.addExtension(SHA1_EXTENSION, new Base64BinaryType(DeclaredHash.sha1(attachment.getHash()).orElseThrow()));
		return binary;
	}

	/** The referenced document a stored Binary stands for, if it stands for one. */
	public static Optional<RepositoryDocument> of(Binary binary) {
		CodeType contentType = binary.getContentTypeElement();
		Extension url = contentType.getExtensionByUrl(URL_EXTENSION);
		Extension size = contentType.getExtensionByUrl(SIZE_EXTENSION);
		Extension sha1 = contentType.getExtensionByUrl(SHA1_EXTENSION);
		if (url == null || size == null || sha1 == null) {
			return Optional.empty();
		}
		return Optional.of(new RepositoryDocument(url.getValue().primitiveValue(),
				((UnsignedIntType) size.getValue()).getValue(), ((Base64BinaryType) sha1.getValue()).getValue(),
				binary.getContentType()));
	}
}
