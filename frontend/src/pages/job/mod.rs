//! The job pages: `/clients/{cid}/jobs/new` and `/jobs/{id}` — the form, the job's facts
//! (size, last run, priority), "Run now", its history charts, its runs and snapshots, its
//! trigger token, deletion and the help panel.

mod charts;
mod draft;
mod fields;
mod help;
pub mod runs;
mod series;
mod snapshots;
mod token;

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use shared::clients::{Client, Connection};
use shared::jobs::Job;
use shared::locations::Location;
use shared::policies::Policy;
use shared::scripts::Script;

use self::charts::ChartsPanel;
use self::draft::JobDraft;
use self::fields::JobFields;
use self::help::JobHelp;
use self::runs::RunsPanel;
use self::snapshots::SnapshotsPanel;
use self::token::TokenPanel;
use crate::api::{catalog, runs as run_api};
use crate::components::feedback::{Alert, AlertKind};
use crate::components::page::{Loading, PageTitle};
use crate::format;
use crate::i18n::{self, LOADER};
use crate::labels;
use crate::pages::not_found::NotFoundPage;
use crate::pages::replication::takeover::{copy_badge, read_only_reason};
use crate::scaffold::deletion::DeleteDialog;
use crate::scaffold::entity_form::{use_entity_form, EntityForm, SaveButton, SubmitHooks};
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

/// The lists a job's fields choose from.
#[derive(Debug, Clone, Copy)]
struct Choices {
    policies: RwSignal<Vec<Policy>>,
    locations: RwSignal<Vec<Location>>,
    scripts: RwSignal<Vec<Script>>,
}

impl Choices {
    /// Fetches the policies, locations and scripts; a new job's draft then gets the first
    /// policy and active location, and its baseline.
    fn load(page: EntityForm<Job, JobDraft>) -> Self {
        let this = Choices {
            policies: RwSignal::new(Vec::new()),
            locations: RwSignal::new(Vec::new()),
            scripts: RwSignal::new(Vec::new()),
        };
        let session = use_session();
        let fetched = LocalResource::new(|| async {
            (
                catalog::all_policies().await,
                catalog::all_locations().await,
                catalog::all_scripts().await,
            )
        });
        Effect::new(move |_| {
            let Some(answer) = fetched.get() else { return };
            untrack(|| match answer {
                (Ok(p), Ok(l), Ok(s)) => {
                    if page.id.is_none() {
                        if let Some(first) = p.iter().min_by_key(|p| p.id) {
                            page.draft.policy.set(first.id.to_string());
                        }
                        if let Some(first) = l.iter().filter(|l| l.active).min_by_key(|l| l.id) {
                            page.draft.location.set(first.id.to_string());
                        }
                        page.set_baseline();
                    }
                    this.policies.set(p);
                    this.locations.set(l);
                    this.scripts.set(s);
                }
                (Err(f), _, _) | (_, Err(f), _) | (_, _, Err(f)) => page.form.fail(session, f),
            });
        });
        this
    }
}

#[component]
fn JobPage(client_id: i64, id: Option<i64>) -> impl IntoView {
    let page = use_entity_form::<Job, _>(id, JobDraft::new(client_id), false);
    let (form, job) = (page.form, page.entity);
    let choices = Choices::load(page);
    // The job's client: the one in the address for a new job, else the loaded job's.
    let client_id = Memo::new(move |_| match id {
        None => Some(client_id),
        Some(_) => job.with(|j| j.as_ref().map(|j| j.client.id)),
    });
    let fetched_client = LocalResource::new(move || {
        let cid = client_id.get();
        async move { catalog::client(cid?).await.ok() }
    });
    let client = Signal::derive(move || fetched_client.get().flatten());
    let deleting = RwSignal::new(false);
    let runs_reload = RwSignal::new(0u32);
    let snapshots_reload = RwSignal::new(0u32);
    let runs_finished = RwSignal::new(0u32);
    follow_results(id, job, runs_finished);
    let on_finished = Callback::new(move |()| {
        snapshots_reload.update(|n| *n += 1);
        runs_finished.update(|n| *n += 1);
    });
    let client_name = Signal::derive(move || {
        client.with(|c| c.as_ref().map(|c| c.name.clone()).unwrap_or_default())
    });
    let title = Signal::derive(move || match id {
        None => fl!(LOADER, "job-new-title", client = client_name.get()),
        Some(_) => fl!(
            LOADER,
            "job-edit-title",
            name = page.with_entity(|j| j.name.clone()),
            client = client_name.get()
        ),
    });

    let copied = is_copy(job);
    view! {
        <PageTitle title=title />
        <LateHeader job=job />
        <CopyHeader job=job />
        <JobActions id=id deleting=deleting runs_reload=runs_reload copied=copied />
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
                    <JobFacts job=job />
                    <JobForm page=page choices=choices client=client copied=copied />
                </section>
                {id.map(|id| view! {
                    <ChartsPanel job_id=id reload=runs_finished />
                    <RunsPanel job_id=id reload=runs_reload on_finished=on_finished />
                    <SnapshotsPanel job_id=id reload=snapshots_reload />
                    <Show when=move || !copied.get()><TokenPanel id=id job=job /></Show>
                })}
            </div>
            <JobHelp />
        </div>
        {id.map(|id| view! {
            <DeleteDialog
                open=deleting
                id=id
                title=Signal::derive(move || fl!(LOADER, "delete-job-title", name = format!("{}/{}", client_name.get(), page.draft.name.get_untracked())))
                delete=catalog::delete_job
            >
                <p class="warning-text">{move || fl!(LOADER, "delete-job-body")}</p>
            </DeleteDialog>
        })}
    }
}

/// The form, once the job (when saved) and the lists are loaded: the fields, "Save" and
/// "Back" to the client.
#[component]
fn JobForm(
    page: EntityForm<Job, JobDraft>,
    choices: Choices,
    client: Signal<Option<Client>>,
    /// A copy of a primary's job: shown, not changed.
    copied: Signal<bool>,
) -> impl IntoView {
    let (form, job, id) = (page.form, page.entity, page.id);
    let submit = page.submit(SubmitHooks::default());
    let ready = move || (id.is_none() || job.with(Option::is_some)) && page.ready();
    let back = move || match client.with(|c| c.as_ref().map(|c| c.id)) {
        Some(cid) => format!("/clients/{cid}"),
        None => "/jobs".to_owned(),
    };
    view! {
        <Show when=ready fallback=|| view! { <Loading /> }>
            <form id="job-form" class="form form-wide" novalidate on:submit=submit.clone()>
                <fieldset class="plain-reset" disabled=move || copied.get()>
                <JobFields
                    draft=page.draft
                    form=form
                    policies=choices.policies
                    locations=choices.locations
                    scripts=choices.scripts
                    path_hint=Signal::derive(move || client.with(|c| path_hint(c.as_ref())))
                    saved_location=Signal::derive(move || job.with(|j| j.as_ref().map(|j| j.location.id)))
                />
                </fieldset>
                <div class="form-actions">
                    <Show when=move || !copied.get()><SaveButton id="job-save" form=form /></Show>
                    <a class="button" href=move || crate::paths::href(&back()) id="job-cancel">{move || fl!(LOADER, "job-back")}</a>
                </div>
            </form>
        </Show>
    }
}

/// Fetches job `id` again for its last result, last run and size each time one of its
/// runs ends (`finished` counts them), into the loaded `job`.
fn follow_results(id: Option<i64>, job: RwSignal<Option<Job>>, finished: RwSignal<u32>) {
    let Some(id) = id else { return };
    let fetched = LocalResource::new(move || {
        let ended = finished.get();
        async move {
            match ended {
                0 => None,
                _ => catalog::job(id).await.ok(),
            }
        }
    });
    Effect::new(move |_| {
        let Some(Some(j)) = fetched.get() else { return };
        job.update(|current| {
            if let Some(current) = current {
                current.last_result = j.last_result;
                current.last_run_at = j.last_run_at;
                current.size_bytes = j.size_bytes;
            }
        });
    });
}

/// "Run now" and "Delete" above the form, with what "Run now" answered.
#[component]
fn JobActions(
    id: Option<i64>,
    deleting: RwSignal<bool>,
    runs_reload: RwSignal<u32>,
    /// A copied job is not run here: "Run now" is disabled.
    copied: Signal<bool>,
) -> impl IntoView {
    let session = use_session();
    let run_notice = RwSignal::new(None::<String>);
    let run_error = RwSignal::new(None::<String>);
    let run_pending = RwSignal::new(false);
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
    view! {
        <div class="page-actions">
            <button
                type="button"
                id="job-run"
                class="button button-primary"
                disabled=move || id.is_none() || run_pending.get() || copied.get()
                title=move || if copied.get() { fl!(LOADER, "copy-no-run") } else if id.is_some() { String::new() } else { fl!(LOADER, "job-not-saved") }
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
    }
}

/// Whether the loaded job is a copy of a primary's (read-only).
fn is_copy(job: RwSignal<Option<Job>>) -> Signal<bool> {
    Signal::derive(move || job.with(|j| j.as_ref().is_some_and(|j| j.copy_of.is_some())))
}

/// Under the title of a copied job: "copy of <primary>" and why it cannot be changed.
#[component]
fn CopyHeader(job: RwSignal<Option<Job>>) -> impl IntoView {
    move || {
        job.with(|j| j.as_ref().and_then(|j| j.copy_of.clone())).map(|c| view! {
            <p class="page-badges">{copy_badge(&c)}" "<span class="muted small" id="job-copy-reason">{read_only_reason(&c)}</span></p>
        })
    }
}

/// Under the title, the "Late" badge while the saved job is late.
#[component]
fn LateHeader(job: RwSignal<Option<Job>>) -> impl IntoView {
    move || {
        job.with(|j| j.as_ref().filter(|j| j.late).map(|j| j.late_since))
            .map(|since| view! { <p class="page-badges">{crate::pages::jobs::late_badge(since)}</p> })
    }
}

/// The saved job's facts: last result, last run, size and priority.
#[component]
fn JobFacts(job: RwSignal<Option<Job>>) -> impl IntoView {
    move || {
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
                    <dd>{j.priority.to_string()}" "<a href=crate::paths::href("/jobs/priorities")>{fl!(LOADER, "jobs-priorities")}</a></dd>
                </dl>
            }
        })
    }
}
