-- The catalog's own identity, written beside its dumps in every location
-- (`.elkarbackup/location.json`): a server never writes its dumps over those of another
-- catalog (a fresh installation on a disk that holds the dumps of the lost one), and
-- `elkarbackup recover` trusts a location's id only when it is this catalog's.
CREATE TABLE catalog_identity (
    id INTEGER PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    catalog_id UUID NOT NULL DEFAULT gen_random_uuid(),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO catalog_identity (id) VALUES (1);
