//! The Logs page (`/logs`): the server's log records, newest first, one server page at a
//! time, filtered by level, source, client, job, text and days; the filters live in the
//! address (`/logs?level=error&client_id=3&page=2`), so they survive reloads and the back
//! button. With "Live" on, records arriving over the event stream that match the filters
//! are put on top of the first page. "Export CSV" downloads the filtered records.

mod bar;
mod filters;
mod rows;

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use shared::common::Page;
use shared::events::{Event, LogRecord};
use shared::logs::LogEntry;

use self::bar::{FilterBar, Lists};
use self::filters::Filters;
use self::rows::log_row;
use crate::api::{logs, Failure};
use crate::components::feedback::{Alert, AlertKind};
use crate::components::page::{Loading, PageTitle};
use crate::components::pager::Pager;
use crate::i18n::LOADER;
use crate::live::use_live;
use crate::scaffold::address::use_list_address;
use crate::scaffold::loaded::{use_loaded, Loaded};
use crate::state::{use_session, Session};

/// `/logs`.
#[component]
pub fn LogsPage() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let filters = Memo::new(move |_| query.with(|m| Filters::read(|n| m.get(n))));
    let at = use_list_address(|_| (), 20);
    let navigate = use_navigate();
    let go = Callback::new(move |(f, page): (Filters, i64)| {
        navigate(
            &f.address(page),
            NavigateOptions {
                replace: true,
                ..NavigateOptions::default()
            },
        );
    });
    let live_on = RwSignal::new(false);
    let reload = RwSignal::new(0u32);
    // Records that arrived live since the last load, newest first.
    let fresh = RwSignal::new(Vec::<LogEntry>::new());
    let loaded: Loaded<Page<LogEntry>> = use_loaded(
        move || {
            reload.track();
            let q = filters
                .get()
                .query(Some(at.page.get()), Some(at.per_page.get()));
            async move { logs::logs(&q).await }
        },
        move |_| fresh.set(Vec::new()),
    );
    let lists = Lists::load();
    follow_live(live_on, reload, fresh, filters, at.page, lists);

    let error = Signal::derive(move || loaded.failure.with(|f| f.as_ref().map(Failure::message)));
    let items = move || {
        session.language.track();
        let mut shown = fresh.get();
        if let Some(p) = loaded.data.get() {
            shown.extend(
                p.items
                    .into_iter()
                    .filter(|e| !fresh.with(|f| f.iter().any(|x| x.record.id == e.record.id))),
            );
        }
        shown
    };
    let total = Signal::derive(move || {
        loaded.data.with(|d| d.as_ref().map_or(0, |p| p.total)) + fresh.with(Vec::len) as i64
    });
    view! {
        <PageTitle title=Signal::derive(move || fl!(LOADER, "nav-logs")) />
        <FilterBar filters=filters at=at go=go live_on=live_on lists=lists />
        <Alert id="logs-error" kind=AlertKind::Error message=error />
        {move || {
            let rows = items();
            match (rows.is_empty(), loaded.data.with(Option::is_some) || loaded.failure.with(Option::is_some)) {
                (true, false) => view! { <Loading /> }.into_any(),
                (true, true) => view! {
                    <p id="logs-empty" class="empty">
                        {move || if filters.with(Filters::is_empty) { fl!(LOADER, "logs-empty") } else { fl!(LOADER, "logs-no-match") }}
                    </p>
                }.into_any(),
                (false, _) => logs_table(rows).into_any(),
            }
        }}
        <Pager
            page=at.page
            total=total
            per_page=at.per_page
            on_page=Callback::new(move |n: i64| go.run((filters.get_untracked(), n)))
        />
    }
}

/// The table of records.
fn logs_table(rows: Vec<LogEntry>) -> impl IntoView {
    let headings = [
        fl!(LOADER, "logs-col-time"),
        fl!(LOADER, "logs-col-level"),
        fl!(LOADER, "logs-col-source"),
        fl!(LOADER, "logs-col-what"),
        fl!(LOADER, "logs-col-client"),
        fl!(LOADER, "logs-col-job"),
        fl!(LOADER, "logs-col-run"),
        fl!(LOADER, "logs-col-user"),
    ];
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="table logs-table" id="logs-table">
                <thead>
                    <tr>{headings.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr>
                </thead>
                <tbody>{rows.into_iter().map(log_row).collect_view()}</tbody>
            </table>
        </div>
    }
}

/// With Live on: every record arriving over the event stream that the filters let
/// through goes on top of the first page (with the names the page knows). Turning Live
/// on, and every reconnection while it is on, loads the list again (nothing is missed).
fn follow_live(
    live_on: RwSignal<bool>,
    reload: RwSignal<u32>,
    fresh: RwSignal<Vec<LogEntry>>,
    filters: Memo<Filters>,
    page: Memo<i64>,
    lists: Lists,
) {
    let session = use_session();
    let live = use_live();
    live.subscribe(move |event| {
        let Event::Log { record } = event else { return };
        if !live_on.get_untracked() || page.get_untracked() != 1 {
            return;
        }
        let admin = untrack(|| session.is_admin());
        if !filters.with_untracked(|f| f.matches(&record, admin)) {
            return;
        }
        let entry = named(record, lists, session);
        fresh.update(|v| {
            if !v.iter().any(|e| e.record.id == entry.record.id) {
                v.insert(0, entry);
            }
        });
    });
    Effect::new(move |seen: Option<(bool, u64)>| {
        let now = (live_on.get(), live.opened.get());
        if seen.is_some_and(|s| s != now) && now.0 {
            reload.update(|n| *n += 1);
        }
        now
    });
}

/// A live record with the names of its client and job, as the page's lists have them,
/// and the user's when it is the signed-in one.
fn named(record: LogRecord, lists: Lists, session: Session) -> LogEntry {
    let username = session.user.with_untracked(|u| {
        u.as_ref()
            .filter(|me| Some(me.id) == record.user_id)
            .map(|me| me.username.clone())
    });
    LogEntry {
        client_name: lists.client_name(record.client_id),
        job_name: lists.job_name(record.job_id),
        username,
        record,
    }
}
