//! The snapshot browser (`/snapshots/{id}?path=&q=&page=&sort=`): breadcrumbs, one page
//! of a directory (or of a name search) with sorting and keyboard navigation, downloads
//! of files and of directories as archives, the versions of a file and the restore
//! dialog. The address holds the directory and search, so Back and Forward work.

mod crumbs;
mod follow;
mod keys;
mod path;
mod preview;
mod restore;
mod row;
mod table;
mod versions;

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;
use shared::jobs::Job;
use shared::runs::Snapshot;
use shared::snapshots::{Entry, EntryKind, EntryPage, EntrySort};

use self::crumbs::Breadcrumbs;
use self::keys::{listing_action, moved, KeyAction};
use self::path::{browse_address, decode_lossy, parent};
use self::restore::RestoreDialog;
use self::row::{archive_links, RowActions};
use self::table::EntryTable;
use self::versions::VersionsDialog;
use crate::api::snapshots::{self as api, download_url, sort_from_name, sort_name, EntriesQuery};
use crate::api::{catalog, Failure};
use crate::components::feedback::{Alert, AlertKind};
use crate::components::page::{Loading, PageTitle};
use crate::components::pager::Pager;
use crate::i18n::{self, LOADER};
use crate::pages::not_found::NotFoundPage;
use crate::state::use_session;

/// A snapshot path for display (percent-decoded, lossy).
pub fn display_path(encoded: &str) -> String {
    decode_lossy(encoded)
}

/// `/snapshots/{id}`.
#[component]
pub fn BrowsePage() -> impl IntoView {
    let params = use_params_map();
    move || match params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok())) {
        Some(id) => view! { <Browser id=id /> }.into_any(),
        None => view! { <NotFoundPage /> }.into_any(),
    }
}

/// The dialog open over the listing.
#[derive(Clone)]
enum Open {
    Versions(Entry),
    Restore(Entry),
}

/// A directory entry standing for directory `path` itself (to restore it whole).
fn directory_entry(path: &str, snapshot: &Snapshot) -> Entry {
    Entry {
        name: path::crumbs(path)
            .pop()
            .map_or_else(String::new, |c| c.name),
        path: path.to_owned(),
        kind: EntryKind::Dir,
        size: 0,
        mtime: snapshot.taken_at,
        mode: 0o755,
        uid: 0,
        gid: 0,
        target: None,
    }
}

#[component]
fn Browser(id: i64) -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();
    let path = Memo::new(move |_| query.with(|m| m.get("path").unwrap_or_default()));
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
                .and_then(|s| sort_from_name(&s))
                .unwrap_or_default()
        })
    });
    let per_page = Memo::new(move |_| {
        session
            .user
            .with(|u| u.as_ref().map_or(50, |me| i64::from(me.page_size)))
    });
    let snapshot = RwSignal::new(None::<Snapshot>);
    let job = RwSignal::new(None::<Job>);
    let listing = RwSignal::new(None::<EntryPage>);
    let failure = RwSignal::new(None::<Failure>);
    let selected = RwSignal::new(None::<usize>);
    let open = RwSignal::new(None::<Open>);
    let search = RwSignal::new(q.get_untracked());
    let generation = StoredValue::new(0u64);
    // The box follows the address (links, Back and Forward change the search too).
    Effect::new(move |_| {
        let text = q.get();
        if search.get_untracked().trim() != text.trim() {
            search.set(text);
        }
    });

    spawn_local(async move {
        match api::snapshot(id).await {
            Ok(s) => {
                let job_id = s.job_id;
                snapshot.try_set(Some(s));
                match catalog::job(job_id).await {
                    Ok(j) => {
                        job.try_set(Some(j));
                    }
                    Err(f) => {
                        failure.try_set(Some(session.check_failure(f)));
                    }
                }
            }
            Err(f) => {
                failure.try_set(Some(session.check_failure(f)));
            }
        }
    });

    Effect::new(move |_| {
        let request = EntriesQuery {
            path: path.get(),
            q: q.get(),
            page: page.get(),
            per_page: per_page.get(),
            sort: sort.get(),
        };
        let this = generation.get_value() + 1;
        generation.set_value(this);
        spawn_local(async move {
            let answer = api::entries(id, &request).await;
            if generation.try_get_value() != Some(this) {
                return; // A newer request is on its way, or the page is gone.
            }
            match answer {
                Ok(p) => {
                    failure.set(None);
                    selected.set(None);
                    listing.set(Some(p));
                }
                Err(f) => failure.set(Some(session.check_failure(f))),
            }
        });
    });

    // Address changes: `replace` for typing and sorting, history entries for moving.
    let go = Callback::new(
        move |(dir, text, number, order, replace): (String, String, i64, EntrySort, bool)| {
            navigate(
                &browse_address(id, &dir, &text, number, sort_name(order)),
                NavigateOptions {
                    replace,
                    ..NavigateOptions::default()
                },
            );
        },
    );
    let open_dir = move |dir: String| {
        search.set(String::new());
        go.run((dir, String::new(), 1, sort.get_untracked(), false));
    };
    let typed = StoredValue::new(0u64);
    let on_search = move |ev| {
        let text = event_target_value(&ev);
        search.set(text.clone());
        let n = typed.get_value() + 1;
        typed.set_value(n);
        set_timeout(
            move || {
                if typed.try_get_value() == Some(n) {
                    go.run((path.get_untracked(), text, 1, sort.get_untracked(), true));
                }
            },
            std::time::Duration::from_millis(300),
        );
    };
    let on_page = Callback::new(move |n: i64| {
        go.run((
            path.get_untracked(),
            q.get_untracked(),
            n,
            sort.get_untracked(),
            true,
        ));
    });
    let on_sort = Callback::new(move |order: EntrySort| {
        go.run((path.get_untracked(), q.get_untracked(), 1, order, true));
    });

    let items = Memo::new(move |_| {
        listing.with(|l| l.as_ref().map(|l| l.items.clone()).unwrap_or_default())
    });
    let activate = move |entry: Entry| match entry.kind {
        EntryKind::Dir => open_dir(entry.path),
        EntryKind::File => {
            if let Some(window) = web_sys::window() {
                // Ignoring the error: a refused navigation just does nothing.
                let _ = window
                    .location()
                    .assign(&download_url(id, &entry.path, None));
            }
        }
        _ => {}
    };
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if open.with_untracked(Option::is_some) {
            return;
        }
        let Some(action) = listing_action(&ev) else {
            return;
        };
        let len = items.with_untracked(Vec::len);
        match action {
            KeyAction::Down | KeyAction::Up => {
                ev.prevent_default();
                let next = moved(selected.get_untracked(), len, action == KeyAction::Down);
                selected.set(next);
                scroll_to(next);
            }
            KeyAction::Open => {
                let entry = selected
                    .get_untracked()
                    .and_then(|i| items.with_untracked(|all| all.get(i).cloned()));
                if let Some(entry) = entry {
                    ev.prevent_default();
                    activate(entry);
                }
            }
            KeyAction::Back => {
                if let Some(up) = parent(&path.get_untracked()) {
                    ev.prevent_default();
                    open_dir(up);
                }
            }
        }
    });
    on_cleanup(move || handle.remove());

    let actions = RowActions {
        select: Callback::new(move |i| selected.set(Some(i))),
        versions: Callback::new(move |e| open.set(Some(Open::Versions(e)))),
        restore: Callback::new(move |e| open.set(Some(Open::Restore(e)))),
    };
    let root = Signal::derive(move || {
        session.language.track();
        let name = job.with(|j| j.as_ref().map(|j| j.name.clone()).unwrap_or_default());
        let time = snapshot
            .with(|s| s.as_ref().map(|s| i18n::format_time(&s.taken_at)))
            .unwrap_or_default();
        if name.is_empty() {
            time
        } else {
            format!("{name} / {time}")
        }
    });
    let title = Signal::derive(move || fl!(LOADER, "browse-title", snapshot = root.get()));
    let error = Signal::derive(move || failure.with(|f| f.as_ref().map(Failure::message)));
    let searching = Signal::derive(move || !q.with(|q| q.trim().is_empty()));
    let restore_here = move |_| {
        if let Some(s) = snapshot.get_untracked() {
            open.set(Some(Open::Restore(directory_entry(
                &path.get_untracked(),
                &s,
            ))));
        }
    };
    let truncated = move || listing.with(|l| l.as_ref().is_some_and(|l| l.truncated));
    let here = move || {
        let p = path.get();
        if p.is_empty() {
            "/".to_owned()
        } else {
            format!("/{}", decode_lossy(&p))
        }
    };

    view! {
        <PageTitle title=title />
        <Breadcrumbs id=id root=root path=path label=Signal::derive(move || fl!(LOADER, "browse-crumbs")) />
        <div class="toolbar browse-toolbar">
            <span class="muted small" id="browse-here">{here}</span>
            <span class="toolbar-group" role="group" aria-label=move || fl!(LOADER, "browse-download-here")>
                <span class="small muted">{move || fl!(LOADER, "browse-download-here")}</span>
                {move || archive_links(id, &path.get(), "dir")}
            </span>
            <button
                type="button"
                class="button button-quiet"
                id="browse-restore-here"
                disabled=move || job.with(Option::is_none)
                on:click=restore_here
            >
                {move || fl!(LOADER, "browse-restore-here")}
            </button>
            <div class="toolbar-search">
                <label for="browse-search" class="visually-hidden">{move || fl!(LOADER, "browse-search")}</label>
                <input
                    id="browse-search"
                    type="search"
                    autocomplete="off"
                    placeholder=move || fl!(LOADER, "browse-search")
                    prop:value=move || search.get()
                    on:input=on_search
                />
            </div>
        </div>
        <Alert id="browse-error" kind=AlertKind::Error message=error />
        <section class="panel" id="browse-listing" aria-labelledby="page-title">
            <p class="small muted keys-hint" id="browse-keys">{move || fl!(LOADER, "browse-keys")}</p>
            <Show when=truncated>
                <p class="alert alert-warning" id="browse-truncated">{move || fl!(LOADER, "browse-truncated")}</p>
            </Show>
            <Show
                when=move || listing.with(|l| l.as_ref().is_some_and(|l| !l.items.is_empty()))
                fallback=move || match listing.with(Option::is_some) || failure.with(Option::is_some) {
                    true => view! { <p class="empty" id="browse-empty">{move || if searching.get() { fl!(LOADER, "browse-no-hits") } else { fl!(LOADER, "browse-empty") }}</p> }.into_any(),
                    false => view! { <Loading /> }.into_any(),
                }
            >
                <EntryTable
                    snapshot_id=id
                    items=items
                    searching=searching
                    sort=sort
                    on_sort=on_sort
                    selected=selected
                    actions=actions
                />
                <Pager
                    page=page
                    total=Signal::derive(move || listing.with(|l| l.as_ref().map_or(0, |l| l.total)))
                    per_page=per_page
                    on_page=on_page
                />
            </Show>
        </section>
        {move || open.get().map(|o| {
            let close = Callback::new(move |()| open.set(None));
            match o {
                Open::Versions(entry) => view! { <VersionsDialog snapshot_id=id entry=entry on_close=close /> }.into_any(),
                Open::Restore(entry) => match job.get_untracked() {
                    Some(j) => {
                        let rewritten = snapshot
                            .with_untracked(|s| s.as_ref().is_some_and(|s| s.rewritten_permissions));
                        view! { <RestoreDialog snapshot_id=id entry=entry job=j rewritten_permissions=rewritten on_close=close /> }.into_any()
                    }
                    None => ().into_any(),
                },
            }
        })}
    }
}

/// Scrolls the highlighted row into view.
fn scroll_to(index: Option<usize>) {
    let Some(i) = index else { return };
    let row = document()
        .query_selector(&format!("#browse-table tr[data-index=\"{i}\"]"))
        .ok()
        .flatten();
    if let Some(row) = row {
        row.scroll_into_view_with_bool(false);
    }
}
