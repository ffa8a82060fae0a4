package no.dokumentdeling.mhd.provide.rules;

import java.util.ArrayList;
import java.util.List;
import no.dokumentdeling.mhd.provide.ProvideBundle;
import org.hl7.fhir.r4.model.Reference;

/** Every {@code subject} of an ITI-65 bundle: of each DocumentReference, the SubmissionSet and each Folder. */
final class Subjects {

	static List<Reference> of(ProvideBundle bundle) {
		List<Reference> subjects = new ArrayList<>();
		bundle.documentReferences().forEach(d -> subjects.add(d.getSubject()));
		bundle.submissionSets().forEach(l -> subjects.add(l.getSubject()));
		bundle.folders().forEach(l -> subjects.add(l.getSubject()));
		return subjects;
	}

	private Subjects() {}
}
