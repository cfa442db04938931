DROP INDEX runs_job_finished;
DROP TABLE client_usage;
DROP TABLE location_usage;
