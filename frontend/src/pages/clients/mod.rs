//! The client pages: `/clients/new` and `/clients/{id}` — the form (with the API's
//! problems next to their fields), the client's jobs (their results follow the live
//! events), its ssh key, "Run now", deletion, and the help panel.

mod draft;
mod fields;
mod help;
mod host;
mod key;

use i18n_embed_fl::fl;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use shared::clients::{Client, ClientInput};
use shared::events::Event;
use shared::runs::RunState;
use shared::scripts::Script;
use shared::users::User;

use self::draft::ClientDraft;
use self::fields::ClientFields;
use self::help::ClientHelp;
use self::host::HostKeyPanel;
use self::key::KeyPanel;
use crate::api::{catalog, Failure};
use crate::components::dialog::ConfirmDialog;
use crate::components::feedback::{Alert, AlertKind};
use crate::components::form::FormState;
use crate::components::page::{Loading, PageTitle};
use crate::components::unsaved::{discard, use_unsaved};
use crate::i18n::LOADER;
use crate::live::use_live;
use crate::pages::jobs::run::{self as run_jobs, RunRequest, RunTargets};
use crate::pages::not_found::NotFoundPage;
use crate::state::use_session;

/// `/clients/new`.
#[component]
pub fn NewClientPage() -> impl IntoView {
    view! { <ClientPage id=None /> }
}

/// `/clients/{id}`.
#[component]
pub fn EditClientPage() -> impl IntoView {
    let params = use_params_map();
    move || match params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok())) {
        Some(id) => view! { <ClientPage id=Some(id) /> }.into_any(),
        None => view! { <NotFoundPage /> }.into_any(),
    }
}

#[component]
fn ClientPage(id: Option<i64>) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let draft = ClientDraft::new();
    let form = FormState::new();
    let client = RwSignal::new(None::<Client>);
    let scripts = RwSignal::new(Vec::<Script>::new());
    let users = RwSignal::new(None::<Vec<User>>);
    let baseline = RwSignal::new(id.is_none().then(|| untrack(|| draft.build()).0));
    let deleting = RwSignal::new(false);
    let delete_error = RwSignal::new(None::<String>);
    let delete_pending = RwSignal::new(false);

    if query.with_untracked(|q| q.get("saved").is_some()) {
        form.notice.set(Some(fl!(LOADER, "saved")));
    }
    spawn_local(async move {
        match catalog::all_scripts().await {
            Ok(list) => scripts.set(list),
            Err(f) => form.fail(session, f),
        }
    });
    if untrack(|| session.is_admin()) {
        spawn_local(async move {
            if let Ok(list) = catalog::all_users().await {
                users.set(Some(list));
            }
        });
    }
    let loaded = move |c: Client| {
        draft.load(&c);
        baseline.set(Some(untrack(|| draft.build()).0));
        client.set(Some(c));
    };
    if let Some(id) = id {
        spawn_local(async move {
            match catalog::client(id).await {
                Ok(c) => loaded(c),
                Err(f) => form.fail(session, f),
            }
        });
    }

    let dirty = Memo::new(move |_| {
        let now: ClientInput = draft.build().0;
        baseline.with(|b| b.as_ref().is_some_and(|b| *b != now))
    });
    use_unsaved(dirty.into());

    let navigate_after = navigate.clone();
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
        let navigate = navigate_after.clone();
        spawn_local(async move {
            let answer = match id {
                Some(id) => catalog::update_client(id, &input).await,
                None => catalog::create_client(&input).await,
            };
            form.pending.set(false);
            match answer {
                Ok(saved) if id.is_none() => {
                    discard();
                    navigate(
                        &format!("/clients/{}?saved=1", saved.id),
                        Default::default(),
                    );
                }
                Ok(saved) => {
                    loaded(saved);
                    form.notice.set(Some(fl!(LOADER, "saved")));
                }
                Err(f) => form.fail(session, f),
            }
        });
    };
    let navigate_home = navigate.clone();
    let confirm_delete = Callback::new(move |()| {
        let Some(id) = id else { return };
        delete_pending.set(true);
        let navigate = navigate_home.clone();
        spawn_local(async move {
            match catalog::delete_client(id).await {
                Ok(()) => {
                    discard();
                    navigate("/", Default::default());
                }
                Err(f) => delete_error.set(Some(session.check_failure(f).explain())),
            }
            delete_pending.set(false);
        });
    });

    let title = Signal::derive(move || match id {
        None => fl!(LOADER, "client-new-title"),
        Some(_) => fl!(
            LOADER,
            "client-edit-title",
            name = client.with(|c| c.as_ref().map(|c| c.name.clone()).unwrap_or_default())
        ),
    });
    let ready = move || id.is_none() || client.with(Option::is_some);
    let targets = RunTargets {
        session,
        notice: RwSignal::new(None),
        failure: RwSignal::new(None::<Failure>),
    };
    // The jobs' last results are fetched again whenever one of the client's runs ends.
    let jobs_reload = RwSignal::new(0u32);
    use_live().subscribe(move |event| {
        if let Event::Run { item } = event {
            if Some(item.client_id) == id && item.run.state == RunState::Finished {
                jobs_reload.update(|n| *n += 1);
            }
        }
    });
    Effect::new(move |first: Option<()>| {
        jobs_reload.track();
        let Some(id) = id.filter(|_| first.is_some()) else {
            return;
        };
        spawn_local(async move {
            if let Ok(c) = catalog::client(id).await {
                client.update(|current| {
                    if let Some(current) = current {
                        current.jobs = c.jobs;
                    }
                });
            }
        });
    });
    let run_all = move |_| {
        if let Some(id) = id {
            run_jobs::start(RunRequest::Client(id), targets);
        }
    };
    let run_error =
        Signal::derive(move || targets.failure.with(|f| f.as_ref().map(Failure::message)));
    let client_jobs =
        move || client.with(|c| c.as_ref().map(|c| c.jobs.clone()).unwrap_or_default());

    view! {
        <PageTitle title=title />
        <div class="page-actions">
            {match id {
                Some(id) => view! {
                    <a id="client-add-job" class="button" href=format!("/clients/{id}/jobs/new")>{move || fl!(LOADER, "jobs-add-job")}</a>
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
            {id.map(|_| view! {
                <button type="button" id="client-delete" class="button button-danger-quiet" on:click=move |_| deleting.set(true)>
                    {move || fl!(LOADER, "delete")}
                </button>
            })}
        </div>
        <Alert id="client-run-notice" kind=AlertKind::Success message=targets.notice />
        <Alert id="client-run-error" kind=AlertKind::Error message=run_error />
        <div class="form-page">
            <div class="form-column">
                <section class="panel">
                    <Alert id="client-error" kind=AlertKind::Error message=form.general() />
                    <Alert id="client-saved" kind=AlertKind::Success message=form.notice />
                    <Show when=ready fallback=|| view! { <Loading /> }>
                        <form id="client-form" class="form form-wide" novalidate on:submit=submit.clone()>
                            <ClientFields draft=draft form=form scripts=scripts users=users />
                            <div class="form-actions">
                                <button id="client-save" type="submit" class="button button-primary" disabled=move || form.pending.get()>
                                    {move || if form.pending.get() { fl!(LOADER, "saving") } else { fl!(LOADER, "save") }}
                                </button>
                                <a class="button" href="/" id="client-cancel">{move || fl!(LOADER, "back-to-list")}</a>
                            </div>
                        </form>
                    </Show>
                </section>
                <Show when=move || client.with(Option::is_some)>
                    <section class="panel" aria-labelledby="client-jobs-title">
                        <h2 id="client-jobs-title">{move || fl!(LOADER, "client-jobs")}</h2>
                        {move || {
                            let jobs = client_jobs();
                            if jobs.is_empty() {
                                return view! { <p class="empty">{fl!(LOADER, "client-no-jobs")}</p> }.into_any();
                            }
                            view! {
                                <ul class="link-list" id="client-job-list">
                                    {jobs.into_iter().map(|j| view! {
                                        <li class:inactive=!j.active>
                                            <a href=format!("/jobs/{}", j.id)>{j.name}</a>" "
                                            <code class="small">{j.source_path}</code>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>
                    <HostKeyPanel client=client />
                    <KeyPanel client=client />
                </Show>
            </div>
            <ClientHelp />
        </div>
        <Show when=move || deleting.get()>
            <ConfirmDialog
                id="delete-dialog"
                title=Signal::derive(move || fl!(LOADER, "delete-client-title", name = draft.name.get_untracked()))
                confirm_label=Signal::derive(move || fl!(LOADER, "delete"))
                on_confirm=confirm_delete
                on_cancel=Callback::new(move |()| deleting.set(false))
                pending=delete_pending
                error=delete_error
            >
                <p>{move || fl!(LOADER, "delete-clients-intro")}</p>
                <ul class="removal-list">
                    <li>
                        <strong>{move || client.with(|c| c.as_ref().map(|c| c.name.clone()))}</strong>" — "
                        {move || {
                            let names: Vec<String> = client_jobs().into_iter().map(|j| j.name).collect();
                            if names.is_empty() {
                                fl!(LOADER, "delete-client-no-jobs")
                            } else {
                                fl!(LOADER, "delete-client-jobs", count = names.len(), jobs = names.join(", "))
                            }
                        }}
                    </li>
                </ul>
                <p class="warning-text">{move || fl!(LOADER, "delete-backups-warning")}</p>
            </ConfirmDialog>
        </Show>
    }
}
