//! The versions dialog of a file: the same path in every snapshot of the job that has
//! it, newest first, with time, size, modification time, an "unchanged" mark when it is
//! the same stored file as the next older one, and a download link for each (where it is
//! a file).

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::snapshots::{Entry, Version};

use crate::api::snapshots::{download_url, versions};
use crate::api::Failure;
use crate::components::feedback::{Alert, AlertKind};
use crate::components::modal::Modal;
use crate::components::page::Loading;
use crate::format;
use crate::i18n::{self, LOADER};
use crate::state::use_session;

/// The versions of `entry` (a file of snapshot `snapshot_id`).
#[component]
pub fn VersionsDialog(snapshot_id: i64, entry: Entry, on_close: Callback<()>) -> impl IntoView {
    let session = use_session();
    let list = RwSignal::new(None::<Vec<Version>>);
    let failure = RwSignal::new(None::<Failure>);
    let path = entry.path.clone();
    spawn_local(async move {
        match versions(snapshot_id, &path).await {
            Ok(v) => {
                list.try_set(Some(v));
            }
            Err(f) => {
                failure.try_set(Some(session.check_failure(f)));
            }
        }
    });
    let name = entry.name.clone();
    let title = Signal::derive(move || fl!(LOADER, "versions-title", name = name.clone()));
    let error = Signal::derive(move || failure.with(|f| f.as_ref().map(Failure::message)));
    let path = entry.path;
    let rows = move || {
        list.get().map(|all| {
            all.into_iter()
                .map(|v| version_row(v, snapshot_id, &path))
                .collect_view()
        })
    };
    view! {
        <Modal id="versions-dialog" title=title on_close=on_close>
            <Alert id="versions-error" kind=AlertKind::Error message=error />
            <Show
                when=move || list.with(Option::is_some)
                fallback=move || failure.with(Option::is_none).then(|| view! { <Loading /> })
            >
                <div class="table-wrap" tabindex="0">
                    <table class="table table-compact versions-table" id="versions-table">
                        <thead>
                            <tr>
                                <th scope="col">{move || fl!(LOADER, "snapshots-col-time")}</th>
                                <th scope="col">{move || fl!(LOADER, "col-size")}</th>
                                <th scope="col" class="col-mtime">{move || fl!(LOADER, "browse-col-mtime")}</th>
                                <th scope="col"><span class="visually-hidden">{move || fl!(LOADER, "col-actions")}</span></th>
                            </tr>
                        </thead>
                        <tbody>{rows.clone()}</tbody>
                    </table>
                </div>
            </Show>
        </Modal>
    }
}

fn version_row(version: Version, current_snapshot: i64, path: &str) -> impl IntoView {
    let unchanged = version.same_as_older.then(|| {
        view! {
            <span class="badge badge-none" data-testid="version-unchanged" title=fl!(LOADER, "versions-unchanged-title")>
                {fl!(LOADER, "versions-unchanged")}
            </span>
        }
    });
    let current = (version.snapshot_id == current_snapshot).then(|| {
        view! { <span class="badge badge-live">{fl!(LOADER, "versions-this")}</span> }
    });
    view! {
        <tr
            data-testid="version-row"
            data-snapshot-id=version.snapshot_id.to_string()
            data-unchanged=version.same_as_older.to_string()
        >
            <td>
                <time datetime=version.taken_at.to_rfc3339() title=version.snapshot_name.clone()>
                    {i18n::format_time(&version.taken_at)}
                </time>
                " "
                {current}
                " "
                {unchanged}
            </td>
            <td class="num">{format::size(version.size)}</td>
            <td class="small col-mtime">{i18n::format_time(&version.mtime)}</td>
            <td class="actions">
                {version.kind.is_file().then(|| view! {
                <a
                    class="button button-quiet"
                    data-testid="version-download"
                    href=download_url(version.snapshot_id, path, None)
                    download=""
                >
                    {fl!(LOADER, "download")}
                </a>
                })}
            </td>
        </tr>
    }
}
