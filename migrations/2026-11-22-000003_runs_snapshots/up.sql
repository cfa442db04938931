-- Runs (executions of a job) and the snapshots they publish.
CREATE TABLE runs (
    id BIGSERIAL PRIMARY KEY,
    job_id BIGINT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    kind TEXT NOT NULL DEFAULT 'backup' CHECK (kind IN ('backup', 'restore')),
    trigger TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual', 'token', 'api')),
    levels TEXT[] NOT NULL DEFAULT '{}',
    state TEXT NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'waiting_for_client', 'pre_job', 'running', 'post_job', 'aborting', 'finished')),
    result TEXT CHECK (result IN ('ok', 'warning', 'failed', 'aborted')),
    error_code TEXT,
    exit_code INTEGER,
    requested_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    queued_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at TIMESTAMPTZ,
    finished_at TIMESTAMPTZ,
    files_total BIGINT,
    files_transferred BIGINT,
    total_bytes BIGINT,
    transferred_bytes BIGINT,
    literal_bytes BIGINT,
    lease_owner TEXT,
    lease_until TIMESTAMPTZ
);
CREATE INDEX runs_job ON runs (job_id, id DESC);
CREATE INDEX runs_state ON runs (state);
-- At most one unfinished run per job.
CREATE UNIQUE INDEX runs_one_active_per_job ON runs (job_id) WHERE state <> 'finished';

CREATE TABLE snapshots (
    id BIGSERIAL PRIMARY KEY,
    job_id BIGINT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    -- The run that published it; unique so that publishing twice is a no-op.
    run_id BIGINT UNIQUE REFERENCES runs (id) ON DELETE SET NULL,
    location_id BIGINT NOT NULL REFERENCES backup_locations (id),
    -- Directory name under <location>/<client>/<job>/snapshots/.
    name TEXT NOT NULL,
    levels TEXT[] NOT NULL DEFAULT '{}',
    taken_at TIMESTAMPTZ NOT NULL,
    files BIGINT NOT NULL DEFAULT 0,
    bytes BIGINT NOT NULL DEFAULT 0,
    new_bytes BIGINT NOT NULL DEFAULT 0,
    warnings BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (job_id, location_id, name)
);
CREATE INDEX snapshots_job ON snapshots (job_id, taken_at DESC);
