ALTER TABLE snapshots DROP COLUMN rewritten_permissions;
ALTER TABLE jobs ALTER COLUMN use_local_permissions SET DEFAULT TRUE;
