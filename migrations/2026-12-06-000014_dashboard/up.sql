-- Storage use over time, for the dashboard's charts and "estimated full" dates. The
-- scheduler samples every location hourly (`daily = false`, `at` truncated to the hour so
-- that several servers on one database store one sample); hourly samples older than 35
-- days are rolled up into one daily point per day (`daily = true`, `at` at midnight UTC,
-- the day's last sample), kept for a year.
CREATE TABLE location_usage (
    location_id  BIGINT      NOT NULL REFERENCES backup_locations (id) ON DELETE CASCADE,
    daily        BOOLEAN     NOT NULL,
    at           TIMESTAMPTZ NOT NULL,
    used_bytes   BIGINT      NOT NULL CHECK (used_bytes >= 0),
    total_bytes  BIGINT      NOT NULL CHECK (total_bytes >= 0),
    used_inodes  BIGINT      NOT NULL CHECK (used_inodes >= 0),
    total_inodes BIGINT      NOT NULL CHECK (total_inodes >= 0),
    PRIMARY KEY (location_id, daily, at)
);

-- A client's size (the sum of its jobs' sizes) once a day, kept for a year.
CREATE TABLE client_usage (
    client_id  BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    day        DATE   NOT NULL,
    size_bytes BIGINT NOT NULL CHECK (size_bytes >= 0),
    PRIMARY KEY (client_id, day)
);

-- The health board's 30-day strips and the job charts read a job's finished runs by time.
CREATE INDEX runs_job_finished ON runs (job_id, finished_at) WHERE state = 'finished';
