package no.dokumentdeling.norway;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import no.dokumentdeling.fhir.FhirInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * A Patient's fødselsnummer / D-nummer is well-formed (two mod-11 check digits) and belongs to that Patient
 * alone, however the Patient is written: directly or inside ITI-65.
 */
@Component
@Interceptor
public class PatientIdentityInterceptor implements FhirInterceptor {

	private final DaoRegistry daoRegistry;

	public PatientIdentityInterceptor(@Lazy DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void beforeCreate(IBaseResource resource) {
		check(resource, null);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void beforeUpdate(IBaseResource previous, IBaseResource updated) {
		check(updated, previous.getIdElement().getIdPart());
	}

	private void check(IBaseResource resource, String ownId) {
		if (!(resource instanceof Patient patient)) {
			return;
		}
		for (Identifier identifier : patient.getIdentifier()) {
			if (!IdentifierSystems.isPersonIdentifier(identifier.getSystem())) {
				continue;
			}
			if (PersonIdentifier.parse(identifier.getSystem(), identifier.getValue()).isEmpty()) {
				throw new UnprocessableEntityException("[patient-identifier] " + identifier.getValue()
						+ " is not a valid fødselsnummer/D-nummer (eleven digits, a date, two mod-11 check digits)");
			}
			boolean takenByAnother = daoRegistry.getResourceDao(Patient.class)
					.search(SearchParameterMap.newSynchronous("identifier",
							new TokenParam(identifier.getSystem(), identifier.getValue())), new SystemRequestDetails())
					.getAllResourceIds().stream()
					.anyMatch(id -> !id.equals(ownId));
			if (takenByAnother) {
				throw new ResourceVersionConflictException("[patient-identifier] Another Patient already has the identifier "
						+ identifier.getSystem() + "|" + identifier.getValue());
			}
		}
	}
}
