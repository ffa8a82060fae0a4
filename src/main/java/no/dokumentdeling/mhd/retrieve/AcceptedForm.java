package no.dokumentdeling.mhd.retrieve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an ITI-68 request's {@code Accept} (or {@code _format}) asks for, given the document's own Content-Type.
 *
 * <ul>
 *   <li>{@link #RAW}: no Accept, {@code *}{@code /*}, {@code type/*} or the document's own type: the document's bytes,
 *       as MHD ITI-68 specifies. Consumers that send a browser-style Accept also get the bytes.
 *   <li>{@link #FHIR_JSON}, {@link #FHIR_XML}: {@code application/fhir+json}, {@code application/fhir+xml} (or their
 *       old and plain JSON/XML spellings, or {@code _format}): the Binary resource with the bytes base64 in
 *       {@code data}, in that encoding.
 *   <li>{@link #NOT_ACCEPTABLE}: anything else; answered 406.
 * </ul>
 * Media ranges are tried in order of their {@code q} value; {@code q=0} excludes.
 */
public enum AcceptedForm {
	RAW,
	FHIR_JSON,
	FHIR_XML,
	NOT_ACCEPTABLE;

	private static final Set<String> JSON_TYPES = Set.of("application/fhir+json", "application/json+fhir", "application/json", "json");
	private static final Set<String> XML_TYPES =
			Set.of("application/fhir+xml", "application/xml+fhir", "application/xml", "text/xml", "xml");

	public static AcceptedForm of(String accept, String format, String documentContentType) {
		if (format != null && !format.isBlank()) {
			return fhirEncoding(mediaType(format));
		}
		if (accept == null || accept.isBlank()) {
			return RAW;
		}
		String document = documentContentType == null ? "" : mediaType(documentContentType);
		for (MediaRange range : ranges(accept)) {
			if (range.matches(document)) {
				return RAW;
			}
			AcceptedForm fhir = fhirEncoding(range.type());
			if (fhir != NOT_ACCEPTABLE) {
				return fhir;
			}
		}
		return NOT_ACCEPTABLE;
	}

	/** The media type the Binary resource is answered with. */
	public String fhirContentType() {
		return switch (this) {
			case FHIR_JSON -> "application/fhir+json";
			case FHIR_XML -> "application/fhir+xml";
			default -> throw new IllegalStateException(this + " is no FHIR encoding");
		};
	}

	private static AcceptedForm fhirEncoding(String type) {
		if (JSON_TYPES.contains(type)) {
			return FHIR_JSON;
		}
		return XML_TYPES.contains(type) ? FHIR_XML : NOT_ACCEPTABLE;
	}

	private record MediaRange(String type, double q) {
		boolean matches(String document) {
			if (type.equals("*/*") || type.equals(document)) {
				return true;
			}
			return type.endsWith("/*") && document.startsWith(type.substring(0, type.length() - 1));
		}
	}

	private static List<MediaRange> ranges(String accept) {
		List<MediaRange> ranges = new ArrayList<>();
		for (String part : accept.split(",")) {
			String[] pieces = part.split(";");
			double q = 1.0;
			for (int i = 1; i < pieces.length; i++) {
				String parameter = pieces[i].trim();
				if (parameter.startsWith("q=")) {
					q = quality(parameter.substring(2));
				}
			}
			String type = mediaType(pieces[0]);
			if (q > 0 && !type.isEmpty()) {
				ranges.add(new MediaRange(type, q));
			}
		}
		// Stable: equal q keeps the client's order.
		ranges.sort(Comparator.comparingDouble(MediaRange::q).reversed());
		return ranges;
	}

	private static double quality(String value) {
		try {
			return Double.parseDouble(value.trim());
		} catch (NumberFormatException e) {
			return 1.0;
		}
	}

	private static String mediaType(String value) {
		return value.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
	}
}
