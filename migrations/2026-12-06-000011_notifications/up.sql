-- Issue 13: notifications (an outbox in PostgreSQL, e-mail and webhooks), late backups,
-- the audit trail and its retention, and what the daily tasks remember.

-- Log records: new sources; `engine` is now called `run` (what the Logs page filters by).
ALTER TABLE log_records DROP CONSTRAINT log_records_source_known;
UPDATE log_records SET source = 'run' WHERE source = 'engine';
ALTER TABLE log_records ADD CONSTRAINT log_records_source_known
    CHECK (source IN ('api', 'run', 'scheduler', 'dispatcher', 'audit', 'notification',
        'system'));
-- Where a request came from (audit records), and structured detail: the object an audit
-- record is about and its changed fields before and after (secrets redacted).
ALTER TABLE log_records ADD COLUMN address TEXT;
ALTER TABLE log_records ADD COLUMN data JSONB;
CREATE INDEX log_records_run ON log_records (run_id) WHERE run_id IS NOT NULL;
CREATE INDEX log_records_client ON log_records (client_id, at DESC) WHERE client_id IS NOT NULL;
CREATE INDEX log_records_source ON log_records (source, at DESC);

-- Per job: mail on every failure, or on the first failure and the recovery (default);
-- how long past its last expected run a job may go without a snapshot before it is late.
ALTER TABLE jobs ADD COLUMN notify_mode TEXT NOT NULL DEFAULT 'changes'
    CHECK (notify_mode IN ('changes', 'every_failure'));
ALTER TABLE jobs ADD COLUMN late_grace_hours INTEGER NOT NULL DEFAULT 24
    CHECK (late_grace_hours BETWEEN 1 AND 8760);
-- The outcome last notified ('ok' or 'failed'), for "first failure and recovery".
ALTER TABLE jobs ADD COLUMN notified_result TEXT
    CHECK (notified_result IS NULL OR notified_result IN ('ok', 'failed'));
-- Since when the job is late (its notification was queued then); NULL when it is not.
ALTER TABLE jobs ADD COLUMN late_since TIMESTAMPTZ;

-- Instance-wide: the language of mails to plain addresses, the audit trail's retention,
-- the administrators' daily digest (NULL: none), who may scrape /metrics without a token.
ALTER TABLE settings ADD COLUMN default_language TEXT NOT NULL DEFAULT 'en'
    CHECK (default_language IN ('eu', 'es', 'en'));
ALTER TABLE settings ADD COLUMN audit_retention_days INTEGER DEFAULT 365
    CHECK (audit_retention_days IS NULL OR audit_retention_days BETWEEN 1 AND 36500);
ALTER TABLE settings ADD COLUMN digest_time TIME;
ALTER TABLE settings ADD COLUMN metrics_allowed_addresses TEXT[] NOT NULL DEFAULT '{}';

-- The daily tasks run once a day over all servers: the day each last ran.
ALTER TABLE scheduler_state ADD COLUMN retention_on DATE;
ALTER TABLE scheduler_state ADD COLUMN digest_on DATE;

-- Webhook channel: each URL with the events it wants and an optional HMAC secret.
CREATE TABLE webhooks (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    url TEXT NOT NULL,
    events TEXT[] NOT NULL DEFAULT '{}',
    secret TEXT NOT NULL DEFAULT '',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The outbox and its history: one row per message and recipient, written in the
-- transaction that records what it tells. `dedup_key` makes a second row for the same
-- run and recipient impossible, whichever server writes it; senders claim pending rows
-- with FOR UPDATE SKIP LOCKED and hold a lease while they deliver.
CREATE TABLE notifications (
    id BIGSERIAL PRIMARY KEY,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
    event TEXT NOT NULL,
    dedup_key TEXT NOT NULL UNIQUE,
    -- An e-mail address, or the webhook's URL when it was queued.
    recipient TEXT NOT NULL,
    webhook_id BIGINT REFERENCES webhooks (id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('eu', 'es', 'en')),
    client_id BIGINT REFERENCES clients (id) ON DELETE SET NULL,
    job_id BIGINT REFERENCES jobs (id) ON DELETE SET NULL,
    run_id BIGINT REFERENCES runs (id) ON DELETE SET NULL,
    -- What the message says (rendered when it is sent: facts, not markup).
    payload JSONB NOT NULL DEFAULT '{}',
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error TEXT,
    -- The mail server's (or webhook's) answer to the last attempt.
    last_reply TEXT,
    lease_owner TEXT,
    lease_until TIMESTAMPTZ,
    sent_at TIMESTAMPTZ
);
CREATE INDEX notifications_due ON notifications (next_attempt_at)
    WHERE status IN ('pending', 'sending');
CREATE INDEX notifications_created ON notifications (created_at DESC);
CREATE INDEX notifications_job ON notifications (job_id, created_at DESC)
    WHERE job_id IS NOT NULL;
