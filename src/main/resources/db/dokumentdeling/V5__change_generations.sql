-- How often a kind of resource has been written (access.ConsentGeneration): bumped in the transaction of every write
-- of that kind, so a replica may keep what it derived from those resources for as long as the number it read first
-- has not changed. One row per kind; Consent (named-person blocks) is the only one.
CREATE TABLE dd_change_generation (
	subject VARCHAR(32) NOT NULL PRIMARY KEY,
	generation BIGINT NOT NULL
);
INSERT INTO dd_change_generation (subject, generation) VALUES ('Consent', 0);
