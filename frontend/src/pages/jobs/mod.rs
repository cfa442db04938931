//! Jobs (`/`), the main page: the clients with their jobs nested, one server page at a
//! time (page size from the user's preferences), with search, sorting, per-row actions
//! and bulk actions on ticked rows. Search, sort and page live in the address
//! (`/?q=web&sort=-id&page=2`), so they survive reloads and the back button. Running
//! jobs show their progress, and results change as runs finish (live events).

mod live;
mod remove;
mod rows;
pub mod run;
mod selection;

use std::collections::HashMap;

use chrono::Utc;
use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use shared::clients::Client;
use shared::common::Page;

use self::remove::{JobRemoval, Removal, RemovalDialog};
use self::rows::{client_group, client_removal, RowContext};
use self::run::{RunRequest, RunTargets};
use self::selection::Selection;
use crate::api::{self, catalog, Failure, ListQuery};
use crate::components::feedback::{Alert, AlertKind};
use crate::components::page::{Loading, PageTitle};
use crate::components::pager::Pager;
use crate::i18n::LOADER;
use crate::live::use_live;
use crate::queue_feed::QueueFeed;
use crate::state::use_session;

const SORTS: [&str; 4] = ["name", "-name", "id", "-id"];

/// The address of the main page for a search, sort and page.
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
        "/".to_owned()
    } else {
        format!("/?{}", parts.join("&"))
    }
}

/// The main page.
#[component]
pub fn JobsPage() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let q = Memo::new(move |_| query.with(|m| m.get("q").unwrap_or_default()));
    let page = Memo::new(move |_| {
        query.with(|m| {
            m.get("page")
                .and_then(|p| p.parse::<i64>().ok())
                .unwrap_or(1)
                .max(1)
        })
    });
    let sort = Memo::new(move |_| {
        query.with(|m| {
            m.get("sort")
                .filter(|s| SORTS.contains(&s.as_str()))
                .unwrap_or_else(|| "name".to_owned())
        })
    });
    let per_page = Memo::new(move |_| {
        session
            .user
            .with(|u| u.as_ref().map_or(20, |me| i64::from(me.page_size)))
    });
    let data = RwSignal::new(None::<Page<Client>>);
    let failure = RwSignal::new(None::<Failure>);
    let notice = RwSignal::new(None::<String>);
    let reload = RwSignal::new(0u32);
    let generation = StoredValue::new(0u64);
    let selection = Selection::new();
    let removing = RwSignal::new(None::<Removal>);
    let warn_percent = RwSignal::new(90);
    let search = RwSignal::new(q.get_untracked());
    let feed = QueueFeed::start(false);
    let live = use_live();
    // After a reconnection (not the tab's first connection), results may have changed
    // unseen: fetch the list again.
    Effect::new(move |seen: Option<u64>| {
        let opened = live.opened.get();
        if opened > 1 && seen.is_some_and(|s| s != opened) {
            feed.finished.set(HashMap::new());
            reload.update(|n| *n += 1);
        }
        opened
    });

    if untrack(|| session.is_admin()) {
        spawn_local(async move {
            if let Ok(settings) = catalog::settings().await {
                warn_percent.set(settings.quota_warning_percent);
            }
        });
    }

    Effect::new(move |_| {
        reload.track();
        let list = ListQuery {
            page: Some(page.get()),
            per_page: Some(per_page.get()),
            sort: Some(sort.get()),
            q: Some(q.get()),
            filters: Vec::new(),
        };
        let this = generation.get_value() + 1;
        generation.set_value(this);
        spawn_local(async move {
            let answer = catalog::clients(&list).await;
            if generation.get_value() != this {
                return; // A newer request is on its way.
            }
            match answer {
                Ok(p) => {
                    failure.set(None);
                    data.set(Some(p));
                }
                Err(err) => failure.set(Some(session.check_failure(err))),
            }
        });
    });

    let navigate = use_navigate();
    let go = Callback::new(move |(text, order, number): (String, String, i64)| {
        navigate(
            &address(&text, &order, number),
            NavigateOptions {
                replace: true,
                ..NavigateOptions::default()
            },
        );
    });
    // Search as you type, a moment after the last key.
    let typed = StoredValue::new(0u64);
    let on_search = move |ev| {
        let text = event_target_value(&ev);
        search.set(text.clone());
        let n = typed.get_value() + 1;
        typed.set_value(n);
        set_timeout(
            move || {
                if typed.get_value() == n {
                    go.run((text, sort.get_untracked(), 1));
                }
            },
            std::time::Duration::from_millis(300),
        );
    };
    let on_page = Callback::new(move |n: i64| go.run((q.get_untracked(), sort.get_untracked(), n)));
    let sort_by = move |key: &'static str| {
        let next = if sort.get_untracked() == key {
            format!("-{key}")
        } else {
            key.to_owned()
        };
        go.run((q.get_untracked(), next, 1));
    };

    let on_clone = Callback::new(move |id: i64| {
        notice.set(None);
        spawn_local(async move {
            match catalog::clone_client(id).await {
                Ok(copy) => {
                    notice.set(Some(fl!(LOADER, "client-cloned", name = copy.name)));
                    reload.update(|n| *n += 1);
                }
                Err(err) => failure.set(Some(session.check_failure(err))),
            }
        });
    });
    let targets = RunTargets {
        session,
        notice,
        failure,
    };
    let on_run = Callback::new(move |request: RunRequest| run::start(request, targets));
    let bulk_run = move |_| {
        let (chosen, chosen_jobs) = selection.chosen();
        let ids = data.with_untracked(|d| {
            let mut ids = Vec::new();
            for c in d.iter().flat_map(|p| p.items.iter()) {
                let whole = chosen.contains(&c.id);
                ids.extend(
                    c.jobs
                        .iter()
                        .filter(|j| (whole && j.active && c.active) || chosen_jobs.contains(&j.id))
                        .map(|j| j.id),
                );
            }
            ids
        });
        on_run.run(RunRequest::Jobs(ids));
    };
    let on_delete = Callback::new(move |r: Removal| {
        notice.set(None);
        removing.set(Some(r));
    });
    let on_removed = Callback::new(move |summary: Option<String>| {
        removing.set(None);
        if summary.is_some() {
            notice.set(summary);
        }
        reload.update(|n| *n += 1);
    });
    let bulk_delete = move |_| {
        let (chosen, chosen_jobs) = selection.chosen();
        let removal = data.with_untracked(|d| {
            let mut r = Removal::default();
            for c in d.iter().flat_map(|p| p.items.iter()) {
                if chosen.contains(&c.id) {
                    r.clients.push(client_removal(c));
                    continue;
                }
                for j in c.jobs.iter().filter(|j| chosen_jobs.contains(&j.id)) {
                    r.jobs.push(JobRemoval {
                        id: j.id,
                        name: format!("{}/{}", c.name, j.name),
                    });
                }
            }
            r
        });
        if !removal.clients.is_empty() || !removal.jobs.is_empty() {
            on_delete.run(removal);
        }
    };
    let select_all = move |ev| selection.set_all(event_target_checked(&ev));

    let error = Signal::derive(move || failure.with(|f| f.as_ref().map(Failure::explain)));
    let sort_mark = move |key: &'static str| {
        move || match sort.get() {
            s if s == key => " ▲",
            s if s.strip_prefix('-') == Some(key) => " ▼",
            _ => "",
        }
    };
    let aria_sort = move |key: &'static str| {
        move || match sort.get() {
            s if s == key => "ascending",
            s if s.strip_prefix('-') == Some(key) => "descending",
            _ => "none",
        }
    };

    view! {
        <PageTitle title=Signal::derive(move || fl!(LOADER, "nav-jobs")) />
        <div class="toolbar">
            <a id="add-client" class="button button-primary" href="/clients/new">{move || fl!(LOADER, "jobs-add-client")}</a>
            <a id="sort-jobs-link" class="button" href="/jobs/priorities">{move || fl!(LOADER, "jobs-priorities")}</a>
            <div class="toolbar-search">
                <label for="jobs-search" class="visually-hidden">{move || fl!(LOADER, "jobs-search")}</label>
                <input
                    id="jobs-search"
                    type="search"
                    autocomplete="off"
                    placeholder=move || fl!(LOADER, "jobs-search")
                    prop:value=move || search.get()
                    on:input=on_search
                />
            </div>
        </div>
        <div class="toolbar bulk-bar" role="group" aria-label=move || fl!(LOADER, "jobs-bulk-label")>
            <span class="muted">{move || fl!(LOADER, "jobs-bulk-label")}</span>
            <button id="bulk-run" type="button" class="button button-quiet" disabled=move || !selection.any() on:click=bulk_run>
                {move || fl!(LOADER, "jobs-bulk-run")}
            </button>
            <button
                id="bulk-delete"
                type="button"
                class="button button-quiet button-danger-quiet"
                disabled=move || !selection.any()
                on:click=bulk_delete
            >
                {move || fl!(LOADER, "jobs-bulk-delete")}
            </button>
        </div>
        <Alert id="jobs-error" kind=AlertKind::Error message=error />
        <Alert id="jobs-notice" kind=AlertKind::Success message=notice />
        {move || removing.get().map(|r| view! { <RemovalDialog removal=r on_done=on_removed /> })}
        <div class="table-wrap">
            <table id="clients-table" class="table jobs-table">
                <thead>
                    <tr>
                        <th scope="col" class="select">
                            <input
                                id="select-all"
                                type="checkbox"
                                aria-label=move || fl!(LOADER, "select-all")
                                prop:checked=move || selection.all()
                                on:change=select_all
                            />
                        </th>
                        <th scope="col" aria-sort=aria_sort("id")>
                            <button type="button" id="sort-id" class="sort-button" on:click=move |_| sort_by("id")>
                                {move || fl!(LOADER, "col-id")}{sort_mark("id")}
                            </button>
                        </th>
                        <th scope="col" aria-sort=aria_sort("name")>
                            <button type="button" id="sort-name" class="sort-button" on:click=move |_| sort_by("name")>
                                {move || fl!(LOADER, "col-name")}{sort_mark("name")}
                            </button>
                        </th>
                        <th scope="col">{move || fl!(LOADER, "col-source")}</th>
                        <th scope="col">{move || fl!(LOADER, "col-last-result")}</th>
                        <th scope="col">{move || fl!(LOADER, "col-last-run")}</th>
                        <th scope="col">{move || fl!(LOADER, "col-size")}</th>
                        <th scope="col"><span class="visually-hidden">{move || fl!(LOADER, "col-actions")}</span></th>
                    </tr>
                </thead>
                {move || {
                    // Redraw every row on a language switch too.
                    session.language.track();
                    selection.reset();
                    let ctx = RowContext {
                        selection,
                        warn_percent: warn_percent.get(),
                        now: Utc::now(),
                        on_clone,
                        on_delete,
                        on_run,
                        feed,
                    };
                    data.get().map(|p| p.items.into_iter().map(|c| client_group(c, ctx)).collect_view())
                }}
            </table>
        </div>
        {move || match data.with(|d| d.as_ref().map(|p| (p.items.is_empty(), p.total))) {
            None if failure.with(Option::is_none) => view! { <Loading /> }.into_any(),
            Some((true, _)) => view! {
                <p id="jobs-empty" class="empty">
                    {move || if q.get().trim().is_empty() { fl!(LOADER, "jobs-empty") } else { fl!(LOADER, "jobs-no-match") }}
                </p>
            }.into_any(),
            _ => ().into_any(),
        }}
        <Pager
            page=page
            total=Signal::derive(move || data.with(|d| d.as_ref().map_or(0, |p| p.total)))
            per_page=per_page
            on_page=on_page
        />
    }
}

#[cfg(test)]
mod tests {
    use super::address;

    #[test]
    fn addresses() {
        assert_eq!(address("", "name", 1), "/");
        assert_eq!(address(" web ", "-id", 3), "/?q=web&sort=-id&page=3");
    }
}
