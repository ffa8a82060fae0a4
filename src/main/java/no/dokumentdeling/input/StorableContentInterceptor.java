package no.dokumentdeling.input;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.IModelVisitor;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBase;
import no.dokumentdeling.fhir.FhirInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.UriType;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A resource sent to be stored (ITI-65 transaction, Patient or Consent create and update) holds only what the
 * database can store and index: every text valid Unicode without NUL ({@link TextRules}), and every indexed value
 * within its index column, as HAPI's PostgreSQL/H2 schema defines them:
 * <ul>
 * <li>identifier system and value, code system and code (token index, {@code HFJ_SPIDX_TOKEN}): 200 characters;
 * <li>the display of a tag or security label ({@code HFJ_TAG_DEF}): 200 characters;
 * <li>a uri, url or canonical ({@code HFJ_SPIDX_URI}, {@code meta.source}): 500 characters.
 * </ul>
 * Refused with 400 and the limit in the text, before storage: otherwise the database refuses the row, and the
 * client would get its error instead. An element with neither a value nor an extension ({@code ""}, {@code null}),
 * which FHIR does not allow, is refused too ({@link #requireValues}), so the rules after this one can rely on values.
 */
@Component
@Interceptor
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StorableContentInterceptor implements FhirInterceptor {

	static final int TOKEN_LENGTH = 200;
	static final int TAG_DISPLAY_LENGTH = 200;
	static final int URI_LENGTH = 500;

	private final FhirContext fhirContext;
	private final FhirTerser terser;

	public StorableContentInterceptor(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
		this.terser = fhirContext.newTerser();
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = -1000)
	public void checkContent(RequestDetails request) {
		IBaseResource resource = request.getResource();
		if (resource != null) {
			check(resource);
		}
	}

	void check(IBaseResource resource) {
		List<IBaseResource> resources = new ArrayList<>();
		resources.add(resource);
		// The terser does not walk into the resources of a Bundle's entries, nor into contained ones.
		resources.addAll(terser.getAllEmbeddedResources(resource, true));
		for (IBaseResource each : resources) {
			terser.visit(each, (IModelVisitor) (owner, element, visited, child, definition) -> {
				List<String> path = visited == null ? List.of() : visited;
				// The terser visits only elements that hold something; an empty one is found from its parent.
				checkElement(element, path);
				if (definition instanceof BaseRuntimeElementCompositeDefinition<?> composite) {
					requireValues(element, composite, path);
				}
			});
		}
	}

	private static void checkElement(IBase element, List<String> path) {
		if (element instanceof IPrimitiveType<?> primitive) {
			checkPrimitive(primitive, path);
		} else if (element instanceof Identifier identifier) {
			requireAtMost(identifier.getSystem(), TOKEN_LENGTH, path, "system");
			requireAtMost(identifier.getValue(), TOKEN_LENGTH, path, "value");
		} else if (element instanceof Coding coding) {
			requireAtMost(coding.getSystem(), TOKEN_LENGTH, path, "system");
			requireAtMost(coding.getCode(), TOKEN_LENGTH, path, "code");
		} else if (element instanceof Meta meta) {
			meta.getTag().forEach(tag -> requireAtMost(tag.getDisplay(), TAG_DISPLAY_LENGTH, path, "tag.display"));
			meta.getSecurity().forEach(label -> requireAtMost(label.getDisplay(), TAG_DISPLAY_LENGTH, path, "security.display"));
		}
	}

	/**
	 * FHIR allows neither {@code ""} nor {@code null} as a value: an element without one must carry an extension.
	 * The terser skips such empty elements, so they are looked for among each element's children: in lists (where
	 * HAPI never creates an element of its own accord) and in the parts of codes and identifiers.
	 */
	private void requireValues(IBase element, BaseRuntimeElementCompositeDefinition<?> definition, List<String> path) {
		boolean tokenParts = element instanceof Coding || element instanceof Identifier;
		for (BaseRuntimeChildDefinition child : definition.getChildren()) {
			for (IBase value : child.getAccessor().getValues(element)) {
				if (value == null || value instanceof IPrimitiveType<?> && value.isEmpty() && (child.getMax() != 1 || tokenParts)) {
					throw new InvalidRequestException(where(path) + "." + child.getElementName()
							+ " has no value: FHIR does not allow an empty or null value.");
				}
				// An element holding only empty ones counts as empty itself, and the terser does not walk into it.
				if (!(value instanceof IPrimitiveType<?>) && !(value instanceof IBaseResource) && value.isEmpty()
						&& fhirContext.getElementDefinition(value.getClass()) instanceof BaseRuntimeElementCompositeDefinition<?> inner) {
					List<String> deeper = new ArrayList<>(path);
					deeper.add(child.getElementName());
					requireValues(value, inner, deeper);
				}
			}
		}
	}

	private static void checkPrimitive(IPrimitiveType<?> primitive, List<String> path) {
		// Bytes hold no text, and a 50 MB document is not turned into a string to find that out.
		if (primitive instanceof Base64BinaryType) {
			return;
		}
		String text = primitive.getValueAsString();
		if (text == null) {
			return;
		}
		TextRules.requireText(text, where(path));
		if (primitive instanceof UriType) {
			requireAtMost(text, URI_LENGTH, path, null);
		}
	}

	private static String where(List<String> path) {
		return path.isEmpty() ? "A value" : String.join(".", path);
	}

	private static void requireAtMost(String text, int limit, List<String> path, String part) {
		if (text != null && text.length() > limit) {
			throw new InvalidRequestException(where(path) + (part == null ? "" : "." + part) + " is " + text.length()
					+ " characters long; this server stores at most " + limit + ".");
		}
	}
}
