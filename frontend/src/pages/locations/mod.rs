//! Backup locations (administrators): the list with each directory's state (`/locations`)
//! and the form (`/locations/new`, `/locations/{id}`).

mod form;

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use shared::locations::{Location, LocationStatus};

use self::form::LocationForm;
use crate::api::{catalog, Failure};
use crate::components::feedback::{Alert, AlertKind};
use crate::components::page::{AdminOnly, Loading, PageTitle};
use crate::format;
use crate::i18n::LOADER;
use crate::pages::not_found::NotFoundPage;
use crate::pages::remove::{CatalogRemoval, Kind};
use crate::state::use_session;

/// `/locations/new`.
#[component]
pub fn NewLocationPage() -> impl IntoView {
    let title = Signal::derive(move || fl!(LOADER, "location-new-title"));
    view! { <AdminOnly title=title><LocationForm id=None /></AdminOnly> }
}

/// `/locations/{id}`.
#[component]
pub fn EditLocationPage() -> impl IntoView {
    let params = use_params_map();
    let title = Signal::derive(move || fl!(LOADER, "nav-locations"));
    view! {
        <AdminOnly title=title>
            {move || match params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok())) {
                Some(id) => view! { <LocationForm id=Some(id) /> }.into_any(),
                None => view! { <NotFoundPage /> }.into_any(),
            }}
        </AdminOnly>
    }
}

/// `/locations`.
#[component]
pub fn LocationsPage() -> impl IntoView {
    let title = Signal::derive(move || fl!(LOADER, "nav-locations"));
    view! { <AdminOnly title=title><LocationList /></AdminOnly> }
}

/// The state of a location's directory in words, and whether it is healthy.
fn status_text(s: &LocationStatus) -> (String, bool) {
    if !s.online {
        (fl!(LOADER, "location-offline"), false)
    } else if !s.writable {
        (fl!(LOADER, "location-read-only"), false)
    } else {
        (fl!(LOADER, "location-online"), true)
    }
}

fn space_text(s: &LocationStatus) -> String {
    match (s.free_bytes, s.total_bytes) {
        (Some(free), Some(total)) => fl!(
            LOADER,
            "location-free-of",
            free = format::size(i64::try_from(free).unwrap_or(i64::MAX)),
            total = format::size(i64::try_from(total).unwrap_or(i64::MAX))
        ),
        _ => "—".to_owned(),
    }
}

fn inodes_text(s: &LocationStatus) -> String {
    match (s.free_inodes, s.total_inodes) {
        (Some(free), Some(total)) => fl!(
            LOADER,
            "location-inodes-free",
            free = free.to_string(),
            total = total.to_string()
        ),
        _ => "—".to_owned(),
    }
}

#[component]
fn LocationList() -> impl IntoView {
    let session = use_session();
    let list = RwSignal::new(None::<Vec<Location>>);
    let failure = RwSignal::new(None::<Failure>);
    let removing = RwSignal::new(None::<(i64, String)>);
    let notice = RwSignal::new(None::<String>);
    let load = move || {
        spawn_local(async move {
            match catalog::all_locations().await {
                Ok(mut l) => {
                    l.sort_by_key(|x| x.id);
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
        <PageTitle title=Signal::derive(move || fl!(LOADER, "nav-locations")) />
        <p class="lead">{move || fl!(LOADER, "locations-intro")}</p>
        <div class="toolbar">
            <a id="location-new" class="button button-primary" href="/locations/new">{move || fl!(LOADER, "location-new")}</a>
        </div>
        <Alert id="locations-error" kind=AlertKind::Error message=Signal::derive(move || failure.with(|f| f.as_ref().map(Failure::explain))) />
        <Alert id="locations-notice" kind=AlertKind::Success message=notice />
        {move || removing.get().map(|(id, name)| view! { <CatalogRemoval kind=Kind::Location id=id name=name on_done=on_done /> })}
        {move || {
            session.language.track();
            match list.get() {
                None => view! { <Loading /> }.into_any(),
                Some(items) => view! {
                    <div class="table-wrap">
                        <table class="table" id="locations-table">
                            <thead>
                                <tr>
                                    <th scope="col">{fl!(LOADER, "col-name")}</th>
                                    <th scope="col">{fl!(LOADER, "location-directory")}</th>
                                    <th scope="col">{fl!(LOADER, "location-state")}</th>
                                    <th scope="col">{fl!(LOADER, "location-space")}</th>
                                    <th scope="col">{fl!(LOADER, "location-inodes")}</th>
                                    <th scope="col">{fl!(LOADER, "max-parallel-jobs")}</th>
                                    <th scope="col">{fl!(LOADER, "policy-col-jobs")}</th>
                                    <th scope="col"><span class="visually-hidden">{fl!(LOADER, "col-actions")}</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                {items.into_iter().map(|l| {
                                    let (id, name) = (l.id, l.name.clone());
                                    let (state, healthy) = status_text(&l.status);
                                    view! {
                                        <tr data-testid="location-row" data-location-id=id.to_string() class:inactive=!l.active>
                                            <td><a href=format!("/locations/{id}") class="strong">{l.name.clone()}</a></td>
                                            <td class="mono small">{l.directory.clone()}</td>
                                            <td>
                                                <span class=if healthy { "badge badge-ok" } else { "badge badge-failed" }>{state}</span>
                                                {(!l.active).then(|| view! { " "<span class="badge badge-inactive">{fl!(LOADER, "inactive")}</span> })}
                                            </td>
                                            <td>{space_text(&l.status)}</td>
                                            <td>{inodes_text(&l.status)}</td>
                                            <td class="num">{l.max_parallel_jobs.to_string()}</td>
                                            <td class="num">{l.job_count.to_string()}</td>
                                            <td class="actions">
                                                <a class="button button-quiet" href=format!("/locations/{id}") data-testid="location-edit">{fl!(LOADER, "edit")}</a>
                                                <button type="button" class="button button-quiet button-danger-quiet" data-testid="location-delete"
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
