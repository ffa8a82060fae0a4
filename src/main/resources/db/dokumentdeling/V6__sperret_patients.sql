-- The patients who have, or once had, a document labelled sperret (Volven 9603 NORS): kept in the transaction of
-- every DocumentReference write that carries the label (access.SperretPatients), filled from HAPI's index of the
-- documents stored before it by the Java migration 7 (access.SperretPatientsFromHapiTables). The id is the id part of
-- DocumentReference.subject.
CREATE TABLE dd_sperret_patient (
	patient_id VARCHAR(100) NOT NULL PRIMARY KEY
);
