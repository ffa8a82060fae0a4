package no.dokumentdeling.access;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import no.dokumentdeling.norway.DocumentTypeCodes;
import no.dokumentdeling.security.Caller;
import no.dokumentdeling.security.Role;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.springframework.stereotype.Component;

/**
 * The document-type policy: which categories a source may publish, and which a reader may see and for how long.
 * One part of the {@link DocumentPolicy}, which applies it to searches in the database query (with {@link
 * AgeWindowSearchParameters}) and to one loaded document with {@link #isVisible}; both take a document's age from
 * {@link #ageDate}.
 */
@Component
public class DocumentTypePolicy {

	/** Years and months of a window are counted on the Norwegian calendar. */
	private static final ZoneId NORWAY = ZoneId.of("Europe/Oslo");

	private final Set<String> publishable;
	private final DocumentTypePolicyProperties.Reader shared;
	private final DocumentTypePolicyProperties.Reader kjernejournalforskriften;
	private final Clock clock = Clock.system(NORWAY);

	public DocumentTypePolicy(DocumentTypePolicyProperties properties, DocumentTypeCodes codes) {
		Stream.of(properties.publishCategories(), properties.shared().categories(),
						properties.kjernejournalforskriften().categories())
				.flatMap(List::stream)
				.filter(category -> !codes.isCategory(category))
				.findFirst()
				.ifPresent(category -> {
					throw new IllegalStateException(DocumentTypePolicyProperties.PREFIX + ": " + category
							+ " is not a category of Volven 9602 " + DocumentTypeCodes.SYSTEM);
				});
		this.publishable = Set.copyOf(properties.publishCategories());
		this.shared = properties.shared();
		this.kjernejournalforskriften = properties.kjernejournalforskriften();
	}

	public boolean mayPublish(String category) {
		return publishable.contains(category);
	}

	/** The categories this reader may see. */
	public List<String> visibleCategories(Caller caller) {
		return reader(caller).categories();
	}

	/** For each category this reader sees only within a window: the oldest age date it may see, as of now. */
	public Map<String, Instant> oldestVisible(Caller caller) {
		ZonedDateTime now = ZonedDateTime.now(clock);
		return reader(caller).windows().entrySet().stream()
				.collect(Collectors.toMap(Map.Entry::getKey, window -> now.minus(window.getValue()).toInstant()));
	}

	public boolean isVisible(Caller caller, DocumentReference document) {
		Optional<String> category = category(document);
		if (category.isEmpty() || !visibleCategories(caller).contains(category.get())) {
			return false;
		}
		Instant oldest = oldestVisible(caller).get(category.get());
		if (oldest == null) {
			return true;
		}
		// As the date search "ge" does: a date without a time stands for its whole day (month, year), which is inside
		// the window while any part of it is.
		return ageDate(document).map(date -> !latestInstantOf(date).isBefore(oldest)).orElse(false);
	}

	public static Optional<String> category(DocumentReference document) {
		return document.getCategory().stream()
				.map(DocumentTypeCodes::codeIn)
				.flatMap(Optional::stream)
				.findFirst();
	}

	/**
	 * How old a document is counts from when it was written ({@code content.attachment.creation}, XDS creationTime),
	 * not from when it was shared; a document without one counts from {@code DocumentReference.date}.
	 */
	public static Optional<BaseDateTimeType> ageDate(DocumentReference document) {
		Optional<BaseDateTimeType> creation = document.getContent().stream()
				.filter(content -> content.hasAttachment() && content.getAttachment().getCreation() != null)
				.<BaseDateTimeType>map(content -> content.getAttachment().getCreationElement())
				.findFirst();
		return creation.or(() -> document.getDate() == null ? Optional.empty() : Optional.of(document.getDateElement()));
	}

	private static Instant latestInstantOf(BaseDateTimeType date) {
		if (date.getPrecision().ordinal() > TemporalPrecisionEnum.DAY.ordinal()) {
			return date.getValue().toInstant();
		}
		return date.getPrecision().add(date.getValue(), 1).toInstant().minusMillis(1);
	}

	private DocumentTypePolicyProperties.Reader reader(Caller caller) {
		return caller.role() == Role.HEALTH_PERSONNEL_KJERNEJOURNALFORSKRIFTEN ? kjernejournalforskriften : shared;
	}
}
