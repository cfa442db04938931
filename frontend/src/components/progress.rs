//! A run's live progress: a `<progress>` bar with its words ("12 of 40 files, 11 MiB"),
//! and the badge of a run state. Used by the Status page and the main page's job rows.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::runs::{RunProgress, RunState};

use crate::format;
use crate::i18n::LOADER;
use crate::queue;
use crate::run_labels;

/// The badge class of a run state.
pub fn state_class(state: RunState) -> &'static str {
    match state {
        RunState::Queued | RunState::WaitingForClient => "badge badge-none",
        RunState::Aborting => "badge badge-warning",
        RunState::Finished => "badge badge-ok",
        RunState::PreJob | RunState::Running | RunState::PostJob => "badge badge-live",
    }
}

/// The badge of a run state, `data-testid="run-state"` with the wire name in `data-state`.
pub fn state_badge(state: RunState) -> impl IntoView {
    view! {
        <span class=state_class(state) data-testid="run-state" data-state=state.as_str()>
            {run_labels::state_text(state)}
        </span>
    }
}

/// "12 of 40 files, 11 MiB", or "11 MiB copied" while the number of files is unknown.
pub fn progress_text(progress: &RunProgress) -> String {
    let size = format::size(progress.bytes_done);
    match progress.files_total.filter(|t| *t > 0) {
        Some(total) => fl!(
            LOADER,
            "queue-progress-files",
            done = progress.files_done,
            total = total,
            size = size
        ),
        None => fl!(LOADER, "queue-progress-bytes", size = size),
    }
}

/// A `<progress>` bar with its text: a share of the files when their number is known,
/// moving without a value until then. `data-files-done` and `data-bytes-done` hold the
/// raw figures (for tests).
pub fn progress_bar(progress: Memo<Option<RunProgress>>, testid: &'static str) -> impl IntoView {
    let figure = move |f: fn(&RunProgress) -> i64| {
        move || progress.with(|p| p.as_ref().map_or(0, f)).to_string()
    };
    let total = move || {
        progress.with(|p| {
            p.as_ref()
                .and_then(|p| p.files_total)
                .filter(|t| *t > 0)
                .map(|t| t.to_string())
        })
    };
    let value = move || {
        progress.with(|p| {
            p.as_ref()
                .filter(|p| queue::percent(p).is_some())
                .map(|p| p.files_done.to_string())
        })
    };
    let text = move || {
        progress
            .with(|p| p.as_ref().map(progress_text))
            .unwrap_or_else(|| fl!(LOADER, "queue-progress-starting"))
    };
    view! {
        <div class="run-progress">
            <progress
                data-testid=testid
                data-files-done=figure(|p| p.files_done)
                data-bytes-done=figure(|p| p.bytes_done)
                max=total
                value=value
                aria-label=text
            ></progress>
            <span class="small">{text}</span>
        </div>
    }
}
