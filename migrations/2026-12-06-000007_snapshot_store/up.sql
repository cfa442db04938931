-- Each snapshot says where its data lies: its location (already there) and the job store
-- directory relative to that location, `<client id>/<job id>` at the time it was taken.
-- A job moved to another client or location keeps its older snapshots where they are:
-- browsing, restores, retention and deletion read the place from here, never from the
-- job's current client and location.
ALTER TABLE snapshots ADD COLUMN store_path TEXT;
-- Until now the place was always derived from the job's current client.
UPDATE snapshots s SET store_path = j.client_id::text || '/' || j.id::text
    FROM jobs j WHERE j.id = s.job_id;
ALTER TABLE snapshots ALTER COLUMN store_path SET NOT NULL;
-- Written by the server only; the check keeps a bad row from pointing outside the location.
ALTER TABLE snapshots ADD CONSTRAINT snapshots_store_path_relative
    CHECK (store_path ~ '^[0-9]+/[0-9]+$');
ALTER TABLE snapshots DROP CONSTRAINT snapshots_job_id_location_id_name_key;
ALTER TABLE snapshots ADD CONSTRAINT snapshots_place_unique
    UNIQUE (job_id, location_id, store_path, name);
