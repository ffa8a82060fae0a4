-- A number per kind of resource that every write of that kind replaces by a new random one, in the write's own
-- transaction (access.ConsentGeneration): a replica may keep what it derived from those resources for as long as the
-- number it read first has not changed. One row per kind; Consent (named-person blocks) is the only one.
CREATE TABLE dd_change_generation (
	subject VARCHAR(32) NOT NULL PRIMARY KEY,
	generation BIGINT NOT NULL
);
INSERT INTO dd_change_generation (subject, generation) VALUES ('Consent', 0);
