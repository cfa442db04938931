//! One queue row of the Status page. A row is drawn again when its run changes state;
//! in between, its progress, rate, time left, current file and elapsed time follow the
//! live figures. Every cell carries its column name for the stacked phone layout.

use chrono::{DateTime, Utc};
use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::events::QueueItem;
use shared::runs::{RunProgress, RunState};

use crate::components::progress::{progress_bar, state_badge};
use crate::format;
use crate::i18n::LOADER;
use crate::pages::job::runs::levels_text;
use crate::queue_feed::QueueFeed;
use crate::run_labels;

/// What every row needs besides its run.
#[derive(Clone, Copy)]
pub struct QueueContext {
    pub feed: QueueFeed,
    /// Now, ticking every second.
    pub now: RwSignal<DateTime<Utc>>,
    /// Asks to abort a run (opens the confirmation).
    pub on_abort: Callback<QueueItem>,
}

/// A row of `#queue-table`.
pub fn queue_row(item: QueueItem, ctx: QueueContext) -> impl IntoView {
    let id = item.run.id;
    let state = item.run.state;
    let feed = ctx.feed;
    let progress = Memo::new(move |_| {
        feed.items.with(|q| {
            q.as_ref()
                .and_then(|q| q.iter().find(|i| i.run.id == id))
                .and_then(|i| i.run.progress.clone())
        })
    });
    let shows_progress = !matches!(
        state,
        RunState::Queued | RunState::WaitingForClient | RunState::PreJob
    ) || item.run.progress.is_some();
    view! {
        <tr
            data-testid="queue-row"
            data-run-id=id.to_string()
            data-job-id=item.run.job_id.to_string()
            data-client-id=item.client_id.to_string()
        >
            <td data-label=fl!(LOADER, "queue-col-client")>
                <a href=crate::paths::href(&format!("/clients/{}", item.client_id))>{item.client_name.clone()}</a>
            </td>
            <td data-label=fl!(LOADER, "runs-col-job")>
                <a href=crate::paths::href(&format!("/jobs/{}", item.run.job_id))>{item.job_name.clone()}</a>
            </td>
            <td data-label=fl!(LOADER, "queue-col-state")>
                {state_badge(state)}
            </td>
            <td data-label=fl!(LOADER, "runs-col-trigger")>{run_labels::trigger_text(item.run.trigger)}</td>
            <td data-label=fl!(LOADER, "runs-col-levels")>{levels_text(&item.run.levels)}</td>
            <td data-label=fl!(LOADER, "queue-col-progress") class="progress-cell">
                {shows_progress.then(|| progress_bar(progress, "run-progress"))}
            </td>
            {live_cells(progress, item.run.started_at, ctx.now)}
            {abort_cell(item.clone(), ctx.on_abort)}
        </tr>
    }
}

/// The cells that follow the live figures: rate, time left, current file, elapsed time.
fn live_cells(
    progress: Memo<Option<RunProgress>>,
    started: Option<DateTime<Utc>>,
    now: RwSignal<DateTime<Utc>>,
) -> impl IntoView {
    let elapsed = move || started.map(|s| run_labels::duration_text((now.get() - s).num_seconds()));
    let rate = move || {
        progress.with(|p| {
            p.as_ref()
                .and_then(|p| p.rate_bytes_per_second)
                .map(|r| fl!(LOADER, "queue-rate", size = format::size(r)))
        })
    };
    let eta = move || {
        progress.with(|p| {
            p.as_ref()
                .and_then(|p| p.eta_seconds)
                .map(run_labels::duration_text)
        })
    };
    let file = move || {
        progress.with(|p| {
            p.as_ref()
                .and_then(|p| p.current_file.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <td data-label=fl!(LOADER, "queue-col-rate") class="num">{rate}</td>
        <td data-label=fl!(LOADER, "queue-col-eta") class="num">{eta}</td>
        <td data-label=fl!(LOADER, "queue-col-file") class="current-file mono small" title=file>{file}</td>
        <td data-label=fl!(LOADER, "queue-col-elapsed") class="num">{elapsed}</td>
    }
}

/// The Abort button, disabled while the run is being aborted.
fn abort_cell(item: QueueItem, on_abort: Callback<QueueItem>) -> impl IntoView {
    let label = fl!(
        LOADER,
        "queue-abort-label",
        client = item.client_name.clone(),
        job = item.job_name.clone()
    );
    let aborting = item.run.state == RunState::Aborting;
    view! {
        <td class="actions">
            <button
                type="button"
                class="button button-quiet button-danger-quiet"
                data-testid="run-abort"
                aria-label=label
                disabled=aborting
                on:click=move |_| on_abort.run(item.clone())
            >
                {fl!(LOADER, "run-abort")}
            </button>
        </td>
    }
}
