package no.dokumentdeling.fhir;

import java.util.List;
import org.hl7.fhir.r4.model.SearchParameter;

/**
 * SearchParameters the server needs in its database, each under a fixed id so that every start and every replica
 * writes the same resource. {@link SearchParameterInstaller} installs those of every source.
 */
public interface SearchParameterSource {

	List<SearchParameter> searchParameters();
}
