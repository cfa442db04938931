DELETE FROM runs WHERE kind = 'restore';
DROP INDEX runs_one_queued_per_job;
CREATE UNIQUE INDEX runs_one_queued_per_job ON runs (job_id) WHERE state = 'queued';
ALTER TABLE runs DROP CONSTRAINT runs_restore_of_kind;
ALTER TABLE runs DROP COLUMN restore;
