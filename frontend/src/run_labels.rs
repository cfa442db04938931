//! Localised words for runs: their state, what started them, how long they took, and an
//! explanation of the engine's error codes (also used by the connection test).

use chrono::{DateTime, Utc};
use i18n_embed_fl::fl;
use shared::runs::{Run, RunError, RunState, RunTrigger};

use crate::i18n::LOADER;

/// A run's state ("Running", "Waiting for the client"…).
pub fn state_text(state: RunState) -> String {
    match state {
        RunState::Queued => fl!(LOADER, "run-state-queued"),
        RunState::WaitingForClient => fl!(LOADER, "run-state-waiting"),
        RunState::PreJob => fl!(LOADER, "run-state-pre-job"),
        RunState::Running => fl!(LOADER, "run-state-running"),
        RunState::PostJob => fl!(LOADER, "run-state-post-job"),
        RunState::Aborting => fl!(LOADER, "run-state-aborting"),
        RunState::Finished => fl!(LOADER, "run-state-finished"),
    }
}

/// What started a run (no catch-all arm: a new trigger needs its text).
pub fn trigger_text(trigger: RunTrigger) -> String {
    match trigger {
        RunTrigger::Schedule => fl!(LOADER, "run-trigger-schedule"),
        RunTrigger::Manual => fl!(LOADER, "run-trigger-manual"),
        RunTrigger::Token => fl!(LOADER, "run-trigger-token"),
        RunTrigger::Api => fl!(LOADER, "run-trigger-api"),
    }
}

/// A sentence explaining an error code; `None` for codes this build does not know (a
/// newer or older server's), which are shown raw.
pub fn error_explanation(code: &str) -> Option<String> {
    RunError::from_wire(code).map(run_error_text)
}

/// The explanation of each code the engine can produce (one Fluent key per variant,
/// `RunError::message_id`; no catch-all arm, so a new variant needs its text).
pub fn run_error_text(error: RunError) -> String {
    match error {
        RunError::Internal => fl!(LOADER, "run-error-internal"),
        RunError::Aborted => fl!(LOADER, "run-error-aborted"),
        RunError::Interrupted => fl!(LOADER, "run-error-interrupted"),
        RunError::JobDeleted => fl!(LOADER, "run-error-job-deleted"),
        RunError::ClientDeleted => fl!(LOADER, "run-error-client-deleted"),
        RunError::LocationMissing => fl!(LOADER, "run-error-location-missing"),
        RunError::PolicyMissing => fl!(LOADER, "run-error-policy-missing"),
        RunError::LocationUnavailable => fl!(LOADER, "run-error-location-unavailable"),
        RunError::LocationFull => fl!(LOADER, "run-error-location-full"),
        RunError::StorageError => fl!(LOADER, "run-error-storage-error"),
        RunError::InvalidConfiguration => fl!(LOADER, "run-error-invalid-configuration"),
        RunError::HostKeyUnverified => fl!(LOADER, "run-error-host-key-unverified"),
        RunError::HostKeyMismatch => fl!(LOADER, "run-error-host-key-mismatch"),
        RunError::Unreachable => fl!(LOADER, "run-error-unreachable"),
        RunError::AuthRefused => fl!(LOADER, "run-error-auth-refused"),
        RunError::RsyncMissing => fl!(LOADER, "run-error-rsync-missing"),
        RunError::RsyncNotStarted => fl!(LOADER, "run-error-rsync-not-started"),
        RunError::PreScriptFailed => fl!(LOADER, "run-error-pre-script-failed"),
        RunError::PreScriptTimeout => fl!(LOADER, "run-error-pre-script-timeout"),
        RunError::PostScriptFailed => fl!(LOADER, "run-error-post-script-failed"),
        RunError::PostScriptTimeout => fl!(LOADER, "run-error-post-script-timeout"),
        RunError::ClientPreScriptFailed => fl!(LOADER, "run-error-client-pre-script-failed"),
        RunError::ClientPreScriptTimeout => fl!(LOADER, "run-error-client-pre-script-timeout"),
        RunError::ClientPostScriptFailed => fl!(LOADER, "run-error-client-post-script-failed"),
        RunError::ClientPostScriptTimeout => fl!(LOADER, "run-error-client-post-script-timeout"),
        RunError::SnapshotMissing => fl!(LOADER, "run-error-snapshot-missing"),
        RunError::RestoreSourceMissing => fl!(LOADER, "run-error-restore-source-missing"),
        RunError::InvalidPath => fl!(LOADER, "run-error-invalid-path"),
        RunError::RestoreUnsupported => fl!(LOADER, "run-error-restore-unsupported"),
        RunError::RestoreKeyMissing => fl!(LOADER, "run-error-restore-key-missing"),
        RunError::OutsideKeyRoot => fl!(LOADER, "run-error-outside-key-root"),
        RunError::KeyModeMismatch => fl!(LOADER, "run-error-key-mode-mismatch"),
        RunError::PreviewTimeout => fl!(LOADER, "run-error-preview-timeout"),
        RunError::RsyncKilled => fl!(LOADER, "run-error-rsync-killed"),
        RunError::RsyncVanishedFiles => fl!(LOADER, "run-error-rsync-vanished-files"),
        RunError::RsyncMaxDelete => fl!(LOADER, "run-error-rsync-max-delete"),
        RunError::RsyncPartial => fl!(LOADER, "run-error-rsync-partial"),
        RunError::RsyncPartialNothingTransferred => {
            fl!(LOADER, "run-error-rsync-partial-nothing-transferred")
        }
        RunError::RsyncSyntax => fl!(LOADER, "run-error-rsync-syntax"),
        RunError::RsyncProtocolIncompatible => fl!(LOADER, "run-error-rsync-protocol-incompatible"),
        RunError::RsyncFileSelection => fl!(LOADER, "run-error-rsync-file-selection"),
        RunError::RsyncUnsupported => fl!(LOADER, "run-error-rsync-unsupported"),
        RunError::RsyncStartFailed => fl!(LOADER, "run-error-rsync-start-failed"),
        RunError::RsyncSocketIo => fl!(LOADER, "run-error-rsync-socket-io"),
        RunError::RsyncProtocolStream => fl!(LOADER, "run-error-rsync-protocol-stream"),
        RunError::RsyncInterrupted => fl!(LOADER, "run-error-rsync-interrupted"),
        RunError::RsyncTimeout => fl!(LOADER, "run-error-rsync-timeout"),
        RunError::RsyncDaemonTimeout => fl!(LOADER, "run-error-rsync-daemon-timeout"),
        RunError::DaemonAuthFailed => fl!(LOADER, "run-error-daemon-auth-failed"),
        RunError::RemoteShellFailed => fl!(LOADER, "run-error-remote-shell-failed"),
        RunError::RsyncFailed => fl!(LOADER, "run-error-rsync-failed"),
        RunError::PrimaryUnreachable => fl!(LOADER, "run-error-primary-unreachable"),
        RunError::PrimaryRefused => fl!(LOADER, "run-error-primary-refused"),
        RunError::ReplicaMismatch => fl!(LOADER, "run-error-replica-mismatch"),
    }
}

/// The explanation of a code, or the code itself when there is none.
pub fn error_text(code: &str) -> String {
    error_explanation(code).unwrap_or_else(|| code.to_owned())
}

/// "1 h 2 min 3 s", "4 s".
pub fn duration_text(seconds: i64) -> String {
    let s = seconds.max(0);
    let (h, m, s) = (s / 3600, (s % 3600) / 60, s % 60);
    if h > 0 {
        format!("{h} h {m} min {s} s")
    } else if m > 0 {
        format!("{m} min {s} s")
    } else {
        format!("{s} s")
    }
}

/// How long a run took (or has taken so far); empty before it starts.
pub fn run_duration(run: &Run, now: DateTime<Utc>) -> String {
    match run.started_at {
        Some(start) => duration_text((run.finished_at.unwrap_or(now) - start).num_seconds()),
        None => String::new(),
    }
}

/// What a screen reader is told of a run as it goes (its state, and the text): the state
/// and its progress ("Running: 12 of 40 files, 11 MiB"), then its result.
pub fn announcement(run: &Run) -> (String, String) {
    let state = run.state.as_str().to_owned();
    let text = if unfinished(run) {
        match &run.progress {
            Some(p) => format!(
                "{}: {}",
                state_text(run.state),
                crate::components::progress::progress_text(p)
            ),
            None => state_text(run.state),
        }
    } else {
        format!(
            "{}: {}",
            state_text(run.state),
            crate::labels::result_text(run.result)
        )
    };
    (state, text)
}

/// True while the run has not finished.
pub fn unfinished(run: &Run) -> bool {
    run.state != RunState::Finished
}

#[cfg(test)]
mod tests {
    use super::duration_text;

    #[test]
    fn durations() {
        assert_eq!(duration_text(4), "4 s");
        assert_eq!(duration_text(62), "1 min 2 s");
        assert_eq!(duration_text(3723), "1 h 2 min 3 s");
        assert_eq!(duration_text(-5), "0 s");
    }
}
