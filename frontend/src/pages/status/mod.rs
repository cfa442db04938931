//! Status (`/status`): the queue with live progress (state, progress bar, rate, time
//! left, file being copied, time since start) and an Abort button per run, then the
//! clients that are busy or failed. Both lists are loaded once and then follow the live
//! event stream, without reloading.

mod clients;
mod rows;

use std::time::Duration;

use chrono::{DateTime, Utc};
use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::events::QueueItem;

use self::clients::ClientStates;
use self::rows::{queue_row, QueueContext};
use crate::api::{runs, Failure};
use crate::components::dialog::ConfirmDialog;
use crate::components::feedback::{Alert, AlertKind};
use crate::components::page::{Loading, PageTitle};
use crate::i18n::LOADER;
use crate::live::use_live;
use crate::queue;
use crate::queue_feed::QueueFeed;
use crate::state::use_session;

/// The Status page.
#[component]
pub fn StatusPage() -> impl IntoView {
    let session = use_session();
    let feed = QueueFeed::start(true);
    let now = ticking_clock();
    let asking = RwSignal::new(None::<QueueItem>);
    let abort_pending = RwSignal::new(false);
    let abort_error = RwSignal::new(None::<String>);
    let on_abort = Callback::new(move |item: QueueItem| {
        abort_error.set(None);
        asking.set(Some(item));
    });
    let confirm_abort = Callback::new(move |()| {
        let Some(item) = asking.get_untracked() else {
            return;
        };
        abort_pending.set(true);
        spawn_local(async move {
            match runs::abort_run(item.run.id).await {
                Ok(run) => {
                    asking.set(None);
                    let changed = QueueItem { run, ..item };
                    feed.items.update(|items| {
                        if let Some(items) = items {
                            queue::apply_run(items, changed, true);
                        }
                    });
                }
                // It has just finished.
                Err(f) if f.plain_conflict() => asking.set(None),
                Err(f) => abort_error.set(Some(session.check_failure(f).message())),
            }
            abort_pending.set(false);
        });
    });

    let ctx = QueueContext {
        feed,
        now,
        on_abort,
    };
    let error = Signal::derive(move || feed.failure.with(|f| f.as_ref().map(Failure::message)));
    let which = move || {
        asking.with(|a| {
            a.as_ref().map(|i| {
                fl!(
                    LOADER,
                    "queue-abort-which",
                    client = i.client_name.clone(),
                    job = i.job_name.clone()
                )
            })
        })
    };

    view! {
        <PageTitle title=Signal::derive(move || fl!(LOADER, "nav-status")) />
        <LiveStatus />
        <Alert id="status-error" kind=AlertKind::Error message=error />
        <section class="panel" aria-labelledby="queue-title">
            <h2 id="queue-title">{move || fl!(LOADER, "queue-title")}</h2>
            <QueueTable feed=feed ctx=ctx />
        </section>
        <ClientStates feed=feed />
        <Show when=move || asking.with(Option::is_some)>
            <ConfirmDialog
                id="abort-dialog"
                title=Signal::derive(move || fl!(LOADER, "run-abort-title"))
                confirm_label=Signal::derive(move || fl!(LOADER, "run-abort"))
                on_confirm=confirm_abort
                on_cancel=Callback::new(move |()| asking.set(None))
                pending=abort_pending
                error=abort_error
            >
                <p id="abort-which"><strong>{which}</strong></p>
                <p>{move || fl!(LOADER, "run-abort-body")}</p>
            </ConfirmDialog>
        </Show>
    }
}

/// Whether the live feed is connected, said in words and in `data-state`.
#[component]
fn LiveStatus() -> impl IntoView {
    let live = use_live();
    view! {
        <p
            id="live-status"
            class="live-status"
            class:live-status-off=move || !live.connected.get()
            data-state=move || if live.connected.get() { "open" } else { "closed" }
            role="status"
        >
            {move || if live.connected.get() { fl!(LOADER, "live-on") } else { fl!(LOADER, "live-off") }}
        </p>
    }
}

/// The queue: loading, empty, or a table with one row per queued or running run.
#[component]
fn QueueTable(feed: QueueFeed, ctx: QueueContext) -> impl IntoView {
    let session = use_session();
    let table = move || {
        // Redraw every row on a language switch.
        session.language.track();
        view! {
            <div class="table-wrap" tabindex="0">
                <table id="queue-table" class="table queue-table">
                    <thead>
                        <tr>
                            <th scope="col">{fl!(LOADER, "queue-col-client")}</th>
                            <th scope="col">{fl!(LOADER, "runs-col-job")}</th>
                            <th scope="col">{fl!(LOADER, "queue-col-state")}</th>
                            <th scope="col">{fl!(LOADER, "runs-col-trigger")}</th>
                            <th scope="col">{fl!(LOADER, "runs-col-levels")}</th>
                            <th scope="col">{fl!(LOADER, "queue-col-progress")}</th>
                            <th scope="col">{fl!(LOADER, "queue-col-rate")}</th>
                            <th scope="col">{fl!(LOADER, "queue-col-eta")}</th>
                            <th scope="col">{fl!(LOADER, "queue-col-file")}</th>
                            <th scope="col">{fl!(LOADER, "queue-col-elapsed")}</th>
                            <th scope="col"><span class="visually-hidden">{fl!(LOADER, "col-actions")}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || feed.items.get().unwrap_or_default()
                            key=|item| (item.run.id, item.run.state.as_str())
                            children=move |item| queue_row(item, ctx)
                        />
                    </tbody>
                </table>
            </div>
        }
    };
    // Only a change between loading, empty and not empty redraws the table.
    let shape = Memo::new(move |_| feed.items.with(|q| q.as_ref().map(Vec::is_empty)));
    move || match shape.get() {
        None if feed.failure.with(Option::is_none) => view! { <Loading /> }.into_any(),
        None => ().into_any(),
        Some(true) => view! {
            <p id="queue-empty" class="empty">{move || fl!(LOADER, "queue-empty")}</p>
        }
        .into_any(),
        Some(false) => table().into_any(),
    }
}

/// The current time, renewed every second while the page is shown (for elapsed times).
fn ticking_clock() -> RwSignal<DateTime<Utc>> {
    let now = RwSignal::new(Utc::now());
    let ticker = set_interval_with_handle(move || now.set(Utc::now()), Duration::from_secs(1)).ok();
    on_cleanup(move || {
        if let Some(t) = ticker {
            t.clear();
        }
    });
    now
}
