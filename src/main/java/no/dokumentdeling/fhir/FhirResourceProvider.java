package no.dokumentdeling.fhir;

import ca.uhn.fhir.rest.server.IResourceProvider;

/**
 * Marks a Spring bean that serves one resource type over REST in place of HAPI's JPA provider for that type (a
 * subclass of it that changes one interaction).
 */
public interface FhirResourceProvider extends IResourceProvider {}
