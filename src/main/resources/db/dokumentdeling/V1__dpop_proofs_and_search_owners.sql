-- Security facts every replica shares, each row with the time after which it may be deleted (epoch millis).
-- IF NOT EXISTS: a 0.1 server created these tables itself at startup, with these definitions.

-- DPoP proofs seen (SHA-256 of the proof key's thumbprint and jti), so a replay to another replica is refused.
CREATE TABLE IF NOT EXISTS dd_dpop_jti (
	jti_hash VARCHAR(64) NOT NULL PRIMARY KEY,
	expires_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS dd_dpop_jti_expires ON dd_dpop_jti (expires_at);

-- Who started a search (a fingerprint of the caller), so its later pages are served to nobody else.
CREATE TABLE IF NOT EXISTS dd_search_owner (
	search_uuid VARCHAR(64) NOT NULL PRIMARY KEY,
	owner_hash VARCHAR(64) NOT NULL,
	expires_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS dd_search_owner_expires ON dd_search_owner (expires_at);
