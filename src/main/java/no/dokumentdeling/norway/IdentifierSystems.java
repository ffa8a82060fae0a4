package no.dokumentdeling.norway;

/** The Norwegian identifier systems (OIDs) the server reads and checks. */
public final class IdentifierSystems {

	/** Fødselsnummer: the national identity number of a person registered in Folkeregisteret. */
	public static final String FODSELSNUMMER = "urn:oid:2.16.578.1.12.4.1.4.1";

	/** D-nummer: the identity number for a person not (yet) given a fødselsnummer; first digit plus 4. */
	public static final String D_NUMMER = "urn:oid:2.16.578.1.12.4.1.4.2";

	/** HPR-nummer: the health personnel register number. */
	public static final String HPR_NUMMER = "urn:oid:2.16.578.1.12.4.1.4.4";

	public static final String ORGANISASJONSNUMMER = "urn:oid:2.16.578.1.12.4.1.4.101";

	public static boolean isPersonIdentifier(String system) {
		return FODSELSNUMMER.equals(system) || D_NUMMER.equals(system);
	}

	private IdentifierSystems() {}
}
