//! The job page's snapshots list: what successful runs published, newest first, with
//! their levels, size and a flag for runs that ended with warnings, each with a link to
//! the snapshot browser.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::runs::Snapshot;

use super::runs::levels_text;
use crate::api::{runs, Failure};
use crate::components::feedback::{Alert, AlertKind};
use crate::format;
use crate::i18n::{self, LOADER};
use crate::scaffold::loaded::{use_loaded, LoadedTable};
use crate::state::use_session;

/// The snapshots of job `job_id`, fetched again whenever `reload` changes.
#[component]
pub fn SnapshotsPanel(job_id: i64, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let loaded = use_loaded(
        move || {
            reload.track();
            async move {
                let mut list = runs::snapshots(job_id).await?;
                list.sort_by_key(|s| std::cmp::Reverse(s.taken_at));
                Ok(list)
            }
        },
        |_| {},
    );
    let (data, failure) = (loaded.data, loaded.failure);
    let error = Signal::derive(move || failure.with(|f| f.as_ref().map(Failure::message)));
    let rows = move || {
        session.language.track();
        data.get()
            .map(|list| list.into_iter().map(snapshot_row).collect_view())
    };
    view! {
        <section class="panel" id="job-snapshots" aria-labelledby="job-snapshots-title">
            <h2 id="job-snapshots-title">{move || fl!(LOADER, "snapshots-title")}</h2>
            <Alert id="job-snapshots-error" kind=AlertKind::Error message=error />
            <LoadedTable
                table_id="job-snapshots-table"
                empty_id="job-snapshots-empty"
                empty_text=|| fl!(LOADER, "snapshots-empty")
                has_items=Signal::derive(move || data.with(|d| d.as_ref().is_some_and(|l| !l.is_empty())))
                answered=Signal::derive(move || data.with(Option::is_some) || failure.with(Option::is_some))
                columns=|| vec![
                    fl!(LOADER, "snapshots-col-time"),
                    fl!(LOADER, "runs-col-levels"),
                    fl!(LOADER, "runs-col-files"),
                    fl!(LOADER, "col-size"),
                    fl!(LOADER, "snapshots-col-new"),
                    fl!(LOADER, "snapshots-col-warnings"),
                ]
            >
                {rows}
            </LoadedTable>
        </section>
    }
}

fn snapshot_row(snapshot: Snapshot) -> impl IntoView {
    let warning = snapshot.warnings.then(|| {
        view! { <span class="badge badge-warning">{fl!(LOADER, "result-warning")}</span> }
    });
    let name = snapshot.name.clone();
    let name_attr = snapshot.name.clone();
    view! {
        <tr data-testid="snapshot-row" data-snapshot-name=name_attr data-snapshot-id=snapshot.id.to_string()>
            <td>
                <time datetime=snapshot.taken_at.to_rfc3339() title=name>
                    {i18n::format_time(&snapshot.taken_at)}
                </time>
            </td>
            <td>{levels_text(&snapshot.levels)}</td>
            <td class="num">{snapshot.files.to_string()}</td>
            <td class="num">{format::size(snapshot.bytes)}</td>
            <td class="num">{format::size(snapshot.new_bytes)}</td>
            <td>{warning}</td>
            <td class="actions">
                <a class="button button-quiet" data-testid="snapshot-browse" href=crate::paths::href(&format!("/snapshots/{}", snapshot.id))>
                    {fl!(LOADER, "snapshots-browse")}
                </a>
            </td>
        </tr>
    }
}
