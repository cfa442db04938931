//! Scripts (administrators): the list (`/scripts`) and the form (`/scripts/new`,
//! `/scripts/{id}`).

mod form;
mod help;
mod library;

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::scripts::{Script, ScriptUses};

use self::form::ScriptForm;
use self::library::ScriptLibrary;
use crate::api::catalog;
use crate::components::page::AdminOnly;
use crate::format;
use crate::i18n::LOADER;
use crate::pages::not_found::ById;
use crate::pages::remove::Kind;
use crate::scaffold::list_page::{ListPage, Remove, RowActions};

/// Where a script may run, in words.
fn uses_text(u: &ScriptUses) -> String {
    let mut parts = Vec::new();
    if u.client_pre {
        parts.push(fl!(LOADER, "script-use-client-pre"));
    }
    if u.client_post {
        parts.push(fl!(LOADER, "script-use-client-post"));
    }
    if u.job_pre {
        parts.push(fl!(LOADER, "script-use-job-pre"));
    }
    if u.job_post {
        parts.push(fl!(LOADER, "script-use-job-post"));
    }
    if parts.is_empty() {
        fl!(LOADER, "script-use-nowhere")
    } else {
        format::list(&parts)
    }
}

/// `/scripts/new`.
#[component]
pub fn NewScriptPage() -> impl IntoView {
    let title = Signal::derive(move || fl!(LOADER, "script-new-title"));
    view! { <AdminOnly title=title><ScriptForm id=None /></AdminOnly> }
}

/// `/scripts/{id}`.
#[component]
pub fn EditScriptPage() -> impl IntoView {
    let title = Signal::derive(move || fl!(LOADER, "nav-scripts"));
    view! {
        <AdminOnly title=title>
            <ById page=|id| view! { <ScriptForm id=Some(id) /> }.into_any() />
        </AdminOnly>
    }
}

/// `/scripts`: every script, where it may run and what uses it.
#[component]
pub fn ScriptsPage() -> impl IntoView {
    let title = Signal::derive(move || fl!(LOADER, "nav-scripts"));
    view! { <AdminOnly title=title><ScriptList /><ScriptLibrary /></AdminOnly> }
}

#[component]
fn ScriptList() -> impl IntoView {
    view! {
        <ListPage
            name="scripts"
            kind=Kind::Script
            title=Signal::derive(move || fl!(LOADER, "nav-scripts"))
            intro=Signal::derive(move || fl!(LOADER, "scripts-intro"))
            new_button=("script-new", "/scripts/new", || fl!(LOADER, "script-new"))
            fetch=catalog::all_scripts
            sort=|l| l.sort_by_key(|s| s.name.to_lowercase())
            columns=|| vec![fl!(LOADER, "col-name"), fl!(LOADER, "script-uses"), fl!(LOADER, "script-used-by"), fl!(LOADER, "col-size")]
            empty=|| fl!(LOADER, "scripts-empty")
            row=script_row
        />
    }
}

/// One script of the list.
fn script_row(s: Script, remove: Remove) -> impl IntoView {
    let id = s.id;
    let locked = (!s.used_by.is_empty()).then(|| fl!(LOADER, "script-in-use"));
    view! {
        <tr data-testid="script-row" data-script-id=id.to_string() data-script-name=s.name.clone()>
            <td>
                <a href=crate::paths::href(&format!("/scripts/{id}")) class="strong">{s.name.clone()}</a>
                <span class="muted small block">{s.description.clone()}</span>
            </td>
            <td>{uses_text(&s.uses)}</td>
            <td class="num">{s.used_by.len().to_string()}</td>
            <td>{format::size(s.size_bytes)}</td>
            <RowActions href=crate::paths::href(&format!("/scripts/{id}")) entity="script" delete=Some((locked, id, s.name.clone(), remove)) />
        </tr>
    }
}
