//! Replication accesses on a primary (`/replication-accesses`): the replicas allowed to
//! copy this server, with their key, address and use; revoking one after a confirmation.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::replication::ReplicationAccess;

use crate::api::{replication, Failure};
use crate::components::dialog::ConfirmDialog;
use crate::components::feedback::{Alert, AlertKind};
use crate::components::page::{AdminOnly, Loading, PageTitle};
use crate::dates;
use crate::i18n::LOADER;
use crate::scaffold::loaded::use_loaded;
use crate::state::use_session;

/// `/replication-accesses`.
#[component]
pub fn AccessesPage() -> impl IntoView {
    let title = Signal::derive(move || fl!(LOADER, "nav-replication-accesses"));
    view! { <AdminOnly title=title><AccessList /></AdminOnly> }
}

#[component]
fn AccessList() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let loaded = use_loaded(
        move || {
            reload.track();
            replication::accesses()
        },
        |_| {},
    );
    let revoking = RwSignal::new(None::<(i64, String)>);
    let notice = RwSignal::new(None::<String>);
    let error = Signal::derive(move || loaded.failure.with(|f| f.as_ref().map(Failure::message)));
    let on_done = Callback::new(move |gone: bool| {
        revoking.set(None);
        if gone {
            notice.set(Some(fl!(LOADER, "replication-access-revoked")));
            reload.update(|n| *n += 1);
        }
    });
    view! {
        <PageTitle title=Signal::derive(move || fl!(LOADER, "nav-replication-accesses")) />
        <p class="lead">{move || fl!(LOADER, "replication-accesses-intro")}</p>
        <div class="toolbar">
            <a id="replication-access-new" class="button button-primary" href=crate::paths::href("/replication-accesses/new")>
                {move || fl!(LOADER, "replication-access-new")}
            </a>
        </div>
        <Alert id="replication-accesses-error" kind=AlertKind::Error message=error />
        <Alert id="replication-accesses-notice" kind=AlertKind::Success message=notice />
        {move || match loaded.data.get() {
            None => view! { <Loading /> }.into_any(),
            Some(list) if list.is_empty() => view! {
                <p class="empty" id="replication-accesses-empty">{fl!(LOADER, "replication-accesses-empty")}</p>
            }.into_any(),
            Some(list) => view! {
                <div class="table-wrap" tabindex="0">
                    <table class="table stack-table" id="replication-accesses-table">
                        <thead><tr>
                            <th scope="col">{fl!(LOADER, "col-name")}</th>
                            <th scope="col">{fl!(LOADER, "replication-access-used")}</th>
                            <th scope="col"><span class="visually-hidden">{fl!(LOADER, "col-actions")}</span></th>
                        </tr></thead>
                        <tbody>{list.into_iter().map(|a| access_row(a, revoking)).collect_view()}</tbody>
                    </table>
                </div>
            }.into_any(),
        }}
        {move || revoking.get().map(|(id, name)| view! { <RevokeDialog id=id name=name on_done=on_done /> })}
    }
}

/// One access: name, key fingerprint and address in one cell (phones), then its dates.
fn access_row(a: ReplicationAccess, revoking: RwSignal<Option<(i64, String)>>) -> impl IntoView {
    let (id, name) = (a.id, a.name.clone());
    let from = a
        .from_address
        .clone()
        .unwrap_or_else(|| fl!(LOADER, "replication-access-anywhere"));
    let last = match &a.last_used_at {
        Some(at) => fl!(
            LOADER,
            "replication-access-last-used",
            when = dates::date_time(at)
        ),
        None => fl!(LOADER, "replication-access-never-used"),
    };
    let revoked = a.revoked_at.as_ref().map(dates::date_time);
    view! {
        <tr data-testid="replication-access-row" data-access-name=a.name.clone() class:inactive=revoked.is_some()>
            <td>
                <span class="strong">{a.name.clone()}</span>" "
                <span class="muted small">{a.token_prefix.clone()}"…"</span>
                <span class="block small mono break" data-testid="replication-access-fingerprint">{a.key_fingerprint.clone().unwrap_or_default()}</span>
                <span class="block small" data-testid="replication-access-from">{fl!(LOADER, "replication-access-from-label")}": "{from}</span>
                {revoked.clone().map(|when| view! {
                    <span class="badge badge-inactive" data-testid="replication-access-revoked">{fl!(LOADER, "replication-access-revoked-at", when = when)}</span>
                })}
            </td>
            <td class="small">
                <span class="block">{fl!(LOADER, "replication-access-created", when = dates::date_time(&a.created_at))}</span>
                <span class="block">{last}</span>
            </td>
            <td class="actions">
                {revoked.is_none().then(|| view! {
                    <button type="button" class="button button-quiet button-danger-quiet" data-testid="replication-access-revoke"
                        on:click=move |_| revoking.set(Some((id, name.clone())))>
                        {fl!(LOADER, "replication-access-revoke")}
                    </button>
                })}
            </td>
        </tr>
    }
}

/// The confirmation of revoking access `id`.
#[component]
fn RevokeDialog(id: i64, name: String, on_done: Callback<bool>) -> impl IntoView {
    let session = use_session();
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let confirm = Callback::new(move |()| {
        pending.set(true);
        spawn_local(async move {
            match replication::revoke_access(id).await {
                Ok(()) => on_done.run(true),
                Err(f) => error.set(Some(session.check_failure(f).explain())),
            }
            pending.set(false);
        });
    });
    view! {
        <ConfirmDialog
            id="revoke-dialog"
            title=fl!(LOADER, "replication-access-revoke-title", name = name)
            confirm_label=Signal::derive(move || fl!(LOADER, "replication-access-revoke"))
            on_confirm=confirm
            on_cancel=Callback::new(move |()| on_done.run(false))
            pending=pending
            error=error
        >
            <p>{fl!(LOADER, "replication-access-revoke-body")}</p>
        </ConfirmDialog>
    }
}
