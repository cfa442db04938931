//! Replication sources on a replica (`/replications`): the primaries this server copies,
//! with their last sync, last error, host key state and copied clients.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::clients::HostKeyState;
use shared::replication::Replication;

use crate::api::{replication, Failure};
use crate::components::feedback::{Alert, AlertKind};
use crate::components::page::{AdminOnly, Loading, PageTitle};
use crate::dates;
use crate::i18n::LOADER;
use crate::scaffold::loaded::use_loaded;

/// `/replications`.
#[component]
pub fn SourcesPage() -> impl IntoView {
    let title = Signal::derive(move || fl!(LOADER, "nav-replications"));
    view! { <AdminOnly title=title><SourceList /></AdminOnly> }
}

/// The host key's state in words.
pub fn host_key_text(state: HostKeyState) -> String {
    match state {
        HostKeyState::Pending => fl!(LOADER, "host-key-pending"),
        HostKeyState::Accepted => fl!(LOADER, "host-key-accepted"),
        HostKeyState::Unknown => fl!(LOADER, "host-key-unknown"),
    }
}

#[component]
fn SourceList() -> impl IntoView {
    let loaded = use_loaded(replication::replications, |_| {});
    let error = Signal::derive(move || loaded.failure.with(|f| f.as_ref().map(Failure::message)));
    view! {
        <PageTitle title=Signal::derive(move || fl!(LOADER, "nav-replications")) />
        <p class="lead">{move || fl!(LOADER, "replications-intro")}</p>
        <div class="toolbar">
            <a id="replication-new" class="button button-primary" href="/replications/new">{move || fl!(LOADER, "replication-new")}</a>
        </div>
        <Alert id="replications-error" kind=AlertKind::Error message=error />
        {move || match loaded.data.get() {
            None => view! { <Loading /> }.into_any(),
            Some(list) if list.is_empty() => view! {
                <p class="empty" id="replications-empty">{fl!(LOADER, "replications-empty")}</p>
            }.into_any(),
            Some(list) => view! {
                <div class="table-wrap">
                    <table class="table" id="replications-table">
                        <thead><tr>
                            <th scope="col">{fl!(LOADER, "col-name")}</th>
                            <th scope="col">{fl!(LOADER, "replication-last-sync")}</th>
                        </tr></thead>
                        <tbody>{list.into_iter().map(source_row).collect_view()}</tbody>
                    </table>
                </div>
            }.into_any(),
        }}
    }
}

/// One source: name, address, host key and copied clients in one cell (phones); then
/// the last sync and its error.
fn source_row(r: Replication) -> impl IntoView {
    let id = r.id;
    let last = r
        .last_sync_at
        .as_ref()
        .map_or_else(|| fl!(LOADER, "replication-never-synced"), dates::date_time);
    let key_class = match r.host_key_state {
        HostKeyState::Accepted => "badge badge-ok",
        _ => "badge badge-warning",
    };
    view! {
        <tr data-testid="replication-row" data-replication-name=r.name.clone() class:inactive=!r.active>
            <td>
                <a href=format!("/replications/{id}") class="strong">{r.name.clone()}</a>
                <span class="muted small block break" data-testid="replication-url">{r.url.clone()}</span>
                <span class="block">
                    <span class=key_class data-testid="replication-host-key">{host_key_text(r.host_key_state)}</span>" "
                    <span class="badge" data-testid="replication-clients">{fl!(LOADER, "replication-clients-count", count = r.clients.len())}</span>
                </span>
            </td>
            <td class="small">
                <span class="block" data-testid="replication-last-sync">{last}</span>
                {r.last_error.clone().map(|e| view! { <span class="block error-text break" data-testid="replication-last-error">{e}</span> })}
            </td>
        </tr>
    }
}
