-- Restore runs: what they restore and where (shared::runs::RestoreTarget as JSON).
-- A job still executes one run at a time, backup or restore, so retention never removes
-- a snapshot while it is being restored; but any number of restores may wait in the
-- queue beside the job's one queued backup.
ALTER TABLE runs ADD COLUMN restore JSONB;
ALTER TABLE runs ADD CONSTRAINT runs_restore_of_kind
    CHECK ((kind = 'restore') = (restore IS NOT NULL));
DROP INDEX runs_one_queued_per_job;
CREATE UNIQUE INDEX runs_one_queued_per_job ON runs (job_id)
    WHERE state = 'queued' AND kind = 'backup';
