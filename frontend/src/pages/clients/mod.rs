//! The client pages: `/clients/new` and `/clients/{id}` — the form (with the API's
//! problems next to their fields), the client's jobs (their results follow the live
//! events), its ssh key, "Run now", deletion, and the help panel.

mod confirm;
mod draft;
mod fields;
mod help;
mod host;
mod key;
mod size;

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::clients::{Client, JobSummary};
use shared::events::Event;
use shared::runs::RunState;

use self::draft::ClientDraft;
use self::fields::ClientFields;
use self::help::ClientHelp;
use self::host::HostKeyPanel;
use self::key::KeyPanel;
use self::size::SizePanel;
use crate::api::{catalog, Failure};
use crate::components::feedback::{Alert, AlertKind};
use crate::components::page::PageTitle;
use crate::i18n::LOADER;
use crate::live::use_live;
use crate::pages::jobs::quota_warning_percent;
use crate::pages::jobs::run::{self as run_jobs, RunRequest, RunTargets};
use crate::pages::not_found::ById;
use crate::pages::replication::takeover::{copy_badge, TakeOverPanel};
use crate::scaffold::deletion::DeleteDialog;
use crate::scaffold::entity_form::{use_entity_form, EntityFormBody, SubmitHooks};
use crate::state::use_session;

/// `/clients/new`.
#[component]
pub fn NewClientPage() -> impl IntoView {
    view! { <ClientPage id=None /> }
}

/// `/clients/{id}`.
#[component]
pub fn EditClientPage() -> impl IntoView {
    view! { <ById page=|id| view! { <ClientPage id=Some(id) /> }.into_any() /> }
}

#[component]
fn ClientPage(id: Option<i64>) -> impl IntoView {
    let session = use_session();
    let page = use_entity_form::<Client, _>(id, ClientDraft::new(), true);
    let (form, client) = (page.form, page.entity);
    let scripts = LocalResource::new(catalog::all_scripts);
    Effect::new(move |_| {
        if let Some(Err(f)) = scripts.get() {
            untrack(|| form.fail(session, f));
        }
    });
    let scripts = Signal::derive(move || scripts.get().and_then(Result::ok).unwrap_or_default());
    let users = owner_choices();
    let sizes_reload = follow_results(id, client);
    let deleting = RwSignal::new(false);
    let submit = page.submit(SubmitHooks::default());
    let title = page.title(
        || fl!(LOADER, "client-new-title"),
        |name| fl!(LOADER, "client-edit-title", name = name),
    );
    let jobs = Signal::derive(move || {
        client.with(|c| c.as_ref().map(|c| c.jobs.clone()).unwrap_or_default())
    });
    let copy = Signal::derive(move || client.with(|c| c.as_ref().and_then(|c| c.copy_of.clone())));
    let copied = Signal::derive(move || copy.with(Option::is_some));

    view! {
        <PageTitle title=title />
        {move || copy.get().map(|c| view! { <p class="page-badges">{copy_badge(&c)}</p> })}
        <ClientActions id=id deleting=deleting copied=copied />
        <TakeOverPanel client=client />
        <div class="form-page">
            <div class="form-column">
                <section class="panel">
                    <EntityFormBody name="client" page=page on_submit=submit wide=true read_only=copied
                        after_save=|| view! { <a class="button" href=crate::paths::href("/jobs") id="client-cancel">{move || fl!(LOADER, "back-to-list")}</a> }>
                        <fieldset class="plain-reset" disabled=move || copied.get()>
                            <ClientFields draft=page.draft form=form scripts=scripts users=users />
                        </fieldset>
                    </EntityFormBody>
                </section>
                <Show when=move || client.with(Option::is_some)>
                    {id.map(|id| view! { <SizePanel id=id client=client warn_percent=quota_warning_percent() reload=sizes_reload /> })}
                    <ClientJobs jobs=jobs />
                    <Show when=move || !copied.get()>
                        <HostKeyPanel client=client />
                        <KeyPanel client=client />
                    </Show>
                </Show>
            </div>
            <ClientHelp />
        </div>
        {id.map(|id| view! {
            <DeleteDialog
                open=deleting
                id=id
                title=Signal::derive(move || fl!(LOADER, "delete-client-title", name = page.draft.name.get_untracked()))
                delete=catalog::delete_client
            >
                <p>{move || fl!(LOADER, "delete-clients-intro")}</p>
                <ul class="removal-list">
                    <li>
                        <strong>{move || client.with(|c| c.as_ref().map(|c| c.name.clone()))}</strong>" — "
                        {move || {
                            let names: Vec<String> = jobs.get().into_iter().map(|j| j.name).collect();
                            if names.is_empty() {
                                fl!(LOADER, "delete-client-no-jobs")
                            } else {
                                fl!(LOADER, "delete-client-jobs", count = names.len(), jobs = names.join(", "))
                            }
                        }}
                    </li>
                </ul>
                <p class="warning-text">{move || fl!(LOADER, "delete-backups-warning")}</p>
            </DeleteDialog>
        })}
    }
}

/// The users who may own the client. Operators do not choose owners: the field is
/// hidden without the list.
fn owner_choices() -> Signal<Option<Vec<shared::users::User>>> {
    let session = use_session();
    let users = LocalResource::new(move || async move {
        if untrack(|| session.is_admin()) {
            catalog::all_users().await.ok()
        } else {
            None
        }
    });
    Signal::derive(move || users.get().flatten())
}

/// Fetches the jobs' last results and the client's size again whenever one of client
/// `id`'s runs ends. Returns a counter bumped then (the size history may have grown).
fn follow_results(id: Option<i64>, client: RwSignal<Option<Client>>) -> RwSignal<u32> {
    let sizes = RwSignal::new(0u32);
    let Some(id) = id else { return sizes };
    use_live().subscribe(move |event| {
        let Event::Run { item } = event else { return };
        if item.client_id != id || item.run.state != RunState::Finished {
            return;
        }
        spawn_local(async move {
            if let Ok(c) = catalog::client(id).await {
                client.update(|current| {
                    if let Some(current) = current {
                        current.jobs = c.jobs;
                        current.size_bytes = c.size_bytes;
                    }
                });
                sizes.update(|n| *n += 1);
            }
        });
    });
    sizes
}

/// "Add a job", "Run now" and "Delete" above the form, with what "Run now" answered.
#[component]
fn ClientActions(id: Option<i64>, deleting: RwSignal<bool>, copied: Signal<bool>) -> impl IntoView {
    let targets = RunTargets {
        session: use_session(),
        notice: RwSignal::new(None),
        failure: RwSignal::new(None::<Failure>),
    };
    let run_all = move |_| {
        if let Some(id) = id {
            run_jobs::start(RunRequest::Client(id), targets);
        }
    };
    let run_error =
        Signal::derive(move || targets.failure.with(|f| f.as_ref().map(Failure::message)));
    view! {
        <div class="page-actions">
            <Show when=move || !copied.get()>
            {match id {
                Some(id) => view! {
                    <a id="client-add-job" class="button" href=crate::paths::href(&format!("/clients/{id}/jobs/new"))>{move || fl!(LOADER, "jobs-add-job")}</a>
                }.into_any(),
                None => view! {
                    <button id="client-add-job" type="button" class="button" disabled title=move || fl!(LOADER, "client-not-saved")>
                        {move || fl!(LOADER, "jobs-add-job")}
                    </button>
                }.into_any(),
            }}
            <button
                type="button"
                id="client-run"
                class="button"
                disabled=id.is_none()
                title=move || if id.is_some() { String::new() } else { fl!(LOADER, "client-not-saved") }
                on:click=run_all
            >
                {move || fl!(LOADER, "run-now")}
            </button>
            </Show>
            {id.map(|_| view! {
                <button type="button" id="client-delete" class="button button-danger-quiet" on:click=move |_| deleting.set(true)>
                    {move || fl!(LOADER, "delete")}
                </button>
            })}
        </div>
        <Alert id="client-run-notice" kind=AlertKind::Success message=targets.notice />
        <Alert id="client-run-error" kind=AlertKind::Error message=run_error />
    }
}

/// The client's jobs, linked to their pages.
#[component]
fn ClientJobs(jobs: Signal<Vec<JobSummary>>) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="client-jobs-title">
            <h2 id="client-jobs-title">{move || fl!(LOADER, "client-jobs")}</h2>
            {move || {
                let jobs = jobs.get();
                if jobs.is_empty() {
                    return view! { <p class="empty">{fl!(LOADER, "client-no-jobs")}</p> }.into_any();
                }
                view! {
                    <ul class="link-list" id="client-job-list">
                        {jobs.into_iter().map(|j| view! {
                            <li class:inactive=!j.active>
                                <a href=crate::paths::href(&format!("/jobs/{}", j.id))>{j.name}</a>" "
                                <code class="small">{j.source_path}</code>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
