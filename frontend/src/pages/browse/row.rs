//! One row of a listing: the type icon, the name (a link for directories, the target of
//! a symlink, a label for special files), size, time, permissions and the row's actions
//! (download, archives, versions, restore). Names are text, never markup.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::snapshots::{Entry, EntryKind};

use super::path::{browse_address, decode_lossy, mode_text};
use crate::api::snapshots::download_url;
use crate::format;
use crate::i18n::{self, LOADER};

/// The wire name of an entry kind, for `data-kind`.
pub fn kind_name(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::File => "file",
        EntryKind::Dir => "dir",
        EntryKind::Symlink => "symlink",
        EntryKind::Fifo => "fifo",
        EntryKind::Socket => "socket",
        EntryKind::CharDevice => "char_device",
        EntryKind::BlockDevice => "block_device",
    }
}

/// The localised name of an entry kind.
pub fn kind_text(kind: EntryKind) -> String {
    match kind {
        EntryKind::File => fl!(LOADER, "entry-kind-file"),
        EntryKind::Dir => fl!(LOADER, "entry-kind-dir"),
        EntryKind::Symlink => fl!(LOADER, "entry-kind-symlink"),
        EntryKind::Fifo => fl!(LOADER, "entry-kind-fifo"),
        EntryKind::Socket => fl!(LOADER, "entry-kind-socket"),
        EntryKind::CharDevice => fl!(LOADER, "entry-kind-char-device"),
        EntryKind::BlockDevice => fl!(LOADER, "entry-kind-block-device"),
    }
}

/// The outline of an entry kind's icon (an SVG path in a 16×16 box).
fn kind_icon_path(kind: EntryKind) -> &'static str {
    match kind {
        // A folder.
        EntryKind::Dir => "M1.5 3.5h5l1.5 2h6.5v8h-13z",
        // A page with a folded corner.
        EntryKind::File => "M3.5 1.5h6l3 3v10h-9zM9.5 1.5v3h3",
        // Two chain links.
        EntryKind::Symlink => {
            "M6.5 9.5l3-3M5 8l-2 2a2.1 2.1 0 0 0 3 3l2-2M11 8l2-2a2.1 2.1 0 0 0-3-3L8 5"
        }
        // Anything else: a small box with a dot.
        _ => "M2.5 2.5h11v11h-11zM8 7.2a.8.8 0 1 0 0 1.6a.8.8 0 1 0 0-1.6",
    }
}

/// The icon of an entry kind (decorative: the kind is also said in words).
pub fn kind_icon(kind: EntryKind) -> impl IntoView {
    view! {
        <svg class="entry-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path
                d=kind_icon_path(kind)
                fill="none"
                stroke="currentColor"
                stroke-width="1.3"
                stroke-linejoin="round"
                stroke-linecap="round"
            />
        </svg>
    }
}

/// Whether restoring `kind` is offered (files and directories).
pub fn restorable(kind: EntryKind) -> bool {
    matches!(kind, EntryKind::File | EntryKind::Dir)
}

/// What a row can ask the page to do.
#[derive(Clone, Copy)]
pub struct RowActions {
    /// Highlight row `index`.
    pub select: Callback<usize>,
    /// Open the versions dialog of a file.
    pub versions: Callback<Entry>,
    /// Open the restore dialog of a file or directory.
    pub restore: Callback<Entry>,
}

/// The row of `entry`, the `index`th on the page; `searching` shows the whole path.
pub fn entry_row(
    snapshot_id: i64,
    entry: Entry,
    index: usize,
    searching: bool,
    selected: Signal<Option<usize>>,
    actions: RowActions,
) -> impl IntoView {
    let kind = entry.kind;
    let shown = if searching {
        decode_lossy(&entry.path)
    } else {
        entry.name.clone()
    };
    let name = match kind {
        EntryKind::Dir => view! {
            <a
                class="entry-link"
                data-testid="entry-open"
                href=crate::paths::href(&browse_address(snapshot_id, &entry.path, "", 1, ""))
            >
                {shown}
            </a>
        }
        .into_any(),
        _ => view! { <span class="entry-text">{shown}</span> }.into_any(),
    };
    let target = entry.target.clone().map(|t| {
        view! { <span class="entry-target" data-testid="entry-target">" → "{t}</span> }
    });
    let special = (!matches!(kind, EntryKind::File | EntryKind::Dir | EntryKind::Symlink))
        .then(|| {
            view! { <span class="badge badge-none" data-testid="entry-special">{kind_text(kind)}</span> }
        });
    let size = (kind != EntryKind::Dir).then(|| format::size(entry.size));
    let meta_size = size.clone().map(|s| format!("{s} · "));
    let time = i18n::format_time(&entry.mtime);
    let for_actions = entry.clone();
    view! {
        <tr
            data-testid="entry-row"
            data-name=entry.name.clone()
            data-path=entry.path.clone()
            data-kind=kind_name(kind)
            data-index=index.to_string()
            class:row-active=move || selected.get() == Some(index)
            aria-selected=move || (selected.get() == Some(index)).to_string()
            on:click=move |_| actions.select.run(index)
        >
            <td class="entry-name">
                {kind_icon(kind)}
                <span class="visually-hidden">{kind_text(kind)}": "</span>
                {name}
                {target}
                " "
                {special}
                <span class="entry-meta small muted">{meta_size}{time.clone()}</span>
            </td>
            <td class="num col-size">{size}</td>
            <td class="col-mtime small">
                <time datetime=entry.mtime.to_rfc3339()>{time}</time>
            </td>
            <td class="col-mode"><code>{mode_text(entry.mode)}</code></td>
            <td class="actions">{row_actions(snapshot_id, for_actions, actions)}</td>
        </tr>
    }
}

/// Downloads, versions and restore, as far as the kind allows.
fn row_actions(snapshot_id: i64, entry: Entry, actions: RowActions) -> impl IntoView {
    let kind = entry.kind;
    let downloads = match kind {
        EntryKind::File => view! {
            <a
                class="button button-quiet"
                data-testid="entry-download"
                href=download_url(snapshot_id, &entry.path, None)
                download=""
            >
                {fl!(LOADER, "download")}
            </a>
        }
        .into_any(),
        EntryKind::Dir => archive_links(snapshot_id, &entry.path, "entry").into_any(),
        _ => ().into_any(),
    };
    let versions = (kind == EntryKind::File).then(|| {
        entry_button(
            "entry-versions",
            fl!(LOADER, "browse-versions"),
            actions.versions,
            entry.clone(),
        )
    });
    let restore = restorable(kind).then(|| {
        entry_button(
            "entry-restore",
            fl!(LOADER, "browse-restore"),
            actions.restore,
            entry,
        )
    });
    view! { {downloads}{versions}{restore} }
}

/// A button of a row's actions that hands the row's `entry` to `action`.
fn entry_button(
    testid: &'static str,
    label: String,
    action: Callback<Entry>,
    entry: Entry,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="button button-quiet"
            data-testid=testid
            on:click=move |_| action.run(entry.clone())
        >
            {label}
        </button>
    }
}

/// The `.tar.gz` and `.zip` links of a directory; test ids `{prefix}-download-tar` and
/// `{prefix}-download-zip`.
pub fn archive_links(snapshot_id: i64, path: &str, prefix: &str) -> impl IntoView {
    let formats = [
        ("tar", "tar.gz", fl!(LOADER, "browse-download-tar-title")),
        ("zip", "zip", fl!(LOADER, "browse-download-zip-title")),
    ];
    formats
        .into_iter()
        .map(|(short, extension, title)| {
            view! {
                <a
                    class="button button-quiet"
                    data-testid=format!("{prefix}-download-{short}")
                    href=download_url(snapshot_id, path, Some(extension))
                    download=""
                    title=title
                >
                    {format!(".{extension}")}
                </a>
            }
        })
        .collect_view()
}
