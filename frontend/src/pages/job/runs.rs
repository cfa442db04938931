//! The job page's runs list: newest first, one server page at a time, refreshed every
//! second while a run on the page has not finished; each run links to its log.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use chrono::Utc;
use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::common::Page;
use shared::runs::{Run, RunKind};

use crate::api::{runs, Failure};
use crate::components::feedback::{Alert, AlertKind};
use crate::components::pager::Pager;
use crate::format;
use crate::i18n::{self, LOADER};
use crate::labels;
use crate::run_labels;
use crate::scaffold::loaded::{use_loaded, LoadedTable, Poll};
use crate::state::use_session;

const PER_PAGE: i64 = 10;

/// A flag that turns false when the component goes away, to stop polling.
pub fn alive_flag() -> Arc<AtomicBool> {
    let alive = Arc::new(AtomicBool::new(true));
    let flag = Arc::clone(&alive);
    on_cleanup(move || flag.store(false, Ordering::Relaxed));
    alive
}

/// The runs of job `job_id`. Bumping `reload` fetches them again (e.g. after "Run now");
/// `on_finished` is called when a run seen unfinished has finished.
#[component]
pub fn RunsPanel(job_id: i64, reload: RwSignal<u32>, on_finished: Callback<()>) -> impl IntoView {
    let session = use_session();
    let page = RwSignal::new(1i64);
    let poll = Poll::new();
    let busy_before = StoredValue::new(false);
    // While a run on the page goes on, the page is fetched again a second after each answer.
    let on_answer = move |answer: Option<&Page<Run>>| {
        let busy = answer.is_some_and(|p| p.items.iter().any(run_labels::unfinished));
        if busy_before.get_value() && !busy {
            on_finished.run(());
        }
        busy_before.set_value(busy);
        if busy {
            poll.again();
        }
    };
    let loaded = use_loaded(
        move || {
            reload.track();
            let _ = poll.track();
            let number = page.get();
            async move { runs::runs(job_id, number, PER_PAGE).await }
        },
        on_answer,
    );
    let (data, failure) = (loaded.data, loaded.failure);

    let error = Signal::derive(move || failure.with(|f| f.as_ref().map(Failure::message)));
    let rows = move || {
        session.language.track();
        let now = Utc::now();
        data.get()
            .map(|p| p.items.into_iter().map(|r| run_row(r, now)).collect_view())
    };
    view! {
        <section class="panel" id="job-runs" aria-labelledby="job-runs-title">
            <h2 id="job-runs-title">{move || fl!(LOADER, "runs-title")}</h2>
            <Alert id="job-runs-error" kind=AlertKind::Error message=error />
            <LoadedTable
                table_id="job-runs-table"
                empty_id="job-runs-empty"
                empty_text=|| fl!(LOADER, "runs-empty")
                has_items=Signal::derive(move || data.with(|d| d.as_ref().is_some_and(|p| !p.items.is_empty())))
                answered=Signal::derive(move || data.with(Option::is_some) || failure.with(Option::is_some))
                columns=|| vec![
                    fl!(LOADER, "runs-col-started"),
                    fl!(LOADER, "runs-col-duration"),
                    fl!(LOADER, "runs-col-trigger"),
                    fl!(LOADER, "runs-col-levels"),
                    fl!(LOADER, "runs-col-result"),
                    fl!(LOADER, "runs-col-files"),
                    fl!(LOADER, "col-size"),
                ]
                after=move || view! {
                    <Pager
                        page=page
                        total=Signal::derive(move || data.with(|d| d.as_ref().map_or(0, |p| p.total)))
                        per_page=Signal::derive(|| PER_PAGE)
                        on_page=Callback::new(move |n| page.set(n))
                    />
                }
            >
                {rows}
            </LoadedTable>
        </section>
    }
}

/// The result badge of a finished run, or its state while it goes on.
pub fn run_badge(run: &Run) -> impl IntoView {
    if run_labels::unfinished(run) {
        view! { <span class="badge badge-none" data-testid="run-state">{run_labels::state_text(run.state)}</span> }
            .into_any()
    } else {
        view! {
            <span class=labels::result_class(run.result) data-testid="run-result">{labels::result_text(run.result)}</span>
        }
        .into_any()
    }
}

/// The levels of a run or snapshot, by name.
pub fn levels_text(levels: &[shared::policies::LevelName]) -> String {
    let names: Vec<String> = levels.iter().map(|l| labels::level_name(*l)).collect();
    format::list(&names)
}

fn run_row(run: Run, now: chrono::DateTime<Utc>) -> impl IntoView {
    let id = run.id;
    let started = run.started_at.map_or_else(
        || i18n::format_time(&run.queued_at),
        |t| i18n::format_time(&t),
    );
    let result = run.result.map(|r| r.as_str()).unwrap_or_default();
    let state = if run_labels::unfinished(&run) {
        "unfinished"
    } else {
        "finished"
    };
    let error = run.error_code.as_deref().map(run_labels::error_text);
    let (files, size) = match run.stats {
        Some(s) => (s.files.to_string(), format::size(s.total_bytes)),
        None => (String::new(), String::new()),
    };
    view! {
        <tr data-testid="run-row" data-run-id=id.to_string() data-result=result data-state=state>
            <td>{started}</td>
            <td>{run_labels::run_duration(&run, now)}</td>
            <td>
                {run_labels::trigger_text(run.trigger)}
                {(run.kind == RunKind::Restore).then(|| view! {
                    " "<span class="badge badge-live" data-testid="run-kind-restore">{fl!(LOADER, "run-kind-restore")}</span>
                })}
                {(run.kind == RunKind::Replicate).then(|| view! {
                    " "<span class="badge badge-none" data-testid="run-kind-replicate">{fl!(LOADER, "run-kind-replicate")}</span>
                })}
            </td>
            <td>{levels_text(&run.levels)}</td>
            <td>
                {run_badge(&run)}
                {error.map(|e| view! { <div class="small muted" data-testid="run-error">{e}</div> })}
            </td>
            <td class="num">{files}</td>
            <td class="num">{size}</td>
            <td class="actions">
                <a class="button button-quiet" data-testid="run-log" href=crate::paths::href(&format!("/runs/{id}"))>
                    {fl!(LOADER, "runs-log")}
                </a>
            </td>
        </tr>
    }
}
