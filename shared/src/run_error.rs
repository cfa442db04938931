//! Every error code a run (or a connection test, or a restore preview) can end with.
//!
//! The engine produces codes only through [`RunError`], so a new code cannot be emitted
//! without a variant, and the web app explains each variant (an exhaustive `match`). The
//! database stores the wire name (`as_str`) as text; on the wire it is the same snake_case
//! string, so a code from a newer or older server that this build does not know stays a
//! plain string in `Run::error_code`.

crate::text::text_enum! {
    /// A stable code of what went wrong in a run.
    #[derive(Hash)]
    pub enum RunError {
        /// A fault of the server itself (database, filesystem); see the server's log.
        Internal => "internal",
        /// A user aborted the run.
        Aborted => "aborted",
        /// The server running it stopped before it finished.
        Interrupted => "interrupted",
        /// The job was deleted while its run waited.
        JobDeleted => "job_deleted",
        /// The client was deleted while the run waited.
        ClientDeleted => "client_deleted",
        /// The job's backup location no longer exists.
        LocationMissing => "location_missing",
        /// The job's policy no longer exists.
        PolicyMissing => "policy_missing",
        /// The location's directory cannot be used (not mounted, not writable).
        LocationUnavailable => "location_unavailable",
        /// The location has less free space or inodes than the configured minimum.
        LocationFull => "location_full",
        /// Writing the snapshot failed (rsync's exit 11, publishing, the store).
        StorageError => "storage_error",
        /// The job's settings give no valid rsync command (source path, patterns).
        InvalidConfiguration => "invalid_configuration",
        /// The client's ssh host key awaits acceptance.
        HostKeyUnverified => "host_key_unverified",
        /// The client's ssh host key differs from the accepted one.
        HostKeyMismatch => "host_key_mismatch",
        /// The client did not answer (network, ssh).
        Unreachable => "unreachable",
        /// The client refused the server's ssh key (connection test).
        AuthRefused => "auth_refused",
        /// rsync is not installed on the client (connection test).
        RsyncMissing => "rsync_missing",
        /// rsync could not be started on the server.
        RsyncNotStarted => "rsync_not_started",
        /// A job pre script failed.
        PreScriptFailed => "pre_script_failed",
        /// A job pre script ran out of time.
        PreScriptTimeout => "pre_script_timeout",
        /// A job post script failed.
        PostScriptFailed => "post_script_failed",
        /// A job post script ran out of time.
        PostScriptTimeout => "post_script_timeout",
        /// A client pre script failed: the client's batch is not run.
        ClientPreScriptFailed => "client_pre_script_failed",
        /// A client pre script ran out of time.
        ClientPreScriptTimeout => "client_pre_script_timeout",
        /// A client post script failed.
        ClientPostScriptFailed => "client_post_script_failed",
        /// A client post script ran out of time.
        ClientPostScriptTimeout => "client_post_script_timeout",
        /// The restored snapshot no longer exists.
        SnapshotMissing => "snapshot_missing",
        /// The restored path is not in the snapshot.
        RestoreSourceMissing => "restore_source_missing",
        /// The path of a restore is malformed.
        InvalidPath => "invalid_path",
        /// This client cannot receive restores (an rsync daemon).
        RestoreUnsupported => "restore_unsupported",
        /// The client refused the restore key (its line is not installed), or the client
        /// has none yet: restores to it are not enabled.
        RestoreKeyMissing => "restore_key_missing",
        /// A path lies outside the root the client's restricted keys are confined to.
        OutsideKeyRoot => "outside_key_root",
        /// The line installed for the backup key does not match the client's key mode
        /// (connection test).
        KeyModeMismatch => "key_mode_mismatch",
        /// A restore preview took too long.
        PreviewTimeout => "preview_timeout",
        /// rsync was killed by a signal.
        RsyncKilled => "rsync_killed",
        /// Files vanished while they were copied (rsync's exit 24).
        RsyncVanishedFiles => "rsync_vanished_files",
        /// rsync stopped deleting at its limit (exit 25).
        RsyncMaxDelete => "rsync_max_delete",
        /// Some files could not be copied (exit 23).
        RsyncPartial => "rsync_partial",
        /// No file could be copied (exit 23 with nothing transferred).
        RsyncPartialNothingTransferred => "rsync_partial_nothing_transferred",
        /// rsync rejected its command line (exit 1).
        RsyncSyntax => "rsync_syntax",
        /// The client's rsync speaks an incompatible protocol (exit 2).
        RsyncProtocolIncompatible => "rsync_protocol_incompatible",
        /// The source path or patterns select nothing that exists (exit 3).
        RsyncFileSelection => "rsync_file_selection",
        /// An option is not supported by the client's rsync (exit 4).
        RsyncUnsupported => "rsync_unsupported",
        /// The client's rsync could not start (exit 5).
        RsyncStartFailed => "rsync_start_failed",
        /// The connection broke (exit 10).
        RsyncSocketIo => "rsync_socket_io",
        /// The data stream broke (exit 12).
        RsyncProtocolStream => "rsync_protocol_stream",
        /// rsync was interrupted (exits 19, 20).
        RsyncInterrupted => "rsync_interrupted",
        /// No data moved for the configured timeout (exit 30).
        RsyncTimeout => "rsync_timeout",
        /// The rsync daemon did not answer in time (exit 35).
        RsyncDaemonTimeout => "rsync_daemon_timeout",
        /// The rsync daemon refused the login (wrong or missing user or password).
        DaemonAuthFailed => "daemon_auth_failed",
        /// The remote shell failed (exits 124 to 127).
        RemoteShellFailed => "remote_shell_failed",
        /// Any other rsync failure.
        RsyncFailed => "rsync_failed",
        /// The primary of a replication did not answer (network, TLS, HTTP error).
        PrimaryUnreachable => "primary_unreachable",
        /// The primary refused the replication token (revoked or wrong).
        PrimaryRefused => "primary_refused",
        /// A copied snapshot did not match its primary's `snapshot.json` (files, bytes).
        ReplicaMismatch => "replica_mismatch",
    }
}

impl RunError {
    /// The Fluent message id that explains this code in the web app: `run-error-` + the
    /// code with dashes.
    pub fn message_id(self) -> String {
        format!("run-error-{}", self.as_str().replace('_', "-"))
    }
}

#[cfg(test)]
mod tests {
    use super::RunError;

    #[test]
    fn message_ids_are_fluent_style() {
        assert_eq!(
            RunError::RsyncTimeout.message_id(),
            "run-error-rsync-timeout"
        );
    }
}
