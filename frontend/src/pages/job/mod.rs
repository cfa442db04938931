//! The job pages: `/clients/{cid}/jobs/new` and `/jobs/{id}` — the form, the job's facts
//! (size, last run, priority), "Run now", its runs and snapshots, its trigger token,
//! deletion and the help panel.

mod draft;
mod fields;
mod help;
pub mod runs;
mod snapshots;
mod token;

use i18n_embed_fl::fl;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use shared::clients::{Client, Connection};
use shared::jobs::{Job, JobInput};
use shared::locations::Location;
use shared::policies::Policy;
use shared::scripts::Script;

use self::draft::JobDraft;
use self::fields::JobFields;
use self::help::JobHelp;
use self::runs::RunsPanel;
use self::snapshots::SnapshotsPanel;
use self::token::TokenPanel;
use crate::api::{catalog, runs as run_api};
use crate::components::dialog::ConfirmDialog;
use crate::components::feedback::{Alert, AlertKind};
use crate::components::form::FormState;
use crate::components::page::{Loading, PageTitle};
use crate::components::unsaved::{discard, use_unsaved};
use crate::format;
use crate::i18n::{self, LOADER};
use crate::labels;
use crate::pages::not_found::NotFoundPage;
use crate::state::use_session;

/// `/clients/{cid}/jobs/new`.
#[component]
pub fn NewJobPage() -> impl IntoView {
    let params = use_params_map();
    move || match params.with(|p| p.get("cid").and_then(|s| s.parse::<i64>().ok())) {
        Some(cid) => view! { <JobPage client_id=cid id=None /> }.into_any(),
        None => view! { <NotFoundPage /> }.into_any(),
    }
}

/// `/jobs/{id}`.
#[component]
pub fn EditJobPage() -> impl IntoView {
    let params = use_params_map();
    move || match params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok())) {
        Some(id) => view! { <JobPage client_id=0 id=Some(id) /> }.into_any(),
        None => view! { <NotFoundPage /> }.into_any(),
    }
}

fn path_hint(client: Option<&Client>) -> String {
    match client.map(|c| &c.connection) {
        Some(Connection::RsyncDaemon { .. }) => fl!(LOADER, "job-path-hint-daemon"),
        Some(Connection::Local) => fl!(LOADER, "job-path-hint-local"),
        _ => fl!(LOADER, "job-path-hint-ssh"),
    }
}

#[component]
fn JobPage(client_id: i64, id: Option<i64>) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let draft = JobDraft::new(client_id);
    let form = FormState::new();
    let job = RwSignal::new(None::<Job>);
    let client = RwSignal::new(None::<Client>);
    let policies = RwSignal::new(Vec::<Policy>::new());
    let locations = RwSignal::new(Vec::<Location>::new());
    let scripts = RwSignal::new(Vec::<Script>::new());
    let baseline = RwSignal::new(None::<JobInput>);
    let deleting = RwSignal::new(false);
    let delete_error = RwSignal::new(None::<String>);
    let delete_pending = RwSignal::new(false);
    let runs_reload = RwSignal::new(0u32);
    let snapshots_reload = RwSignal::new(0u32);
    let run_notice = RwSignal::new(None::<String>);
    let run_error = RwSignal::new(None::<String>);
    let run_pending = RwSignal::new(false);

    if query.with_untracked(|q| q.get("saved").is_some()) {
        form.notice.set(Some(fl!(LOADER, "saved")));
    }
    let load_client = move |cid: i64| {
        spawn_local(async move {
            if let Ok(c) = catalog::client(cid).await {
                client.set(Some(c));
            }
        });
    };
    spawn_local(async move {
        let (p, l, s) = (
            catalog::all_policies().await,
            catalog::all_locations().await,
            catalog::all_scripts().await,
        );
        if baseline.is_disposed() {
            return; // The page was left meanwhile.
        }
        match (p, l, s) {
            (Ok(p), Ok(l), Ok(s)) => {
                if id.is_none() {
                    // Defaults of a new job: the first policy and active location.
                    if let Some(first) = p.iter().min_by_key(|p| p.id) {
                        draft.policy.set(first.id.to_string());
                    }
                    if let Some(first) = l.iter().filter(|l| l.active).min_by_key(|l| l.id) {
                        draft.location.set(first.id.to_string());
                    }
                    baseline.set(Some(untrack(|| draft.build()).0));
                }
                policies.set(p);
                locations.set(l);
                scripts.set(s);
            }
            (Err(f), _, _) | (_, Err(f), _) | (_, _, Err(f)) => form.fail(session, f),
        }
    });
    let loaded = move |j: Job| {
        if baseline.is_disposed() {
            return; // The page was left while the job was on its way.
        }
        draft.load(&j);
        baseline.set(Some(untrack(|| draft.build()).0));
        job.set(Some(j));
    };
    match id {
        Some(id) => spawn_local(async move {
            match catalog::job(id).await {
                Ok(j) => {
                    load_client(j.client.id);
                    loaded(j);
                }
                Err(f) => form.fail(session, f),
            }
        }),
        None => load_client(client_id),
    }

    let dirty = Memo::new(move |_| {
        let now = draft.build().0;
        baseline.with(|b| b.as_ref().is_some_and(|b| *b != now))
    });
    use_unsaved(dirty.into());

    let nav = navigate.clone();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if form.pending.get_untracked() {
            return;
        }
        form.clear();
        let (input, mut issues) = untrack(|| draft.build());
        issues.extend(input.validate());
        if !form.check(&issues) {
            return;
        }
        form.pending.set(true);
        let navigate = nav.clone();
        spawn_local(async move {
            let answer = match id {
                Some(id) => catalog::update_job(id, &input).await,
                None => catalog::create_job(&input).await,
            };
            form.pending.set(false);
            match answer {
                Ok(saved) if id.is_none() => {
                    discard();
                    navigate(&format!("/jobs/{}?saved=1", saved.id), Default::default());
                }
                Ok(saved) => {
                    loaded(saved);
                    form.notice.set(Some(fl!(LOADER, "saved")));
                }
                Err(f) => form.fail(session, f),
            }
        });
    };
    let run_now = move |_| {
        let Some(id) = id else { return };
        run_notice.set(None);
        run_error.set(None);
        run_pending.set(true);
        spawn_local(async move {
            match run_api::run_job(id).await {
                Ok(_) => {
                    run_notice.set(Some(fl!(LOADER, "run-started")));
                    runs_reload.update(|n| *n += 1);
                }
                Err(f) if f.code == Some(shared::ErrorCode::RunInProgress) => {
                    run_error.set(Some(fl!(LOADER, "run-already")))
                }
                Err(f) => run_error.set(Some(session.check_failure(f).message())),
            }
            run_pending.set(false);
        });
    };
    let on_finished = Callback::new(move |()| {
        snapshots_reload.update(|n| *n += 1);
        if let Some(id) = id {
            spawn_local(async move {
                if let Ok(j) = catalog::job(id).await {
                    job.update(|current| {
                        if let Some(current) = current {
                            current.last_result = j.last_result;
                            current.last_run_at = j.last_run_at;
                            current.size_bytes = j.size_bytes;
                        }
                    });
                }
            });
        }
    });
    let nav = navigate.clone();
    let confirm_delete = Callback::new(move |()| {
        let Some(id) = id else { return };
        delete_pending.set(true);
        let navigate = nav.clone();
        spawn_local(async move {
            match catalog::delete_job(id).await {
                Ok(()) => {
                    discard();
                    navigate("/", Default::default());
                }
                Err(f) => delete_error.set(Some(session.check_failure(f).explain())),
            }
            delete_pending.set(false);
        });
    });

    let client_name =
        move || client.with(|c| c.as_ref().map(|c| c.name.clone()).unwrap_or_default());
    let title = Signal::derive(move || match id {
        None => fl!(LOADER, "job-new-title", client = client_name()),
        Some(_) => fl!(
            LOADER,
            "job-edit-title",
            name = job.with(|j| j.as_ref().map(|j| j.name.clone()).unwrap_or_default()),
            client = client_name()
        ),
    });
    let ready =
        move || (id.is_none() || job.with(Option::is_some)) && baseline.with(Option::is_some);
    let facts = move || {
        job.get().map(|j| {
            let last = match j.last_run_at {
                Some(t) => i18n::format_time(&t),
                None => fl!(LOADER, "never"),
            };
            view! {
                <dl class="facts" id="job-facts">
                    <dt>{fl!(LOADER, "col-last-result")}</dt>
                    <dd><span class=labels::result_class(j.last_result)>{labels::result_text(j.last_result)}</span></dd>
                    <dt>{fl!(LOADER, "col-last-run")}</dt>
                    <dd>{last}</dd>
                    <dt>{fl!(LOADER, "col-size")}</dt>
                    <dd>{format::size(j.size_bytes)}</dd>
                    <dt>{fl!(LOADER, "job-priority")}</dt>
                    <dd>{j.priority.to_string()}" "<a href="/jobs/priorities">{fl!(LOADER, "jobs-priorities")}</a></dd>
                </dl>
            }
        })
    };
    let back = move || match client.with(|c| c.as_ref().map(|c| c.id)) {
        Some(cid) => format!("/clients/{cid}"),
        None => "/".to_owned(),
    };

    view! {
        <PageTitle title=title />
        <div class="page-actions">
            <button
                type="button"
                id="job-run"
                class="button button-primary"
                disabled=move || id.is_none() || run_pending.get()
                title=move || if id.is_some() { String::new() } else { fl!(LOADER, "job-not-saved") }
                on:click=run_now
            >
                {move || fl!(LOADER, "run-now")}
            </button>
            {id.map(|_| view! {
                <button type="button" id="job-delete" class="button button-danger-quiet" on:click=move |_| deleting.set(true)>
                    {move || fl!(LOADER, "delete")}
                </button>
            })}
        </div>
        <Alert id="job-run-notice" kind=AlertKind::Success message=run_notice />
        <Alert id="job-run-error" kind=AlertKind::Error message=run_error />
        // The saved job's setting, said plainly while it is on.
        <Alert
            id="job-permissions-warning"
            kind=AlertKind::Warning
            message=Signal::derive(move || {
                job.with(|j| j.as_ref().is_some_and(|j| j.use_local_permissions))
                    .then(|| fl!(LOADER, "job-permissions-rewritten-warning"))
            })
        />
        <div class="form-page">
            <div class="form-column">
                <section class="panel">
                    <Alert id="job-error" kind=AlertKind::Error message=form.general() />
                    <Alert id="job-saved" kind=AlertKind::Success message=form.notice />
                    {facts}
                    <Show when=ready fallback=|| view! { <Loading /> }>
                        <form id="job-form" class="form form-wide" novalidate on:submit=submit.clone()>
                            <JobFields
                                draft=draft
                                form=form
                                policies=policies
                                locations=locations
                                scripts=scripts
                                path_hint=Signal::derive(move || client.with(|c| path_hint(c.as_ref())))
                                saved_location=Signal::derive(move || job.with(|j| j.as_ref().map(|j| j.location.id)))
                            />
                            <div class="form-actions">
                                <button id="job-save" type="submit" class="button button-primary" disabled=move || form.pending.get()>
                                    {move || if form.pending.get() { fl!(LOADER, "saving") } else { fl!(LOADER, "save") }}
                                </button>
                                <a class="button" href=back id="job-cancel">{move || fl!(LOADER, "job-back")}</a>
                            </div>
                        </form>
                    </Show>
                </section>
                {id.map(|id| view! {
                    <RunsPanel job_id=id reload=runs_reload on_finished=on_finished />
                    <SnapshotsPanel job_id=id reload=snapshots_reload />
                    <TokenPanel id=id job=job />
                })}
            </div>
            <JobHelp />
        </div>
        <Show when=move || deleting.get()>
            <ConfirmDialog
                id="delete-dialog"
                title=Signal::derive(move || fl!(LOADER, "delete-job-title", name = format!("{}/{}", client_name(), draft.name.get_untracked())))
                confirm_label=Signal::derive(move || fl!(LOADER, "delete"))
                on_confirm=confirm_delete
                on_cancel=Callback::new(move |()| deleting.set(false))
                pending=delete_pending
                error=delete_error
            >
                <p class="warning-text">{move || fl!(LOADER, "delete-job-body")}</p>
            </ConfirmDialog>
        </Show>
    }
}
