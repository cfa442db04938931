//! Localised words for runs: their state, what started them, how long they took, and an
//! explanation of the engine's error codes (also used by the connection test).

use chrono::{DateTime, Utc};
use i18n_embed_fl::fl;
use shared::runs::{Run, RunState};

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

/// What started a run; unknown triggers are shown as sent.
pub fn trigger_text(trigger: &str) -> String {
    match trigger {
        "schedule" => fl!(LOADER, "run-trigger-schedule"),
        "manual" => fl!(LOADER, "run-trigger-manual"),
        "token" => fl!(LOADER, "run-trigger-token"),
        "api" => fl!(LOADER, "run-trigger-api"),
        other => other.to_owned(),
    }
}

/// A sentence explaining an error code; `None` for codes without one (shown raw).
pub fn error_explanation(code: &str) -> Option<String> {
    Some(match code {
        "unreachable" => fl!(LOADER, "run-error-unreachable"),
        "host_key_unverified" => fl!(LOADER, "run-error-host-key-unverified"),
        "host_key_mismatch" => fl!(LOADER, "run-error-host-key-mismatch"),
        "auth_refused" => fl!(LOADER, "run-error-auth-refused"),
        "rsync_missing" => fl!(LOADER, "run-error-rsync-missing"),
        "rsync_partial" => fl!(LOADER, "run-error-rsync-partial"),
        "rsync_vanished_files" => fl!(LOADER, "run-error-rsync-vanished"),
        "rsync_killed" => fl!(LOADER, "run-error-rsync-killed"),
        "rsync_failed" => fl!(LOADER, "run-error-rsync-failed"),
        "storage_error" => fl!(LOADER, "run-error-storage"),
        "location_full" => fl!(LOADER, "run-error-location-full"),
        "location_unavailable" => fl!(LOADER, "run-error-location-unavailable"),
        "pre_script_failed" => fl!(LOADER, "run-error-pre-script-failed"),
        "pre_script_timeout" => fl!(LOADER, "run-error-pre-script-timeout"),
        "post_script_failed" => fl!(LOADER, "run-error-post-script-failed"),
        "aborted" => fl!(LOADER, "run-error-aborted"),
        "interrupted" => fl!(LOADER, "run-error-interrupted"),
        _ => return None,
    })
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
