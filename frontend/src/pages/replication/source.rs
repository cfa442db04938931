//! A replication source's page (`/replications/new`, `/replications/{id}`): the form and,
//! once saved, the replica's public key for the primary, the primary's host key with
//! "Accept", "Replicate now", the copied clients and the deletion.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use shared::clients::HostKeyState;
use shared::replication::{Replication, ReplicationBody, ReplicationStarted};
use shared::validate::Issue;

use super::draft::SourceDraft;
use super::fields::SourceFields;
use super::help::SourceHelp;
use super::sources::{host_key_text, last_error_text, last_sync_text};
use crate::api::{catalog, replication, ApiResult};
use crate::components::copy::CopyBox;
use crate::components::dialog::ConfirmDialog;
use crate::components::feedback::{Alert, AlertKind};
use crate::components::page::{AdminOnly, PageTitle};
use crate::components::unsaved::discard;
use crate::i18n::LOADER;
use crate::pages::not_found::ById;
use crate::scaffold::entity_form::{use_entity_form, Entity, EntityFormBody, SubmitHooks};
use crate::state::use_session;

impl Entity for Replication {
    type Input = ReplicationBody;
    const BASE: &'static str = "/replications";

    fn id(&self) -> i64 {
        self.id
    }

    fn name(&self) -> String {
        self.name.clone()
    }

    fn fetch(id: i64) -> impl std::future::Future<Output = ApiResult<Self>> {
        replication::replication(id)
    }

    async fn save(id: Option<i64>, input: ReplicationBody) -> ApiResult<Self> {
        match id {
            Some(id) => replication::update_replication(id, &input).await,
            None => replication::create_replication(&input).await,
        }
    }

    fn validate(_input: &ReplicationBody, _id: Option<i64>) -> Vec<Issue> {
        // The server checks the body (addresses, ids, ranges) and names each field.
        Vec::new()
    }
}

/// `/replications/new`.
#[component]
pub fn NewSourcePage() -> impl IntoView {
    let title = Signal::derive(move || fl!(LOADER, "replication-new"));
    view! { <AdminOnly title=title><SourcePage id=None /></AdminOnly> }
}

/// `/replications/{id}`.
#[component]
pub fn EditSourcePage() -> impl IntoView {
    let title = Signal::derive(move || fl!(LOADER, "nav-replications"));
    view! {
        <AdminOnly title=title>
            <ById page=|id| view! { <SourcePage id=Some(id) /> }.into_any() />
        </AdminOnly>
    }
}

#[component]
fn SourcePage(id: Option<i64>) -> impl IntoView {
    let page = use_entity_form::<Replication, _>(id, SourceDraft::new(), true);
    let form = page.form;
    let entity = page.entity;
    let submit = page.submit(SubmitHooks::default());
    let title = page.title(
        || fl!(LOADER, "replication-new"),
        |name| fl!(LOADER, "replication-edit-title", name = name),
    );
    let locations = LocalResource::new(catalog::all_locations);
    let locations =
        Signal::derive(move || locations.get().and_then(Result::ok).unwrap_or_default());
    let policies = LocalResource::new(catalog::all_policies);
    let policies = Signal::derive(move || policies.get().and_then(Result::ok).unwrap_or_default());
    let has_token = Signal::derive(move || page.with_entity(|r| r.has_token));
    let deleting = RwSignal::new(false);
    view! {
        <PageTitle title=title />
        <div class="page-actions">
            <a class="button" href=crate::paths::href("/replications") id="replication-back">{move || fl!(LOADER, "back-to-list")}</a>
            {id.map(|_| view! {
                <button type="button" id="replication-delete" class="button button-danger-quiet" on:click=move |_| deleting.set(true)>
                    {move || fl!(LOADER, "delete")}
                </button>
            })}
        </div>
        <div class="form-page">
            <div class="form-column">
                <Show when=move || entity.with(Option::is_some)>
                    <SourceStatus source=entity />
                </Show>
                <section class="panel">
                    <EntityFormBody name="replication" page=page on_submit=submit wide=true>
                        <SourceFields draft=page.draft form=form has_token=has_token locations=locations policies=policies />
                    </EntityFormBody>
                </section>
            </div>
            <SourceHelp />
        </div>
        {move || (deleting.get() && id.is_some()).then(|| view! {
            <DeleteSource id=id.unwrap_or_default() name=page.draft.name.get_untracked() open=deleting />
        })}
    }
}

/// The saved source's state: the key to give the primary, the primary's host key, the
/// "Replicate now" button and the copied clients.
#[component]
fn SourceStatus(source: RwSignal<Option<Replication>>) -> impl IntoView {
    let with = move |f: fn(&Replication) -> String| {
        Signal::derive(move || source.with(|s| s.as_ref().map(f).unwrap_or_default()))
    };
    let key = with(|r| r.public_key.clone());
    let clients =
        move || source.with(|s| s.as_ref().map(|s| s.clients.clone()).unwrap_or_default());
    view! {
        <section class="panel" id="replication-status" aria-labelledby="replication-key-title">
            <h2 id="replication-key-title">{move || fl!(LOADER, "replication-key-title")}</h2>
            <CopyBox id="replication-public-key" label=Signal::derive(move || fl!(LOADER, "replication-public-key")) text=key rows=3
                help=Signal::derive(move || fl!(LOADER, "replication-public-key-hint")) />
            <HostKey source=source />
            <p class="small" id="replication-last-sync">{move || source.with(|s| s.as_ref().map(last_sync_text))}</p>
            {move || source.with(|s| s.as_ref().and_then(|s| s.last_error.clone())).map(|e| view! {
                <p class="error-text break" id="replication-last-error">
                    <strong>{fl!(LOADER, "replication-last-error-label")}</strong>" "{last_error_text(&e)}
                </p>
            })}
            <RunNow source=source />
            <h3>{move || fl!(LOADER, "replication-copied-clients")}</h3>
            {move || {
                let list = clients();
                if list.is_empty() {
                    return view! { <p class="empty" id="replication-no-clients">{fl!(LOADER, "replication-no-clients")}</p> }.into_any();
                }
                view! {
                    <ul class="link-list" id="replication-client-list">
                        {list.into_iter().map(|c| view! { <li><a href=crate::paths::href(&format!("/clients/{}", c.id))>{c.name}</a></li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// The primary's host key: state, fingerprint, and "Accept" with its dialog.
#[component]
fn HostKey(source: RwSignal<Option<Replication>>) -> impl IntoView {
    let session = use_session();
    let state = move || source.with(|s| s.as_ref().map(|s| s.host_key_state));
    let fingerprint = move || {
        source.with(|s| {
            s.as_ref()
                .and_then(|s| s.host_key_fingerprint.clone())
                .unwrap_or_default()
        })
    };
    let asking = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let confirm = Callback::new(move |()| {
        let Some(id) = source.with_untracked(|s| s.as_ref().map(|s| s.id)) else {
            return;
        };
        pending.set(true);
        spawn_local(async move {
            match replication::accept_host_key(id).await {
                Ok(updated) => {
                    asking.set(false);
                    error.set(None);
                    source.set(Some(updated));
                }
                Err(f) => error.set(Some(session.check_failure(f).explain())),
            }
            pending.set(false);
        });
    });
    view! {
        <p class="host-key" id="replication-host-key" data-state=move || match state() {
            Some(HostKeyState::Pending) => "pending",
            Some(HostKeyState::Accepted) => "accepted",
            _ => "unknown",
        }>
            <strong>{move || fl!(LOADER, "replication-host-key-label")}</strong>" "
            {move || state().map(host_key_text)}" "
            <code id="replication-host-fingerprint" class="break">{fingerprint}</code>
        </p>
        <Show when=move || state() == Some(HostKeyState::Unknown)>
            <p class="field-help">{move || fl!(LOADER, "replication-host-key-unknown-hint")}</p>
        </Show>
        <Show when=move || state() == Some(HostKeyState::Pending)>
            <button type="button" id="replication-host-accept" class="button button-primary" on:click=move |_| asking.set(true)>
                {move || fl!(LOADER, "client-host-accept")}
            </button>
        </Show>
        <Show when=move || asking.get()>
            <ConfirmDialog id="accept-dialog" title=Signal::derive(move || fl!(LOADER, "replication-host-accept-title"))
                confirm_label=Signal::derive(move || fl!(LOADER, "client-host-accept"))
                on_confirm=confirm on_cancel=Callback::new(move |()| asking.set(false)) pending=pending error=error>
                <p>{move || fl!(LOADER, "replication-host-accept-body")}</p>
                <pre class="command">"ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub"</pre>
                <p><code id="accept-fingerprint" class="break">{fingerprint}</code></p>
            </ConfirmDialog>
        </Show>
    }
}

/// "Replicate now": syncs the catalog and queues one run per copied job.
#[component]
fn RunNow(source: RwSignal<Option<Replication>>) -> impl IntoView {
    let session = use_session();
    let running = RwSignal::new(false);
    let started = RwSignal::new(None::<ReplicationStarted>);
    let failed = RwSignal::new(None::<String>);
    let run = move |_| {
        let Some(id) = source.with_untracked(|s| s.as_ref().map(|s| s.id)) else {
            return;
        };
        running.set(true);
        started.set(None);
        failed.set(None);
        spawn_local(async move {
            match replication::run(id).await {
                Ok(answer) => started.set(Some(answer)),
                Err(f) => failed.set(Some(session.check_failure(f).message())),
            }
            // Either way the source changed: its copies, host key (seen now), last error.
            if let Ok(updated) = replication::replication(id).await {
                source.set(Some(updated));
            }
            running.set(false);
        });
    };
    view! {
        <div class="form-actions">
            <button type="button" id="replication-run" class="button" disabled=move || running.get() on:click=run>
                {move || if running.get() { fl!(LOADER, "working") } else { fl!(LOADER, "replication-run") }}
            </button>
        </div>
        <Alert id="replication-run-error" kind=AlertKind::Error message=failed />
        {move || started.get().map(|s| view! {
            <div class="alert alert-success" role="status" id="replication-run-notice">
                {fl!(LOADER, "replication-run-queued", runs = s.runs.len(), clients = s.clients)}" "
                <a href=crate::paths::href("/status") id="replication-run-status">{fl!(LOADER, "replication-run-status-link")}</a>
            </div>
        })}
    }
}

/// The deletion dialog: copied clients and snapshots stay.
#[component]
fn DeleteSource(id: i64, name: String, open: RwSignal<bool>) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let confirm = Callback::new(move |()| {
        pending.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match replication::delete_replication(id).await {
                Ok(()) => {
                    discard();
                    navigate("/replications", Default::default());
                }
                Err(f) => error.set(Some(session.check_failure(f).explain())),
            }
            pending.set(false);
        });
    });
    view! {
        <ConfirmDialog id="delete-dialog" title=fl!(LOADER, "replication-delete-title", name = name)
            confirm_label=Signal::derive(move || fl!(LOADER, "delete"))
            on_confirm=confirm on_cancel=Callback::new(move |()| open.set(false)) pending=pending error=error>
            <p>{fl!(LOADER, "replication-delete-body")}</p>
        </ConfirmDialog>
    }
}
