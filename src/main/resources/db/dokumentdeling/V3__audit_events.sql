-- The audit trail (audit.AuditEventTable): one row per AuditEvent, written once and never changed. The record itself
-- is kept as its FHIR JSON; the search keys below are what the auditors' AuditEvent search, the innsynslogg and the
-- publisher lookup of a retraction ask by. No code path updates or deletes a row; retention is the operator's
-- (docs/operations.md).
CREATE TABLE dd_audit_event (
	id VARCHAR(64) NOT NULL PRIMARY KEY,
	-- AuditEvent.recorded, epoch millis
	recorded_at BIGINT NOT NULL,
	-- No length: a search's recorded query is as long as the request allowed (PostgreSQL text, H2 up to 10^9)
	resource_json VARCHAR NOT NULL
);
CREATE INDEX dd_audit_event_recorded ON dd_audit_event (recorded_at, id);

-- One row per search value of a record: parameter is the AuditEvent search parameter (patient, entity, subtype, type,
-- outcome, agent-identifier, address, nhn-event-id); key_system is a token's system or a reference's resource type.
-- Longer values are kept and searched by their first 1024 (255) characters (audit.AuditSearchKey.bounded).
CREATE TABLE dd_audit_search_key (
	event_id VARCHAR(64) NOT NULL REFERENCES dd_audit_event (id),
	parameter VARCHAR(32) NOT NULL,
	key_system VARCHAR(255),
	key_value VARCHAR(1024) NOT NULL
);
CREATE INDEX dd_audit_search_key_value ON dd_audit_search_key (parameter, key_value, event_id);
CREATE INDEX dd_audit_search_key_event ON dd_audit_search_key (event_id);
