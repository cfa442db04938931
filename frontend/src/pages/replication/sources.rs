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
use crate::run_labels::error_explanation;
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

/// "Last sync: <when>", or that it never synced.
pub fn last_sync_text(r: &Replication) -> String {
    match &r.last_sync_at {
        Some(at) => fl!(
            LOADER,
            "replication-last-sync-at",
            when = dates::date_time(at)
        ),
        None => fl!(LOADER, "replication-never-synced"),
    }
}

/// A source's last error in words. The server keeps a code (`host_key_pending`) or a
/// run error with its detail (`primary_refused: 401 …`); the code is explained, the
/// detail (the primary's own words) kept in brackets. Anything else is shown as it is.
pub fn last_error_text(stored: &str) -> String {
    let (code, detail) = stored
        .split_once(':')
        .map_or((stored, ""), |(c, d)| (c.trim(), d.trim()));
    let text = match code {
        "host_key_pending" => fl!(LOADER, "replication-error-host-key-pending"),
        "host_key_mismatch" => fl!(LOADER, "replication-error-host-key-mismatch"),
        other => match error_explanation(other) {
            Some(t) => t,
            None => return stored.to_owned(),
        },
    };
    if detail.is_empty() {
        text
    } else {
        format!("{text} ({detail})")
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
            <a id="replication-new" class="button button-primary" href=crate::paths::href("/replications/new")>{move || fl!(LOADER, "replication-new")}</a>
        </div>
        <Alert id="replications-error" kind=AlertKind::Error message=error />
        {move || match loaded.data.get() {
            None => view! { <Loading /> }.into_any(),
            Some(list) if list.is_empty() => view! {
                <p class="empty" id="replications-empty">{fl!(LOADER, "replications-empty")}</p>
            }.into_any(),
            Some(list) => view! {
                <div class="table-wrap" tabindex="0">
                    <table class="table stack-table" id="replications-table">
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
    let last = last_sync_text(&r);
    let key_class = match r.host_key_state {
        HostKeyState::Accepted => "badge badge-ok",
        _ => "badge badge-warning",
    };
    // Short words in the badge: the sentences of `host_key_text` are for the source's page.
    let (key_state, key_badge) = match r.host_key_state {
        HostKeyState::Unknown => ("unknown", fl!(LOADER, "replication-key-badge-unknown")),
        HostKeyState::Pending => ("pending", fl!(LOADER, "replication-key-badge-pending")),
        HostKeyState::Accepted => ("accepted", fl!(LOADER, "replication-key-badge-accepted")),
    };
    view! {
        <tr data-testid="replication-row" data-replication-name=r.name.clone() class:inactive=!r.active>
            <td>
                <a href=crate::paths::href(&format!("/replications/{id}")) class="strong">{r.name.clone()}</a>
                <span class="muted small block break" data-testid="replication-url">{r.url.clone()}</span>
                <span class="block">
                    <span class=key_class data-testid="replication-host-key" data-state=key_state>{key_badge}</span>" "
                    <span class="badge" data-testid="replication-clients">{fl!(LOADER, "replication-clients-count", count = r.clients.len())}</span>
                </span>
            </td>
            <td class="small">
                <span class="block" data-testid="replication-last-sync">{last}</span>
                {r.last_error.as_deref().map(|e| view! { <span class="block error-text break" data-testid="replication-last-error">{last_error_text(e)}</span> })}
            </td>
        </tr>
    }
}
