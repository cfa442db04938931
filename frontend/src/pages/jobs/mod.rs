//! Jobs (`/jobs`): the clients with their jobs nested, one server page at a
//! time (page size from the user's preferences), with search, sorting, per-row actions
//! and bulk actions on ticked rows. Search, sort and page live in the address
//! (`/jobs?q=web&sort=-id&page=2`), so they survive reloads and the back button. Running
//! jobs show their progress, and results change as runs finish (live events).

mod live;
mod remove;
mod rows;
pub use rows::{late_badge, quota_percent};
pub mod run;
mod selection;
mod table;

use std::collections::HashMap;

use chrono::Utc;
use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use shared::clients::Client;
use shared::common::Page;

use self::remove::{Removal, RemovalDialog};
use self::rows::{client_group, RowContext};
use self::run::{RunRequest, RunTargets};
use self::selection::Selection;
use self::table::{BulkBar, ClientsTable};
use shared::clients::ClientSort;

use crate::api::{self, catalog, Failure, ListQuery};
use crate::components::feedback::{Alert, AlertKind};
use crate::components::fields::SearchBox;
use crate::components::page::{Loading, PageTitle};
use crate::components::pager::Pager;
use crate::i18n::LOADER;
use crate::live::use_live;
use crate::queue_feed::QueueFeed;
use crate::scaffold::address::{use_list_address, ListAddress};
use crate::scaffold::loaded::{use_loaded, Loaded};
use crate::state::use_session;

/// The address of the jobs list for a search, sort and page.
fn address(q: &str, sort: &str, page: i64) -> String {
    let mut parts = Vec::new();
    if !q.trim().is_empty() {
        parts.push(format!("q={}", api::query::encode(q.trim())));
    }
    if sort != "name" {
        parts.push(format!("sort={sort}"));
    }
    if page > 1 {
        parts.push(format!("page={page}"));
    }
    if parts.is_empty() {
        "/jobs".to_owned()
    } else {
        format!("/jobs?{}", parts.join("&"))
    }
}

/// The sort order in the address; by name when absent or unknown.
fn parse_sort(sort: Option<String>) -> String {
    sort.filter(|s| ClientSort::from_wire(s).is_some())
        .unwrap_or_else(|| "name".to_owned())
}

/// The page of clients on screen and why the last load failed, and what reloads it.
#[derive(Clone, Copy)]
struct Listing {
    loaded: Loaded<Page<Client>>,
    /// Bumped to fetch the list again.
    reload: RwSignal<u32>,
}

impl Listing {
    /// Loads the page the address names, again whenever it or `reload` changes.
    fn load(at: ListAddress<String>) -> Self {
        let reload = RwSignal::new(0u32);
        let loaded = use_loaded(
            move || {
                reload.track();
                let list = ListQuery {
                    page: Some(at.page.get()),
                    per_page: Some(at.per_page.get()),
                    sort: Some(at.sort.get()),
                    q: Some(at.q.get()),
                    filters: Vec::new(),
                };
                async move { catalog::clients(&list).await }
            },
            |_| {},
        );
        Listing { loaded, reload }
    }

    fn reload(self) {
        self.reload.update(|n| *n += 1);
    }
}

/// The jobs list.
#[component]
pub fn JobsPage() -> impl IntoView {
    let session = use_session();
    let at = use_list_address(parse_sort, 20);
    let listing = Listing::load(at);
    let notice = RwSignal::new(None::<String>);
    let selection = Selection::new();
    let removing = RwSignal::new(None::<Removal>);
    let feed = QueueFeed::start(false);
    reload_after_reconnect(feed, listing);
    let warn_percent = quota_warning_percent();

    let go = navigate_to();
    let on_page =
        Callback::new(move |n: i64| go.run((at.q.get_untracked(), at.sort.get_untracked(), n)));
    let on_sort = Callback::new(move |order: String| go.run((at.q.get_untracked(), order, 1)));
    let targets = RunTargets {
        session,
        notice,
        failure: listing.loaded.failure,
    };
    let on_run = Callback::new(move |request: RunRequest| run::start(request, targets));
    let on_delete = Callback::new(move |r: Removal| {
        notice.set(None);
        removing.set(Some(r));
    });
    let on_removed = Callback::new(move |summary: Option<String>| {
        removing.set(None);
        if summary.is_some() {
            notice.set(summary);
        }
        listing.reload();
    });
    let on_clone = clone_action(listing, notice);
    let late = late_jobs(listing);
    let ctx = move || RowContext {
        selection,
        warn_percent: warn_percent.get(),
        now: Utc::now(),
        on_clone,
        on_delete,
        on_run,
        feed,
        late,
    };
    let error = Signal::derive(move || {
        listing
            .loaded
            .failure
            .with(|f| f.as_ref().map(Failure::explain))
    });

    view! {
        <PageTitle title=Signal::derive(move || fl!(LOADER, "nav-jobs")) />
        <JobsToolbar at=at go=go />
        <BulkBar selection=selection data=listing.loaded.data on_run=on_run on_delete=on_delete />
        <Alert id="jobs-error" kind=AlertKind::Error message=error />
        <Alert id="jobs-notice" kind=AlertKind::Success message=notice />
        {move || removing.get().map(|r| view! { <RemovalDialog removal=r on_done=on_removed /> })}
        <ClientsTable sort=at.sort on_sort=on_sort selection=selection>
            {move || {
                // Redraw every row on a language switch too.
                session.language.track();
                selection.reset();
                let ctx = ctx();
                listing.loaded.data.get().map(|p| p.items.into_iter().map(|c| client_group(c, ctx)).collect_view())
            }}
        </ClientsTable>
        <JobsEmpty listing=listing q=at.q />
        <Pager
            page=at.page
            total=Signal::derive(move || listing.loaded.data.with(|d| d.as_ref().map_or(0, |p| p.total)))
            per_page=at.per_page
            on_page=on_page
        />
    }
}

/// After a reconnection (not the tab's first connection), results may have changed
/// unseen: fetch the list again.
fn reload_after_reconnect(feed: QueueFeed, listing: Listing) {
    let live = use_live();
    Effect::new(move |seen: Option<u64>| {
        let opened = live.opened.get();
        if opened > 1 && seen.is_some_and(|s| s != opened) {
            feed.finished.set(HashMap::new());
            listing.reload();
        }
        opened
    });
}

/// Goes to the jobs list for a search, sort and page, replacing the address.
fn navigate_to() -> Callback<(String, String, i64)> {
    let navigate = use_navigate();
    Callback::new(move |(text, order, number): (String, String, i64)| {
        navigate(
            &address(&text, &order, number),
            NavigateOptions {
                replace: true,
                ..NavigateOptions::default()
            },
        );
    })
}

/// The late jobs' ids, fetched again with the list.
fn late_jobs(listing: Listing) -> Signal<std::collections::HashSet<i64>> {
    let fetched = LocalResource::new(move || {
        listing.reload.track();
        async { catalog::late_job_ids().await.unwrap_or_default() }
    });
    Signal::derive(move || fetched.get().unwrap_or_default().into_iter().collect())
}

/// The quota use (percent) from which sizes show a warning: the setting for
/// administrators, 90 for others (who cannot read the settings).
pub fn quota_warning_percent() -> Signal<i32> {
    let session = use_session();
    let warn_percent = LocalResource::new(move || async move {
        if untrack(|| session.is_admin()) {
            catalog::settings()
                .await
                .ok()
                .map(|s| s.quota_warning_percent)
        } else {
            None
        }
    });
    Signal::derive(move || warn_percent.get().flatten().unwrap_or(90))
}

/// The buttons to add a client and to order the jobs, and the search box.
#[component]
fn JobsToolbar(at: ListAddress<String>, go: Callback<(String, String, i64)>) -> impl IntoView {
    let on_search = at.on_search(move |text| go.run((text, at.sort.get_untracked(), 1)));
    view! {
        <div class="toolbar">
            <a id="add-client" class="button button-primary" href=crate::paths::href("/clients/new")>{move || fl!(LOADER, "jobs-add-client")}</a>
            <a id="sort-jobs-link" class="button" href=crate::paths::href("/jobs/priorities")>{move || fl!(LOADER, "jobs-priorities")}</a>
            <SearchBox id="jobs-search" label=|| fl!(LOADER, "jobs-search") value=at.search on_input=on_search />
        </div>
    }
}

/// While loading, the spinner; with no clients, why the list is empty (none, or none
/// matching the search).
#[component]
fn JobsEmpty(listing: Listing, q: Memo<String>) -> impl IntoView {
    view! {
        {move || match listing.loaded.data.with(|d| d.as_ref().map(|p| (p.items.is_empty(), p.total))) {
            None if listing.loaded.failure.with(Option::is_none) => view! { <Loading /> }.into_any(),
            Some((true, _)) => view! {
                <p id="jobs-empty" class="empty">
                    {move || if q.get().trim().is_empty() { fl!(LOADER, "jobs-empty") } else { fl!(LOADER, "jobs-no-match") }}
                </p>
            }.into_any(),
            _ => ().into_any(),
        }}
    }
}

/// Copies a client (with its jobs), says so and shows the list again.
fn clone_action(listing: Listing, notice: RwSignal<Option<String>>) -> Callback<i64> {
    let session = use_session();
    Callback::new(move |id: i64| {
        notice.set(None);
        spawn_local(async move {
            match catalog::clone_client(id).await {
                Ok(copy) => {
                    notice.set(Some(fl!(LOADER, "client-cloned", name = copy.name)));
                    listing.reload();
                }
                Err(err) => listing.loaded.failure.set(Some(session.check_failure(err))),
            }
        });
    })
}

#[cfg(test)]
mod tests {
    use super::address;

    #[test]
    fn addresses() {
        assert_eq!(address("", "name", 1), "/jobs");
        assert_eq!(address(" web ", "-id", 3), "/jobs?q=web&sort=-id&page=3");
    }
}
