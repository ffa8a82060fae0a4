package no.dokumentdeling.access;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import no.dokumentdeling.fhir.SearchParameterSource;
import no.dokumentdeling.norway.DocumentTypeCodes;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.SearchParameter.SearchComparator;
import org.hl7.fhir.r4.model.SearchParameter.XPathUsageType;
import org.springframework.stereotype.Component;

/**
 * One internal date SearchParameter per category that has an age window, so that the window is a condition of the
 * database query: {@code window-e00-1=ge<oldest visible>} keeps a document if it is no E00-1 document or if its
 * {@linkplain DocumentTypePolicy#ageDate age date} is inside the window. Documents of every other category index a
 * date far in the future and always pass, which lets the windows of several categories be ANDed to the search
 * instead of needing an OR across parameters (HAPI ignores the date part of OR-ed composite and {@code _filter}
 * conditions).
 *
 * <p>The definitions depend only on the category, not on the length of its window: changing a window is a change of
 * the query alone. A category that loses its window keeps its SearchParameter (it is still indexed, just not asked),
 * so giving it a window again needs no reindexing. Adding a window to a category adds a SearchParameter; the
 * installer then reindexes the stored DocumentReferences, and until that job has passed a document, searches by
 * readers with windows do not find it.
 *
 * <p>They are not part of the CapabilityStatement, and clients may not use them (see
 * {@link DocumentPolicy#narrowSearch}).
 */
@Component
public class AgeWindowSearchParameters implements SearchParameterSource {

	/** Later than any window's oldest visible date: what documents of other categories index. */
	static final String NOT_THIS_CATEGORY = "@9999-12-31";

	private static final String CODE_PREFIX = "window-";

	private final List<String> windowedCategories;

	public AgeWindowSearchParameters(DocumentTypePolicyProperties properties) {
		this.windowedCategories = Stream.of(properties.shared(), properties.kjernejournalforskriften())
				.flatMap(reader -> reader.windows().keySet().stream())
				.distinct()
				.sorted()
				.toList();
	}

	/** The search parameter code of the window of {@code category}, e.g. {@code window-e00-1}. */
	public static String code(String category) {
		return CODE_PREFIX + category.toLowerCase(Locale.ROOT);
	}

	static boolean isWindowCode(String parameterName) {
		return parameterName.toLowerCase(Locale.ROOT).startsWith(CODE_PREFIX);
	}

	@Override
	public List<SearchParameter> searchParameters() {
		return windowedCategories.stream().map(AgeWindowSearchParameters::searchParameter).toList();
	}

	static SearchParameter searchParameter(String category) {
		String id = "DocumentReference-window-" + category;
		SearchParameter parameter = new SearchParameter();
		parameter.setId(id);
		parameter.setUrl("https://dokumentdeling.no/fhir/SearchParameter/" + id);
		parameter.setName("DocumentReferenceWindow" + category.replace("-", ""));
		parameter.setStatus(PublicationStatus.ACTIVE);
		parameter.setPublisher("dokumentdeling");
		parameter.setDescription("Internal to the access policy: the age date (content.attachment.creation, else date) of "
				+ category + " documents, " + NOT_THIS_CATEGORY.substring(1) + " for documents of other categories.");
		parameter.setCode(code(category));
		parameter.addBase("DocumentReference");
		parameter.setType(SearchParamType.DATE);
		parameter.setExpression(expression(category));
		parameter.setXpathUsage(XPathUsageType.NORMAL);
		parameter.addComparator(SearchComparator.GE);
		return parameter;
	}

	/** Mirrors {@link DocumentTypePolicy#ageDate} and {@link DocumentTypePolicy#category}; the two must agree. */
	static String expression(String category) {
		return "iif(category.coding.where(system = '" + DocumentTypeCodes.SYSTEM + "').code.first() = '" + category + "', "
				+ "iif(content.attachment.creation.exists(), content.attachment.creation.first(), date), "
				+ NOT_THIS_CATEGORY + ")";
	}
}
