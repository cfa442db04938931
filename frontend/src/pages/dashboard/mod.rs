//! The dashboard (`/`), the landing page for everybody (operators see their own clients'
//! jobs, as the API filters them): is everything backed up, what failed or is late, what
//! runs now and next, and when the disks will be full. The health filter and the page
//! live in the address (`/?health=failed&page=2`), so they survive a reload; the board
//! follows the live event stream.

mod board;
mod health;
mod live;
mod running;
mod storage;
mod strip;

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::dashboard::{Dashboard, JobHealth, Storage};

use self::board::{client_groups, HealthCountBar};
use self::running::{NextRuns, RunningNow};
use self::storage::storage_cards;
use crate::api::{dashboard, Failure};
use crate::components::feedback::{Alert, AlertKind};
use crate::components::page::{Loading, PageTitle};
use crate::components::pager::{page_count, Pager};
use crate::i18n::LOADER;
use crate::queue_feed::QueueFeed;
use crate::scaffold::loaded::{use_loaded, Loaded};
use crate::state::use_session;

/// Tiles per page of the board.
const PER_PAGE: i64 = 100;

/// The dashboard's address for a health filter and a page.
fn address(health: Option<JobHealth>, page: i64) -> String {
    let mut parts = Vec::new();
    if let Some(h) = health {
        parts.push(format!("health={}", h.as_str()));
    }
    if page > 1 {
        parts.push(format!("page={page}"));
    }
    if parts.is_empty() {
        "/".to_owned()
    } else {
        format!("/?{}", parts.join("&"))
    }
}

/// True once a load has answered, with data or with a failure.
fn answered<T: Send + Sync + 'static>(l: Loaded<T>) -> bool {
    l.data.with(Option::is_some) || l.failure.with(Option::is_some)
}

/// The dashboard page.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let query = use_query_map();
    let filter =
        Memo::new(move |_| query.with(|m| m.get("health").and_then(|h| JobHealth::from_wire(&h))));
    let page = Memo::new(move |_| {
        query.with(|m| {
            m.get("page")
                .and_then(|p| p.parse::<i64>().ok())
                .unwrap_or(1)
                .max(1)
        })
    });
    let reload = RwSignal::new(0u32);
    let board = use_loaded(
        move || {
            reload.track();
            let (h, p) = (filter.get(), page.get());
            async move { dashboard::dashboard(h, p, PER_PAGE).await }
        },
        |_| {},
    );
    let storage = use_loaded(|| async { dashboard::storage().await }, |_| {});
    let feed = QueueFeed::start(false);
    live::follow(reload);

    let navigate = use_navigate();
    let go = Callback::new(move |(h, p): (Option<JobHealth>, i64)| {
        navigate(&address(h, p), Default::default());
    });
    let on_filter = Callback::new(move |h: Option<JobHealth>| go.run((h, 1)));
    let on_page = Callback::new(move |p: i64| go.run((filter.get_untracked(), p)));
    let loaded = move || {
        if answered(board) && answered(storage) {
            "true"
        } else {
            "false"
        }
    };
    let next_runs =
        Signal::derive(move || board.data.with(|d| d.as_ref().map(|d| d.next_runs.clone())));

    view! {
        <div class="dashboard" data-testid="dashboard" data-loaded=loaded>
            <PageTitle title=Signal::derive(move || fl!(LOADER, "dashboard-title")) />
            <div class="dashboard-top">
                <BoardPanel board=board filter=filter page=page on_filter=on_filter on_page=on_page />
                <div class="dashboard-side">
                    <RunningNow feed=feed />
                    <NextRuns runs=next_runs />
                </div>
            </div>
            <StoragePanel storage=storage />
        </div>
    }
}

/// The counts, the tiles (or why there are none) and the pager.
#[component]
fn BoardPanel(
    board: Loaded<Dashboard>,
    filter: Memo<Option<JobHealth>>,
    page: Memo<i64>,
    on_filter: Callback<Option<JobHealth>>,
    on_page: Callback<i64>,
) -> impl IntoView {
    let session = use_session();
    let error = Signal::derive(move || board.failure.with(|f| f.as_ref().map(Failure::message)));
    let counts = Signal::derive(move || board.data.with(|d| d.as_ref().map(|d| d.counts)));
    let total =
        Signal::derive(move || board.data.with(|d| d.as_ref().map_or(0, |d| d.tiles.total)));
    let body = move || {
        // Redraw every tile on a language switch too.
        session.language.track();
        let Some(d) = board.data.get() else {
            return board
                .failure
                .with(Option::is_none)
                .then(|| view! { <Loading /> }.into_any());
        };
        if d.counts.total == 0 {
            return Some(
                view! {
                    <p class="empty" id="dashboard-empty" data-testid="dashboard-empty">
                        {fl!(LOADER, "dashboard-empty")} " "
                        <a href=crate::paths::href("/clients/new") id="dashboard-add-client">{fl!(LOADER, "dashboard-empty-add")}</a>
                    </p>
                }
                .into_any(),
            );
        }
        if d.tiles.items.is_empty() {
            return Some(
                view! {
                    <p class="empty" data-testid="dashboard-filter-empty">
                        {fl!(LOADER, "dashboard-filter-empty")} " "
                        <button type="button" class="button button-quiet" id="dashboard-filter-clear" on:click=move |_| on_filter.run(None)>
                            {fl!(LOADER, "dashboard-filter-clear")}
                        </button>
                    </p>
                }
                .into_any(),
            );
        }
        Some(
            view! { <div class="board">{client_groups(d.tiles.items, d.generated_at)}</div> }
                .into_any(),
        )
    };
    let paged = move || page_count(total.get(), PER_PAGE) > 1;
    view! {
        <section class="panel board-panel" aria-labelledby="board-title">
            <h2 id="board-title">{move || fl!(LOADER, "dashboard-board-title")}</h2>
            <Alert id="dashboard-error" kind=AlertKind::Error message=error />
            <HealthCountBar counts=counts filter=filter on_filter=on_filter />
            {body}
            <Show when=paged>
                <Pager page=page total=total per_page=PER_PAGE on_page=on_page />
            </Show>
        </section>
    }
}

/// One card per location.
#[component]
fn StoragePanel(storage: Loaded<Storage>) -> impl IntoView {
    let session = use_session();
    let error = Signal::derive(move || storage.failure.with(|f| f.as_ref().map(Failure::message)));
    let body = move || {
        session.language.track();
        match storage.data.get() {
            Some(s) => storage_cards(s.locations).into_any(),
            None if storage.failure.with(Option::is_none) => view! { <Loading /> }.into_any(),
            None => ().into_any(),
        }
    };
    view! {
        <section class="panel storage-panel" aria-labelledby="storage-title" data-testid="storage">
            <h2 id="storage-title">{move || fl!(LOADER, "dashboard-storage-title")}</h2>
            <Alert id="storage-error" kind=AlertKind::Error message=error />
            {body}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_keep_filter_and_page() {
        assert_eq!(address(None, 1), "/");
        assert_eq!(address(Some(JobHealth::Failed), 1), "/?health=failed");
        assert_eq!(
            address(Some(JobHealth::NeverRan), 3),
            "/?health=never_ran&page=3"
        );
        assert_eq!(address(None, 2), "/?page=2");
    }
}
