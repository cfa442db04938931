-- The password of an rsync daemon login (rsync-daemon clients whose connection names a
-- `user`). Write-only through the API; given to rsync as RSYNC_PASSWORD. Empty: none.
ALTER TABLE clients ADD COLUMN daemon_password text NOT NULL DEFAULT '';

-- A new run error (shared::runs::RunError): an rsync daemon refused the login.
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
        'primary_unreachable', 'primary_refused', 'replica_mismatch',
        'restore_key_missing', 'outside_key_root', 'key_mode_mismatch',
        'daemon_auth_failed'));
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
        'primary_unreachable', 'primary_refused', 'replica_mismatch',
        'restore_key_missing', 'outside_key_root', 'key_mode_mismatch',
        'daemon_auth_failed'));
