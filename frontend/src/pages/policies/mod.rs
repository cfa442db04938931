//! Policies: the list (`/policies`) and the editor (`/policies/new`, `/policies/{id}`).

mod draft;
mod form;
mod help;
mod level;
mod preview;

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use shared::policies::Policy;

use self::form::PolicyForm;
use crate::api::{catalog, Failure};
use crate::components::feedback::{Alert, AlertKind};
use crate::components::page::{Loading, PageTitle};
use crate::format;
use crate::i18n::LOADER;
use crate::labels;
use crate::pages::not_found::NotFoundPage;
use crate::pages::remove::{CatalogRemoval, Kind};
use crate::state::use_session;

/// `/policies/new`.
#[component]
pub fn NewPolicyPage() -> impl IntoView {
    view! { <PolicyForm id=None /> }
}

/// `/policies/{id}`.
#[component]
pub fn EditPolicyPage() -> impl IntoView {
    let params = use_params_map();
    move || match params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok())) {
        Some(id) => view! { <PolicyForm id=Some(id) /> }.into_any(),
        None => view! { <NotFoundPage /> }.into_any(),
    }
}

/// `/policies`: every policy with what it keeps and how many jobs use it.
#[component]
pub fn PoliciesPage() -> impl IntoView {
    let session = use_session();
    let list = RwSignal::new(None::<Vec<Policy>>);
    let failure = RwSignal::new(None::<Failure>);
    let removing = RwSignal::new(None::<(i64, String)>);
    let notice = RwSignal::new(None::<String>);
    let load = move || {
        spawn_local(async move {
            match catalog::all_policies().await {
                Ok(mut l) => {
                    l.sort_by_key(|p| p.name.to_lowercase());
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
    let summary = |p: &Policy| {
        let items: Vec<String> = preview::kept(&p.schedule)
            .into_iter()
            .map(|(n, k)| labels::level_keep(n, k))
            .collect();
        if items.is_empty() {
            fl!(LOADER, "policy-keeps-nothing")
        } else {
            format::list(&items)
        }
    };
    view! {
        <PageTitle title=Signal::derive(move || fl!(LOADER, "nav-policies")) />
        <p class="lead">{move || fl!(LOADER, "policies-intro")}</p>
        <Show when=move || session.is_admin()>
            <div class="toolbar">
                <a id="policy-new" class="button button-primary" href="/policies/new">{move || fl!(LOADER, "policy-new")}</a>
            </div>
        </Show>
        <Alert id="policies-error" kind=AlertKind::Error message=Signal::derive(move || failure.with(|f| f.as_ref().map(Failure::explain))) />
        <Alert id="policies-notice" kind=AlertKind::Success message=notice />
        {move || removing.get().map(|(id, name)| view! { <CatalogRemoval kind=Kind::Policy id=id name=name on_done=on_done /> })}
        {move || {
            session.language.track();
            match list.get() {
                None => view! { <Loading /> }.into_any(),
                Some(items) => view! {
                    <div class="table-wrap">
                        <table class="table" id="policies-table">
                            <thead>
                                <tr>
                                    <th scope="col">{fl!(LOADER, "col-name")}</th>
                                    <th scope="col">{fl!(LOADER, "policy-col-keeps")}</th>
                                    <th scope="col">{fl!(LOADER, "policy-col-jobs")}</th>
                                    <th scope="col"><span class="visually-hidden">{fl!(LOADER, "col-actions")}</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                {items.into_iter().map(|p| {
                                    let admin = session.is_admin();
                                    let keeps = summary(&p);
                                    let (id, name) = (p.id, p.name.clone());
                                    view! {
                                        <tr data-testid="policy-row" data-policy-id=id.to_string() data-policy-name=p.name.clone()>
                                            <td>
                                                <a href=format!("/policies/{id}") class="strong">{p.name.clone()}</a>
                                                <span class="muted small block">{p.description}</span>
                                            </td>
                                            <td>{keeps}</td>
                                            <td class="num">{p.job_count.to_string()}</td>
                                            <td class="actions">
                                                <a class="button button-quiet" href=format!("/policies/{id}") data-testid="policy-edit">
                                                    {if admin { fl!(LOADER, "edit") } else { fl!(LOADER, "view") }}
                                                </a>
                                                {admin.then(|| view! {
                                                    <button type="button" class="button button-quiet button-danger-quiet" data-testid="policy-delete"
                                                        on:click=move |_| { notice.set(None); removing.set(Some((id, name.clone()))) }>
                                                        {fl!(LOADER, "delete")}
                                                    </button>
                                                })}
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
