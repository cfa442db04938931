ALTER TABLE snapshots DROP CONSTRAINT snapshots_levels_known;
ALTER TABLE runs DROP CONSTRAINT runs_levels_known;
ALTER TABLE log_records DROP CONSTRAINT log_records_source_known;
ALTER TABLE client_batches DROP CONSTRAINT client_batches_error_code_known;
ALTER TABLE runs DROP CONSTRAINT runs_error_code_known;
