package no.dokumentdeling.storage;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.binary.interceptor.BinaryStorageInterceptor;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import java.io.IOException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base64BinaryType;

/**
 * HAPI's binary storage interceptor, made safe for transactions: inside an ITI-65 transaction HAPI announces the
 * pre-commit of a created Binary more than once, and the stock interceptor would store the same bytes twice under
 * one id (HAPI issues 3258 / 5437). The bytes are stored on the first announcement and then forgotten.
 */
public class DocumentBytesInterceptor extends BinaryStorageInterceptor<Base64BinaryType> {

	public DocumentBytesInterceptor(FhirContext fhirContext) {
		super(fhirContext);
	}

	@Override
	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void storeLargeBinariesBeforeCreatePersistence(
			TransactionDetails transactionDetails, IBaseResource resource, Pointcut pointcut) throws IOException {
		super.storeLargeBinariesBeforeCreatePersistence(transactionDetails, resource, pointcut);
		if (resource != null) {
			resource.setUserData(getDeferredListKey(), null);
		}
	}
}
