-- The scheduler, the queue in PostgreSQL, client batches, live events and log records.

-- A job may have one executing run and, behind it, one queued follow-up: no schedule hit
-- is lost while a job runs, and a job still never runs twice at once.
DROP INDEX runs_one_active_per_job;
CREATE UNIQUE INDEX runs_one_executing_per_job ON runs (job_id)
    WHERE state NOT IN ('queued', 'finished');
CREATE UNIQUE INDEX runs_one_queued_per_job ON runs (job_id) WHERE state = 'queued';
CREATE INDEX runs_queued ON runs (queued_at, id) WHERE state = 'queued';
CREATE INDEX runs_leases ON runs (lease_until) WHERE state NOT IN ('queued', 'finished');

-- Live figures of a running run, persisted at a low rate (shared::runs::RunProgress).
ALTER TABLE runs ADD COLUMN progress JSONB;

-- Client pre scripts run once before the first job of a batch, post scripts once after
-- the last. At most one open batch per client.
CREATE TABLE client_batches (
    id BIGSERIAL PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    state TEXT NOT NULL DEFAULT 'pre_client'
        CHECK (state IN ('pre_client', 'running', 'post_client', 'finished')),
    result TEXT CHECK (result IN ('ok', 'failed')),
    error_code TEXT,
    -- The server running the batch's client scripts (renewed like a run's lease).
    lease_owner TEXT,
    lease_until TIMESTAMPTZ,
    opened_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX client_batches_one_open ON client_batches (client_id)
    WHERE state <> 'finished';
CREATE INDEX client_batches_client ON client_batches (client_id, id DESC);
ALTER TABLE runs ADD COLUMN batch_id BIGINT REFERENCES client_batches (id) ON DELETE SET NULL;
CREATE INDEX runs_batch ON runs (batch_id) WHERE batch_id IS NOT NULL;

-- The last minute the scheduler evaluated (one row; locked by the ticking server).
CREATE TABLE scheduler_state (
    id INTEGER PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    last_tick TIMESTAMPTZ
);
INSERT INTO scheduler_state (id) VALUES (1);

-- Durable events for server-sent events: ids for Last-Event-ID resume, shared by every
-- server on the database. Pruned after a day.
CREATE TABLE events (
    id BIGSERIAL PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Who may see it: the client's owner (and administrators); NULL client = admins only.
    client_id BIGINT,
    owner_id BIGINT,
    payload JSONB NOT NULL
);
CREATE INDEX events_at ON events (at);

CREATE TABLE log_records (
    id BIGSERIAL PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL DEFAULT now(),
    level TEXT NOT NULL CHECK (level IN ('info', 'warning', 'error')),
    source TEXT NOT NULL,
    code TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    client_id BIGINT REFERENCES clients (id) ON DELETE SET NULL,
    job_id BIGINT REFERENCES jobs (id) ON DELETE SET NULL,
    run_id BIGINT REFERENCES runs (id) ON DELETE SET NULL
);
CREATE INDEX log_records_at ON log_records (at DESC);
CREATE INDEX log_records_job ON log_records (job_id, at DESC) WHERE job_id IS NOT NULL;
