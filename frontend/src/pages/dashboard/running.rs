//! What runs now and what runs next: the executing runs with their live progress (the
//! queue feed and progress bar the Status page uses), how many more wait in the queue,
//! and the next scheduled runs with their levels.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::dashboard::NextRun;
use shared::events::QueueItem;
use shared::runs::RunState;

use crate::components::progress::{progress_bar, state_badge};
use crate::format;
use crate::i18n::LOADER;
use crate::labels;
use crate::queue_feed::QueueFeed;

/// True for a run past the queue (its scripts or rsync are running).
pub fn executing(state: RunState) -> bool {
    matches!(
        state,
        RunState::PreJob | RunState::Running | RunState::PostJob | RunState::Aborting
    )
}

/// The executing runs and how many others wait.
fn split(items: &[QueueItem]) -> (Vec<QueueItem>, usize) {
    let running: Vec<QueueItem> = items
        .iter()
        .filter(|i| executing(i.run.state))
        .cloned()
        .collect();
    let waiting = items.len() - running.len();
    (running, waiting)
}

/// "Running now": one line per executing run, following the live feed.
#[component]
pub fn RunningNow(feed: QueueFeed) -> impl IntoView {
    let split = Memo::new(move |_| feed.items.with(|q| q.as_deref().map(split)));
    let body = move || {
        let Some((running, waiting)) = split.get() else {
            return ().into_any();
        };
        let list = if running.is_empty() {
            view! { <p class="empty" data-testid="running-empty">{fl!(LOADER, "dashboard-running-empty")}</p> }
                .into_any()
        } else {
            view! {
                <ul class="running-list">
                    <For each=move || running.clone() key=|i| (i.run.id, i.run.state.as_str()) children=move |i| running_item(i, feed) />
                </ul>
            }
            .into_any()
        };
        let waiting = (waiting > 0).then(|| {
            view! {
                <p class="small" data-testid="queue-waiting">
                    {fl!(LOADER, "dashboard-waiting", count = waiting)}
                    " "
                    <a href=crate::paths::href("/status")>{fl!(LOADER, "dashboard-queue-link")}</a>
                </p>
            }
        });
        view! { {list} {waiting} }.into_any()
    };
    view! {
        <section class="panel" aria-labelledby="running-title" data-testid="running-now">
            <h2 id="running-title">{move || fl!(LOADER, "dashboard-running-title")}</h2>
            {body}
        </section>
    }
}

fn running_item(item: QueueItem, feed: QueueFeed) -> impl IntoView {
    let id = item.run.id;
    let progress = Memo::new(move |_| {
        feed.items.with(|q| {
            q.as_ref()
                .and_then(|q| q.iter().find(|i| i.run.id == id))
                .and_then(|i| i.run.progress.clone())
        })
    });
    view! {
        <li class="running-item" data-testid="running-run" data-run-id=id.to_string() data-job-id=item.run.job_id.to_string()>
            <span class="running-head">
                <a href=crate::paths::href(&format!("/jobs/{}", item.run.job_id))>{item.job_name.clone()}</a>
                <span class="muted small">{item.client_name.clone()}</span>
                {state_badge(item.run.state)}
            </span>
            {progress_bar(progress, "running-progress")}
        </li>
    }
}

/// "Next scheduled runs": job, client, when, levels.
#[component]
pub fn NextRuns(runs: Signal<Option<Vec<NextRun>>>) -> impl IntoView {
    let body = move || {
        let list = runs.get()?;
        if list.is_empty() {
            return Some(
                view! { <p class="empty" data-testid="next-runs-empty">{fl!(LOADER, "dashboard-next-empty")}</p> }
                    .into_any(),
            );
        }
        let rows = list
            .into_iter()
            .map(|n| {
                let levels: Vec<String> = n.levels.iter().map(|l| labels::level_name(*l)).collect();
                view! {
                    <li class="next-run" data-testid="next-run" data-job-id=n.job.id.to_string() data-at=n.at.to_rfc3339()>
                        <span class="next-run-head">
                            <a href=crate::paths::href(&format!("/jobs/{}", n.job.id))>{n.job.name}</a>
                            <span class="muted small">{n.client.name}</span>
                        </span>
                        <span class="small">
                            <time datetime=n.at.to_rfc3339()>{crate::dates::date_time_with_weekday(&n.at)}</time>
                            " · "
                            {format::list(&levels)}
                        </span>
                    </li>
                }
            })
            .collect_view();
        Some(view! { <ul class="next-runs">{rows}</ul> }.into_any())
    };
    view! {
        <section class="panel" aria-labelledby="next-title" data-testid="next-runs">
            <h2 id="next-title">{move || fl!(LOADER, "dashboard-next-title")}</h2>
            {body}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_runs_past_the_queue_are_running() {
        assert!(executing(RunState::Running));
        assert!(executing(RunState::PreJob));
        assert!(executing(RunState::Aborting));
        assert!(!executing(RunState::Queued));
        assert!(!executing(RunState::WaitingForClient));
        assert!(!executing(RunState::Finished));
    }
}
