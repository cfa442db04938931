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
mod toolbar;
mod versions;

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use shared::jobs::Job;
use shared::runs::Snapshot;
use shared::snapshots::{Entry, EntryKind, EntryPage, EntrySort};

use self::crumbs::{root_crumb, root_name, Breadcrumbs};
use self::keys::{listing_action, moved, KeyAction};
use self::path::{browse_address, decode_lossy, parent};
use self::restore::RestoreDialog;
use self::row::RowActions;
use self::table::EntryTable;
use self::toolbar::BrowseToolbar;
use self::versions::VersionsDialog;
use crate::api::snapshots::{self as api, download_url, sort_from_name, sort_name, EntriesQuery};
use crate::api::{catalog, Failure};
use crate::components::feedback::{Alert, AlertKind};
use crate::components::page::{Loading, PageTitle};
use crate::components::pager::Pager;
use crate::i18n::LOADER;
use crate::pages::not_found::ById;
use crate::scaffold::address::{use_list_address, use_query_param, ListAddress};
use crate::scaffold::loaded::{use_loaded, Loaded};
use crate::state::use_session;

/// A snapshot path for display (percent-decoded, lossy).
pub fn display_path(encoded: &str) -> String {
    decode_lossy(encoded)
}

/// `/snapshots/{id}`.
#[component]
pub fn BrowsePage() -> impl IntoView {
    view! { <ById page=|id| view! { <Browser id=id /> }.into_any() /> }
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

/// The snapshot shown and its job, fetched once; the job stays `None` when it failed.
#[derive(Clone, Copy)]
struct Header {
    snapshot: Signal<Option<Snapshot>>,
    job: Signal<Option<Job>>,
}

impl Header {
    fn load(id: i64, failure: RwSignal<Option<Failure>>) -> Self {
        let session = use_session();
        let fetched = LocalResource::new(move || async move {
            let snapshot = api::snapshot(id).await?;
            let job = catalog::job(snapshot.job_id).await;
            Ok::<_, Failure>((snapshot, job))
        });
        Effect::new(move |_| {
            let err = fetched.with(|r| match r {
                Some(Err(f)) | Some(Ok((_, Err(f)))) => Some(f.clone()),
                _ => None,
            });
            if let Some(f) = err {
                failure.set(Some(session.check_failure(f)));
            }
        });
        Header {
            snapshot: Signal::derive(move || {
                fetched.with(|r| {
                    r.as_ref()
                        .and_then(|r| r.as_ref().ok())
                        .map(|(s, _)| s.clone())
                })
            }),
            job: Signal::derive(move || {
                fetched.with(|r| {
                    r.as_ref()
                        .and_then(|r| r.as_ref().ok())
                        .and_then(|(_, j)| j.as_ref().ok().cloned())
                })
            }),
        }
    }
}

/// Loads the page of the directory (or search) the address names, again whenever it
/// changes; a new page clears the highlight.
fn load_listing(
    id: i64,
    at: ListAddress<EntrySort>,
    path: Memo<String>,
    selected: RwSignal<Option<usize>>,
) -> Loaded<EntryPage> {
    use_loaded(
        move || {
            let request = EntriesQuery {
                path: path.get(),
                q: at.q.get(),
                page: at.page.get(),
                per_page: at.per_page.get(),
                sort: at.sort.get(),
            };
            async move { api::entries(id, &request).await }
        },
        move |page| {
            if page.is_some() {
                selected.set(None);
            }
        },
    )
}

#[component]
fn Browser(id: i64) -> impl IntoView {
    let at = use_list_address(
        |s| s.and_then(|s| sort_from_name(&s)).unwrap_or_default(),
        50,
    );
    let path = use_query_param("path");
    let selected = RwSignal::new(None::<usize>);
    let open = RwSignal::new(None::<Open>);
    let loaded = load_listing(id, at, path, selected);
    let (listing, failure) = (loaded.data, loaded.failure);
    let header = Header::load(id, failure);

    let moves = Moves::new(id, at, path);
    let (open_dir, on_page, on_sort) = (moves.open_dir, moves.page, moves.sort);
    let on_search = at.on_search(move |text| moves.search.run(text));
    let items = Memo::new(move |_| {
        listing.with(|l| l.as_ref().map(|l| l.items.clone()).unwrap_or_default())
    });
    listen_keys(id, items, selected, open, path, open_dir);

    let actions = RowActions {
        select: Callback::new(move |i| selected.set(Some(i))),
        versions: Callback::new(move |e| open.set(Some(Open::Versions(e)))),
        restore: Callback::new(move |e| open.set(Some(Open::Restore(e)))),
    };
    let root = root_name(header.snapshot, header.job);
    let title = Signal::derive(move || fl!(LOADER, "browse-title", snapshot = root.get()));
    let error = Signal::derive(move || failure.with(|f| f.as_ref().map(Failure::message)));
    let searching = Signal::derive(move || !at.q.with(|q| q.trim().is_empty()));
    let restore_here = Callback::new(move |()| {
        if let Some(s) = header.snapshot.get_untracked() {
            open.set(Some(Open::Restore(directory_entry(
                &path.get_untracked(),
                &s,
            ))));
        }
    });
    let truncated = move || listing.with(|l| l.as_ref().is_some_and(|l| l.truncated));

    view! {
        <PageTitle title=title />
        <Breadcrumbs id=id root=root_crumb(id, root) path=path label=Signal::derive(move || fl!(LOADER, "browse-crumbs")) />
        <BrowseToolbar id=id path=path job_known=Signal::derive(move || header.job.with(Option::is_some))
            restore_here=restore_here search=at.search on_search=on_search />
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
                    sort=at.sort
                    on_sort=on_sort
                    selected=selected
                    actions=actions
                />
                <Pager
                    page=at.page
                    total=Signal::derive(move || listing.with(|l| l.as_ref().map_or(0, |l| l.total)))
                    per_page=at.per_page
                    on_page=on_page
                />
            </Show>
        </section>
        <OpenDialog id=id open=open header=header />
    }
}

/// Moves through the snapshot by changing the address.
#[derive(Clone, Copy)]
struct Moves {
    /// Into a directory (a history entry).
    open_dir: Callback<String>,
    /// The search box's text.
    search: Callback<String>,
    page: Callback<i64>,
    sort: Callback<EntrySort>,
}

impl Moves {
    fn new(id: i64, at: ListAddress<EntrySort>, path: Memo<String>) -> Self {
        let navigate = use_navigate();
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
        let open_dir = Callback::new(move |dir: String| {
            at.search.set(String::new());
            go.run((dir, String::new(), 1, at.sort.get_untracked(), false));
        });
        let search = Callback::new(move |text: String| {
            go.run((path.get_untracked(), text, 1, at.sort.get_untracked(), true));
        });
        let page = Callback::new(move |n: i64| {
            go.run((
                path.get_untracked(),
                at.q.get_untracked(),
                n,
                at.sort.get_untracked(),
                true,
            ));
        });
        let sort = Callback::new(move |order: EntrySort| {
            go.run((path.get_untracked(), at.q.get_untracked(), 1, order, true));
        });
        Moves {
            open_dir,
            search,
            page,
            sort,
        }
    }
}

/// The keyboard on the listing: up and down move the highlight, Enter opens, Backspace
/// goes up a directory (not while a dialog is open).
fn listen_keys(
    id: i64,
    items: Memo<Vec<Entry>>,
    selected: RwSignal<Option<usize>>,
    open: RwSignal<Option<Open>>,
    path: Memo<String>,
    open_dir: Callback<String>,
) {
    let activate = move |entry: Entry| match entry.kind {
        EntryKind::Dir => open_dir.run(entry.path),
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
                    open_dir.run(up);
                }
            }
        }
    });
    on_cleanup(move || handle.remove());
}

/// The dialog open over the listing: a file's versions or the restore form.
#[component]
fn OpenDialog(id: i64, open: RwSignal<Option<Open>>, header: Header) -> impl IntoView {
    move || {
        open.get().map(|o| {
            let close = Callback::new(move |()| open.set(None));
            match o {
                Open::Versions(entry) => view! { <VersionsDialog snapshot_id=id entry=entry on_close=close /> }.into_any(),
                // Tracked: a click before the header arrived (it is fetched once) opens the
                // dialog when it does, with the snapshot's permissions warning.
                Open::Restore(entry) => match (header.job.get(), header.snapshot.get()) {
                    (Some(j), Some(snapshot)) => {
                        let rewritten = snapshot.rewritten_permissions;
                        view! { <RestoreDialog snapshot_id=id entry=entry job=j rewritten_permissions=rewritten on_close=close /> }.into_any()
                    }
                    _ => ().into_any(),
                },
            }
        })
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
