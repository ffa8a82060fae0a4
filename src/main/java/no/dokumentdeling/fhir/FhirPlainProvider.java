package no.dokumentdeling.fhir;

/** Marks a Spring bean that is a HAPI plain provider (system-level methods such as the ITI-65 transaction). */
public interface FhirPlainProvider {}
