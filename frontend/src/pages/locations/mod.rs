//! Backup locations (administrators): the list with each directory's state (`/locations`)
//! and the form (`/locations/new`, `/locations/{id}`).

mod form;

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::locations::{Location, LocationStatus};

use self::form::LocationForm;
use crate::api::catalog;
use crate::components::page::AdminOnly;
use crate::format;
use crate::i18n::LOADER;
use crate::pages::not_found::ById;
use crate::pages::remove::Kind;
use crate::scaffold::list_page::{ListPage, Remove, RowActions};

/// `/locations/new`.
#[component]
pub fn NewLocationPage() -> impl IntoView {
    let title = Signal::derive(move || fl!(LOADER, "location-new-title"));
    view! { <AdminOnly title=title><LocationForm id=None /></AdminOnly> }
}

/// `/locations/{id}`.
#[component]
pub fn EditLocationPage() -> impl IntoView {
    let title = Signal::derive(move || fl!(LOADER, "nav-locations"));
    view! {
        <AdminOnly title=title>
            <ById page=|id| view! { <LocationForm id=Some(id) /> }.into_any() />
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
    view! {
        <ListPage
            name="locations"
            kind=Kind::Location
            title=Signal::derive(move || fl!(LOADER, "nav-locations"))
            intro=Signal::derive(move || fl!(LOADER, "locations-intro"))
            new_button=("location-new", "/locations/new", || fl!(LOADER, "location-new"))
            fetch=catalog::all_locations
            sort=|l| l.sort_by_key(|x| x.id)
            columns=|| vec![
                fl!(LOADER, "col-name"),
                fl!(LOADER, "location-directory"),
                fl!(LOADER, "location-state"),
                fl!(LOADER, "location-space"),
                fl!(LOADER, "location-inodes"),
                fl!(LOADER, "max-parallel-jobs"),
                fl!(LOADER, "policy-col-jobs"),
            ]
            row=location_row
        />
    }
}

/// One location of the list, with its directory's state.
fn location_row(l: Location, remove: Remove) -> impl IntoView {
    let id = l.id;
    let (state, healthy) = status_text(&l.status);
    view! {
        <tr data-testid="location-row" data-location-id=id.to_string() class:inactive=!l.active>
            <td><a href=crate::paths::href(&format!("/locations/{id}")) class="strong">{l.name.clone()}</a></td>
            <td class="mono small">{l.directory.clone()}</td>
            <td>
                <span class=if healthy { "badge badge-ok" } else { "badge badge-failed" }>{state}</span>
                {(!l.active).then(|| view! { " "<span class="badge badge-inactive">{fl!(LOADER, "inactive")}</span> })}
            </td>
            <td>{space_text(&l.status)}</td>
            <td>{inodes_text(&l.status)}</td>
            <td class="num">{l.max_parallel_jobs.to_string()}</td>
            <td class="num">{l.job_count.to_string()}</td>
            <RowActions href=crate::paths::href(&format!("/locations/{id}")) entity="location" delete=Some((None, id, l.name.clone(), remove)) />
        </tr>
    }
}
