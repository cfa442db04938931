//! A run's page (`/runs/{id}`): its details, the whole rsync and script output as plain
//! text with a download link, and an Abort button (with confirmation) and its progress
//! while it goes on. Run and log are one resource, fetched again a second after each
//! answer until the run has finished.

use chrono::Utc;
use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use shared::runs::Run;

use crate::api::{runs, Failure};
use crate::components::announce::RunAnnouncer;
use crate::components::dialog::ConfirmDialog;
use crate::components::feedback::{Alert, AlertKind};
use crate::components::page::{Loading, PageTitle};
use crate::components::progress::progress_bar;
use crate::format;
use crate::i18n::{self, LOADER};
use crate::pages::job::runs::{levels_text, run_badge};
use crate::pages::not_found::NotFoundPage;
use crate::run_labels;
use crate::scaffold::loaded::Poll;
use crate::state::use_session;

/// `/runs/{id}`.
#[component]
pub fn RunPage() -> impl IntoView {
    let params = use_params_map();
    move || match params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok())) {
        Some(id) => view! { <RunDetails id=id /> }.into_any(),
        None => view! { <NotFoundPage /> }.into_any(),
    }
}

#[component]
fn RunDetails(id: i64) -> impl IntoView {
    let session = use_session();
    let run = RwSignal::new(None::<Run>);
    let log = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<Failure>);
    follow_run(id, run, log, failure);
    let asking = RwSignal::new(false);
    let abort_pending = RwSignal::new(false);
    let abort_error = RwSignal::new(None::<String>);

    let confirm_abort = Callback::new(move |()| {
        abort_pending.set(true);
        spawn_local(async move {
            match runs::abort_run(id).await {
                Ok(r) => {
                    asking.set(false);
                    abort_error.set(None);
                    run.set(Some(r));
                }
                Err(f) if f.plain_conflict() => {
                    asking.set(false);
                }
                Err(f) => abort_error.set(Some(session.check_failure(f).message())),
            }
            abort_pending.set(false);
        });
    });

    let title = Signal::derive(move || fl!(LOADER, "run-title", id = id));
    let error = Signal::derive(move || failure.with(|f| f.as_ref().map(Failure::message)));
    let details = move || {
        session.language.track();
        run.get().map(run_facts)
    };
    let unfinished = move || run.with(|r| r.as_ref().is_some_and(run_labels::unfinished));

    view! {
        <PageTitle title=title />
        <div class="page-actions">
            <a class="button" id="run-log-download" href=runs::log_url(id) download=format!("run-{id}.log")>
                {move || fl!(LOADER, "run-download-log")}
            </a>
            <Show when=unfinished>
                <button type="button" id="run-abort" class="button button-danger-quiet" on:click=move |_| asking.set(true)>
                    {move || fl!(LOADER, "run-abort")}
                </button>
            </Show>
        </div>
        <Alert id="run-page-error" kind=AlertKind::Error message=error />
        <section class="panel" id="run-details">
            {move || if run.with(Option::is_none) && failure.with(Option::is_none) {
                view! { <Loading /> }.into_any()
            } else {
                details().into_any()
            }}
            <RunProgress run=run />
            <RunAnnouncer id="run-announce" run=run />
        </section>
        <section class="panel" aria-labelledby="run-log-title">
            <h2 id="run-log-title">{move || fl!(LOADER, "run-log-title")}</h2>
            <pre id="run-log" class="log" tabindex="0">{move || log.get().unwrap_or_default()}</pre>
        </section>
        <Show when=move || asking.get()>
            <ConfirmDialog
                id="abort-dialog"
                title=Signal::derive(move || fl!(LOADER, "run-abort-title"))
                confirm_label=Signal::derive(move || fl!(LOADER, "run-abort"))
                on_confirm=confirm_abort
                on_cancel=Callback::new(move |()| asking.set(false))
                pending=abort_pending
                error=abort_error
            >
                <p>{move || fl!(LOADER, "run-abort-body")}</p>
            </ConfirmDialog>
        </Show>
    }
}

/// Loads run `id` and then its log, again a second after each answer while the run has
/// not finished (and the page is shown); a failed run fetch stops, a failed log fetch keeps
/// the last log.
fn follow_run(
    id: i64,
    run: RwSignal<Option<Run>>,
    log: RwSignal<Option<String>>,
    failure: RwSignal<Option<Failure>>,
) {
    let session = use_session();
    let poll = Poll::new();
    // The log after the run: when the run has finished, the log is complete.
    let fetched = LocalResource::new(move || {
        let tick = poll.track();
        async move { (tick, runs::run(id).await, runs::run_log(id).await) }
    });
    Effect::new(move |shown: Option<Option<u32>>| {
        let shown = shown.flatten();
        let Some((tick, r, l)) = fetched.get() else {
            return shown;
        };
        if shown == Some(tick) {
            return shown;
        }
        untrack(|| match r {
            Ok(r) => {
                if run_labels::unfinished(&r) {
                    poll.again();
                }
                run.set(Some(r));
                if let Ok(text) = l {
                    log.set(Some(text));
                }
            }
            Err(f) => failure.set(Some(session.check_failure(f))),
        });
        Some(tick)
    });
}

/// The progress bar while the run goes on and reports progress.
#[component]
fn RunProgress(run: RwSignal<Option<Run>>) -> impl IntoView {
    let progress = Memo::new(move |_| {
        run.with(|r| {
            r.as_ref()
                .filter(|r| run_labels::unfinished(r))
                .and_then(|r| r.progress.clone())
        })
    });
    let has_progress = Memo::new(move |_| progress.with(Option::is_some));
    view! {
        <Show when=move || has_progress.get()>
            <div id="run-progress" class="run-page-progress">
                <h3 class="small muted">{move || fl!(LOADER, "queue-col-progress")}</h3>
                {progress_bar(progress, "run-page-progress")}
            </div>
        </Show>
    }
}

/// What is known about run `r`: result, error, what it restored, job, trigger, levels,
/// times and statistics.
fn run_facts(r: Run) -> impl IntoView {
    let now = Utc::now();
    let started = r
        .started_at
        .map(|t| i18n::format_time(&t))
        .unwrap_or_default();
    let finished = r
        .finished_at
        .map(|t| i18n::format_time(&t))
        .unwrap_or_default();
    let error = r.error_code.clone().map(|code| {
        let text = run_labels::error_text(&code);
        view! {
            <dt>{fl!(LOADER, "run-error")}</dt>
            <dd id="run-error-text">{text}" "<code class="muted">{code}</code></dd>
        }
    });
    let stats = r.stats.map(|s| {
        view! {
            <dt>{fl!(LOADER, "runs-col-files")}</dt>
            <dd id="run-files">{fl!(LOADER, "run-files-detail", files = s.files, transferred = s.files_transferred)}</dd>
            <dt>{fl!(LOADER, "col-size")}</dt>
            <dd>{fl!(LOADER, "run-bytes-detail", total = format::size(s.total_bytes), transferred = format::size(s.transferred_bytes))}</dd>
        }
    });
    let restore = r.restore.clone().map(|target| {
        let shown = if target.path.is_empty() {
            "/".to_owned()
        } else {
            format!("/{}", crate::pages::browse::display_path(&target.path))
        };
        view! {
            <dt>{fl!(LOADER, "run-kind")}</dt>
            <dd id="run-restore" data-kind="restore">
                {fl!(LOADER, "run-restore-detail", path = shown, destination = target.destination)}" "
                <a id="run-restore-snapshot" href=crate::paths::href(&format!("/snapshots/{}", target.snapshot_id))>
                    {fl!(LOADER, "run-restore-snapshot")}
                </a>
            </dd>
        }
    });
    view! {
        <dl class="facts" id="run-facts" data-state=if run_labels::unfinished(&r) { "unfinished" } else { "finished" }>
            <dt>{fl!(LOADER, "runs-col-result")}</dt>
            <dd id="run-result">{run_badge(&r)}</dd>
            {error}
            {restore}
            {(r.kind == shared::runs::RunKind::Replicate).then(|| view! {
                <dt>{fl!(LOADER, "run-kind-label")}</dt>
                <dd id="run-replicate" data-kind="replicate">{fl!(LOADER, "run-kind-replicate")}</dd>
            })}
            <dt>{fl!(LOADER, "runs-col-job")}</dt>
            <dd><JobLink job_id=r.job_id /></dd>
            <dt>{fl!(LOADER, "runs-col-trigger")}</dt>
            <dd>{run_labels::trigger_text(r.trigger)}</dd>
            <dt>{fl!(LOADER, "runs-col-levels")}</dt>
            <dd>{levels_text(&r.levels)}</dd>
            <dt>{fl!(LOADER, "runs-col-started")}</dt>
            <dd>{started}</dd>
            <dt>{fl!(LOADER, "run-finished")}</dt>
            <dd>{finished}</dd>
            <dt>{fl!(LOADER, "runs-col-duration")}</dt>
            <dd>{run_labels::run_duration(&r, now)}</dd>
            {stats}
        </dl>
    }
}

/// A link to the run's job, named by its job and client once they are loaded (`#id`
/// until then, or when the job cannot be read).
#[component]
fn JobLink(job_id: i64) -> impl IntoView {
    let job = LocalResource::new(move || crate::api::catalog::job(job_id));
    let name = move || match job.get() {
        Some(Ok(j)) => fl!(
            LOADER,
            "run-job-name",
            name = j.name,
            client = j.client.name
        ),
        _ => format!("#{job_id}"),
    };
    view! { <a id="run-job-link" href=crate::paths::href(&format!("/jobs/{job_id}"))>{name}</a> }
}
