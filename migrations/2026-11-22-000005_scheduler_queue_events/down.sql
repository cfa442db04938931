DROP TABLE log_records;
DROP TABLE events;
DROP TABLE scheduler_state;
DROP INDEX runs_batch;
ALTER TABLE runs DROP COLUMN batch_id;
DROP TABLE client_batches;
ALTER TABLE runs DROP COLUMN progress;
DROP INDEX runs_leases;
DROP INDEX runs_queued;
DROP INDEX runs_one_queued_per_job;
DROP INDEX runs_one_executing_per_job;
-- Follow-up runs cannot stay queued behind executing ones under the old index.
UPDATE runs SET state = 'finished', result = 'aborted', error_code = 'downgraded',
       finished_at = now()
 WHERE state = 'queued'
   AND job_id IN (SELECT job_id FROM runs WHERE state NOT IN ('queued', 'finished'));
CREATE UNIQUE INDEX runs_one_active_per_job ON runs (job_id) WHERE state <> 'finished';
