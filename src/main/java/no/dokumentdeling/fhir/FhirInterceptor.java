package no.dokumentdeling.fhir;

/**
 * Marks a Spring bean whose {@code @Hook} methods take part in FHIR request handling or storage. Every such bean
 * is registered with HAPI's interceptor service at startup, in {@code @Order}.
 */
public interface FhirInterceptor {}
