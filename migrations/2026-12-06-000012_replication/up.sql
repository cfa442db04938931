-- Issue 14: replication between two ElkarBackup servers. The replica pulls; the primary
-- holds no credential for the replica.

-- On the primary: who may replicate from it. A replication access is a read-only token
-- (kept hashed; it authenticates only the replication catalog endpoints) and the
-- replica's ssh public key, installed with `restrict,command="rrsync -ro …"`.
-- Revoking keeps the row (the audit trail names it) and stops both.
CREATE TABLE replication_accesses (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    token_prefix TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    public_key TEXT NOT NULL,
    -- The replica's address or network (sshd's from="…"); NULL: from anywhere.
    from_address TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX replication_accesses_active_name
    ON replication_accesses (name) WHERE revoked_at IS NULL;

-- On the replica: a primary it copies. The token is the primary's replication access
-- token; the ssh key pair is the replica's own (`<data dir>/keys/replication-<id>`).
CREATE TABLE replications (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    url TEXT NOT NULL,
    token TEXT NOT NULL,
    ssh_host TEXT NOT NULL,
    ssh_port INTEGER NOT NULL DEFAULT 22 CHECK (ssh_port BETWEEN 1 AND 65535),
    ssh_user TEXT NOT NULL,
    public_key TEXT NOT NULL DEFAULT '',
    host_key TEXT,
    host_key_pending TEXT,
    -- [{"primary": <primary location id>, "local": <local location id>}]
    locations JSONB NOT NULL DEFAULT '[]',
    -- Copy every client of the primary, or only these (primary client ids).
    all_clients BOOLEAN NOT NULL DEFAULT TRUE,
    client_ids BIGINT[] NOT NULL DEFAULT '{}',
    -- The policy copied jobs follow: its times schedule the replication unless an
    -- interval is set; its levels and keeps are the retention in 'policy' mode; a job
    -- taken over keeps it.
    policy_id BIGINT NOT NULL REFERENCES policies (id),
    interval_minutes INTEGER CHECK (interval_minutes IS NULL OR interval_minutes BETWEEN 5 AND 10080),
    bwlimit_kib INTEGER CHECK (bwlimit_kib IS NULL OR bwlimit_kib > 0),
    window_start TIME,
    window_end TIME,
    CHECK ((window_start IS NULL) = (window_end IS NULL)),
    retention TEXT NOT NULL DEFAULT 'mirror' CHECK (retention IN ('mirror', 'policy')),
    min_age_days INTEGER NOT NULL DEFAULT 7 CHECK (min_age_days BETWEEN 0 AND 3650),
    delete_vanished BOOLEAN NOT NULL DEFAULT FALSE,
    vanished_grace_days INTEGER NOT NULL DEFAULT 7 CHECK (vanished_grace_days BETWEEN 0 AND 3650),
    max_deletions_per_run INTEGER NOT NULL DEFAULT 10 CHECK (max_deletions_per_run BETWEEN 0 AND 10000),
    active BOOLEAN NOT NULL DEFAULT TRUE,
    last_sync_at TIMESTAMPTZ,
    last_error TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Copied clients and jobs: read-only while `replication_id` is set. `copy_of` names the
-- primary (it stays when the source is deleted); `primary_id` is the row's id there.
-- Taking a client over clears all three on it and its jobs.
ALTER TABLE clients ADD COLUMN replication_id BIGINT REFERENCES replications (id) ON DELETE SET NULL;
ALTER TABLE clients ADD COLUMN primary_id BIGINT;
ALTER TABLE clients ADD COLUMN copy_of TEXT;
CREATE UNIQUE INDEX clients_replica_of ON clients (replication_id, primary_id)
    WHERE replication_id IS NOT NULL;
ALTER TABLE jobs ADD COLUMN primary_id BIGINT;
-- The taken_at of the newest primary snapshot not yet on the replica (NULL: caught up),
-- for elkarbackup_replication_lag_seconds.
ALTER TABLE jobs ADD COLUMN replication_behind_since TIMESTAMPTZ;

-- A replicated snapshot: when it arrived here (its own retention counts from then, so a
-- flood of new snapshots on a compromised primary cannot push history out before
-- min_age_days), and since when the primary no longer lists it.
ALTER TABLE snapshots ADD COLUMN received_at TIMESTAMPTZ;
ALTER TABLE snapshots ADD COLUMN vanished_at TIMESTAMPTZ;

-- Replication runs go through the same queue; one queued per job at a time.
ALTER TABLE runs DROP CONSTRAINT runs_kind_check;
ALTER TABLE runs ADD CONSTRAINT runs_kind_check CHECK (kind IN ('backup', 'restore', 'replicate'));
CREATE UNIQUE INDEX runs_one_queued_replicate ON runs (job_id)
    WHERE state = 'queued' AND kind = 'replicate';

-- New run errors (shared::runs::RunError).
ALTER TABLE runs DROP CONSTRAINT runs_error_code_known;
ALTER TABLE client_batches DROP CONSTRAINT client_batches_error_code_known;
ALTER TABLE runs ADD CONSTRAINT runs_error_code_known
    CHECK (error_code IS NULL OR error_code IN ('internal', 'aborted', 'interrupted',
        'job_deleted', 'client_deleted', 'location_missing', 'policy_missing',
        'location_unavailable', 'location_full', 'storage_error',
        'invalid_configuration', 'host_key_unverified', 'host_key_mismatch',
        'unreachable', 'auth_refused', 'rsync_missing', 'rsync_not_started',
        'pre_script_failed', 'pre_script_timeout', 'post_script_failed',
        'post_script_timeout', 'client_pre_script_failed', 'client_pre_script_timeout',
        'client_post_script_failed', 'client_post_script_timeout', 'snapshot_missing',
        'restore_source_missing', 'invalid_path', 'restore_unsupported',
        'preview_timeout', 'rsync_killed', 'rsync_vanished_files', 'rsync_max_delete',
        'rsync_partial', 'rsync_partial_nothing_transferred', 'rsync_syntax',
        'rsync_protocol_incompatible', 'rsync_file_selection', 'rsync_unsupported',
        'rsync_start_failed', 'rsync_socket_io', 'rsync_protocol_stream',
        'rsync_interrupted', 'rsync_timeout', 'rsync_daemon_timeout',
        'remote_shell_failed', 'rsync_failed',
        'primary_unreachable', 'primary_refused', 'replica_mismatch'));
ALTER TABLE client_batches ADD CONSTRAINT client_batches_error_code_known
    CHECK (error_code IS NULL OR error_code IN ('internal', 'aborted', 'interrupted',
        'job_deleted', 'client_deleted', 'location_missing', 'policy_missing',
        'location_unavailable', 'location_full', 'storage_error',
        'invalid_configuration', 'host_key_unverified', 'host_key_mismatch',
        'unreachable', 'auth_refused', 'rsync_missing', 'rsync_not_started',
        'pre_script_failed', 'pre_script_timeout', 'post_script_failed',
        'post_script_timeout', 'client_pre_script_failed', 'client_pre_script_timeout',
        'client_post_script_failed', 'client_post_script_timeout', 'snapshot_missing',
        'restore_source_missing', 'invalid_path', 'restore_unsupported',
        'preview_timeout', 'rsync_killed', 'rsync_vanished_files', 'rsync_max_delete',
        'rsync_partial', 'rsync_partial_nothing_transferred', 'rsync_syntax',
        'rsync_protocol_incompatible', 'rsync_file_selection', 'rsync_unsupported',
        'rsync_start_failed', 'rsync_socket_io', 'rsync_protocol_stream',
        'rsync_interrupted', 'rsync_timeout', 'rsync_daemon_timeout',
        'remote_shell_failed', 'rsync_failed',
        'primary_unreachable', 'primary_refused', 'replica_mismatch'));

-- Log records about replication (sources, accesses) that are not a run's.
ALTER TABLE log_records DROP CONSTRAINT log_records_source_known;
ALTER TABLE log_records ADD CONSTRAINT log_records_source_known
    CHECK (source IN ('api', 'run', 'scheduler', 'dispatcher', 'audit', 'notification',
        'system', 'replication'));
