//! Scripts (administrators): the list (`/scripts`) and the form (`/scripts/new`,
//! `/scripts/{id}`).

mod form;
mod help;

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use shared::scripts::{Script, ScriptUses};

use self::form::ScriptForm;
use crate::api::{catalog, Failure};
use crate::components::feedback::{Alert, AlertKind};
use crate::components::page::{AdminOnly, Loading, PageTitle};
use crate::format;
use crate::i18n::LOADER;
use crate::pages::not_found::NotFoundPage;
use crate::pages::remove::{CatalogRemoval, Kind};
use crate::state::use_session;

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
    let params = use_params_map();
    let title = Signal::derive(move || fl!(LOADER, "nav-scripts"));
    view! {
        <AdminOnly title=title>
            {move || match params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok())) {
                Some(id) => view! { <ScriptForm id=Some(id) /> }.into_any(),
                None => view! { <NotFoundPage /> }.into_any(),
            }}
        </AdminOnly>
    }
}

/// `/scripts`: every script, where it may run and what uses it.
#[component]
pub fn ScriptsPage() -> impl IntoView {
    let title = Signal::derive(move || fl!(LOADER, "nav-scripts"));
    view! { <AdminOnly title=title><ScriptList /></AdminOnly> }
}

#[component]
fn ScriptList() -> impl IntoView {
    let session = use_session();
    let list = RwSignal::new(None::<Vec<Script>>);
    let failure = RwSignal::new(None::<Failure>);
    let removing = RwSignal::new(None::<(i64, String)>);
    let notice = RwSignal::new(None::<String>);
    let load = move || {
        spawn_local(async move {
            match catalog::all_scripts().await {
                Ok(mut l) => {
                    l.sort_by_key(|s| s.name.to_lowercase());
                    list.set(Some(l));
                }
                Err(f) => failure.set(Some(session.check_failure(f))),
            }
        });
    };
    load();
    let on_done = Callback::new(move |gone: bool| {
        removing.set(None);
        if gone {
            notice.set(Some(fl!(LOADER, "deleted")));
            load();
        }
    });
    view! {
        <PageTitle title=Signal::derive(move || fl!(LOADER, "nav-scripts")) />
        <p class="lead">{move || fl!(LOADER, "scripts-intro")}</p>
        <div class="toolbar">
            <a id="script-new" class="button button-primary" href="/scripts/new">{move || fl!(LOADER, "script-new")}</a>
        </div>
        <Alert id="scripts-error" kind=AlertKind::Error message=Signal::derive(move || failure.with(|f| f.as_ref().map(Failure::explain))) />
        <Alert id="scripts-notice" kind=AlertKind::Success message=notice />
        {move || removing.get().map(|(id, name)| view! { <CatalogRemoval kind=Kind::Script id=id name=name on_done=on_done /> })}
        {move || {
            session.language.track();
            match list.get() {
                None => view! { <Loading /> }.into_any(),
                Some(items) if items.is_empty() => view! { <p class="empty" id="scripts-empty">{fl!(LOADER, "scripts-empty")}</p> }.into_any(),
                Some(items) => view! {
                    <div class="table-wrap">
                        <table class="table" id="scripts-table">
                            <thead>
                                <tr>
                                    <th scope="col">{fl!(LOADER, "col-name")}</th>
                                    <th scope="col">{fl!(LOADER, "script-uses")}</th>
                                    <th scope="col">{fl!(LOADER, "script-used-by")}</th>
                                    <th scope="col">{fl!(LOADER, "col-size")}</th>
                                    <th scope="col"><span class="visually-hidden">{fl!(LOADER, "col-actions")}</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                {items.into_iter().map(|s| {
                                    let (id, name) = (s.id, s.name.clone());
                                    let used = !s.used_by.is_empty();
                                    view! {
                                        <tr data-testid="script-row" data-script-id=id.to_string() data-script-name=s.name.clone()>
                                            <td>
                                                <a href=format!("/scripts/{id}") class="strong">{s.name.clone()}</a>
                                                <span class="muted small block">{s.description.clone()}</span>
                                            </td>
                                            <td>{uses_text(&s.uses)}</td>
                                            <td class="num">{s.used_by.len().to_string()}</td>
                                            <td>{format::size(s.size_bytes)}</td>
                                            <td class="actions">
                                                <a class="button button-quiet" href=format!("/scripts/{id}") data-testid="script-edit">{fl!(LOADER, "edit")}</a>
                                                <button type="button" class="button button-quiet button-danger-quiet" data-testid="script-delete"
                                                    disabled=used
                                                    title=used.then(|| fl!(LOADER, "script-in-use"))
                                                    on:click=move |_| { notice.set(None); removing.set(Some((id, name.clone()))) }>
                                                    {fl!(LOADER, "delete")}
                                                </button>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any(),
            }
        }}
    }
}
