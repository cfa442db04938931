//! The live cells of the main page's rows: a job's last result badge and last run time,
//! which change when one of its runs finishes, its state and progress bar while it has
//! an unfinished run, and a client's worst result. They follow the page's queue feed
//! (the live event stream), without reloading the list.

use chrono::{DateTime, Utc};
use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::common::RunResult;

use crate::components::progress::{progress_bar, state_badge};
use crate::format;
use crate::i18n::LOADER;
use crate::labels;
use crate::queue_feed::QueueFeed;

/// The result badge of job `id` (`data-testid="job-result"`, wire result in
/// `data-result`), or "inactive" for what is switched off.
pub fn job_result(
    feed: QueueFeed,
    id: i64,
    initial: Option<RunResult>,
    inactive: bool,
) -> impl IntoView {
    let result = Memo::new(move |_| {
        feed.finished
            .with(|f| f.get(&id).map(|run| run.result))
            .unwrap_or(initial)
    });
    move || result_badge(result.get(), inactive, "job-result")
}

/// The worst last result of a client's active jobs (`jobs`: id and result when loaded).
pub fn client_result(
    feed: QueueFeed,
    jobs: Vec<(i64, Option<RunResult>)>,
    inactive: bool,
) -> impl IntoView {
    let worst = Memo::new(move |_| {
        feed.finished.with(|f| {
            jobs.iter()
                .filter_map(|(id, initial)| f.get(id).map_or(*initial, |run| run.result))
                .max_by_key(|r| labels::severity(*r))
        })
    });
    move || result_badge(worst.get(), inactive, "client-result")
}

fn result_badge(result: Option<RunResult>, inactive: bool, testid: &'static str) -> AnyView {
    let wire = result.map_or("none", |r| r.as_str());
    if inactive {
        view! {
            <span class="badge badge-inactive" data-testid=testid data-result=wire>{fl!(LOADER, "inactive")}</span>
        }
        .into_any()
    } else {
        view! {
            <span class=labels::result_class(result) data-testid=testid data-result=wire>
                {labels::result_text(result)}
            </span>
        }
        .into_any()
    }
}

/// When job `id` last ran: "5 minutes ago", with the exact time as a tooltip.
pub fn last_run(
    feed: QueueFeed,
    id: i64,
    initial: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> impl IntoView {
    let time = Memo::new(move |_| {
        feed.finished
            .with(|f| {
                f.get(&id)
                    .and_then(|run| run.started_at.or(run.finished_at))
            })
            .or(initial)
    });
    move || when(time.get(), now)
}

/// "5 minutes ago" (or "never"), with the exact time as a tooltip.
pub fn when(time: Option<DateTime<Utc>>, now: DateTime<Utc>) -> AnyView {
    match time {
        Some(t) => view! {
            <time datetime=t.to_rfc3339() title=crate::i18n::format_time(&t)>
                {format::ago(&t, &now.max(t))}
            </time>
        }
        .into_any(),
        None => view! { <span class="muted">{fl!(LOADER, "never")}</span> }.into_any(),
    }
}

/// While job `id` has an unfinished run: its state and a small progress bar
/// (`data-testid="job-progress"`, wire state in `data-state`).
pub fn job_progress(feed: QueueFeed, id: i64) -> impl IntoView {
    let current = Memo::new(move |_| feed.job_run(id));
    let state = Memo::new(move |_| current.with(|c| c.as_ref().map(|c| c.0)));
    let progress = Memo::new(move |_| current.with(|c| c.as_ref().and_then(|c| c.1.clone())));
    move || {
        state.get().map(|s| {
            view! {
                <div class="job-live" data-testid="job-progress" data-state=s.as_str()>
                    {state_badge(s)}
                    {progress_bar(progress, "job-progress-bar")}
                </div>
            }
        })
    }
}
