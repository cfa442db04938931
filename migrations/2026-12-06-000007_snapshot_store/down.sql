ALTER TABLE snapshots DROP CONSTRAINT snapshots_place_unique;
ALTER TABLE snapshots ADD CONSTRAINT snapshots_job_id_location_id_name_key
    UNIQUE (job_id, location_id, name);
ALTER TABLE snapshots DROP CONSTRAINT snapshots_store_path_relative;
ALTER TABLE snapshots DROP COLUMN store_path;
