//! The clients-and-jobs table of the main page: one `<tbody>` per client, its row first
//! and its jobs nested below. Rows are drawn once per list (texts are plain strings, not
//! reactive), so a page of 500 clients with 5 jobs each stays light; only the checkboxes
//! follow the selection, and the result, last-run and progress cells follow the live
//! events (`live`). On phones the style sheet turns each row into a card ("Jobs list on
//! phones" in `style.css`): the `jobs-cell-*` classes and `data-label`s are for it.

use chrono::{DateTime, Utc};
use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::clients::{Client, JobSummary};
use shared::common::RunResult;

use super::live;
use super::remove::{ClientRemoval, JobRemoval, Removal};
use super::run::RunRequest;
use super::selection::{Row, Selection};
use crate::format;
use crate::i18n::LOADER;
use crate::labels;
use crate::pages::replication::takeover::{copy_badge, read_only_reason};
use crate::queue_feed::QueueFeed;

/// Everything the rows need besides the data.
#[derive(Clone, Copy)]
pub struct RowContext {
    pub selection: Selection,
    /// Percentage of the quota from which the bar turns red.
    pub warn_percent: i32,
    pub now: DateTime<Utc>,
    pub on_clone: Callback<i64>,
    pub on_delete: Callback<Removal>,
    /// Queues jobs now.
    pub on_run: Callback<RunRequest>,
    /// The queue and the results that arrive live.
    pub feed: QueueFeed,
    /// The late jobs (fetched beside the list: a client's job summaries do not say).
    pub late: Signal<std::collections::HashSet<i64>>,
}

/// The "Late" badge of a job: no successful backup since an expected run plus its grace.
/// Text, not only colour; `since` (when known) goes in its tooltip.
pub fn late_badge(since: Option<DateTime<Utc>>) -> impl IntoView {
    let title = since
        .map(|t| {
            fl!(
                LOADER,
                "job-late-since",
                when = crate::i18n::format_time(&t)
            )
        })
        .unwrap_or_default();
    view! {
        <span class="badge badge-warning badge-late" data-testid="late-badge" title=title>
            {fl!(LOADER, "job-late")}
        </span>
    }
}

/// The removal of one client, for the confirmation dialog.
pub fn client_removal(client: &Client) -> ClientRemoval {
    ClientRemoval {
        id: client.id,
        name: client.name.clone(),
        jobs: client.jobs.iter().map(|j| j.name.clone()).collect(),
    }
}

/// The table body of one client and its jobs.
pub fn client_group(client: Client, ctx: RowContext) -> impl IntoView {
    let id = client.id;
    let inactive = !client.active;
    let results: Vec<(i64, Option<RunResult>)> = client
        .jobs
        .iter()
        .filter(|j| j.active)
        .map(|j| (j.id, j.last_result))
        .collect();
    let last_run = client.jobs.iter().filter_map(|j| j.last_run_at).max();
    let removal = client_removal(&client);
    let jobs = client
        .jobs
        .iter()
        .map(|job| job_row(&client, job.clone(), ctx))
        .collect_view();
    let name_attr = client.name.clone();
    let select_label = fl!(LOADER, "select-client", name = client.name.clone());
    view! {
        <tbody class="client-group" class:inactive=inactive>
            <tr
                class="client-row"
                data-testid="client-row"
                data-client-id=id.to_string()
                data-client-name=name_attr
            >
                {select_cell("select-client", select_label, ctx.selection, Row::Client(id))}
                <td class="num jobs-cell-id">{id.to_string()}</td>
                <td class="name">
                    <a href=crate::paths::href(&format!("/clients/{id}")) class="client-name">{client.name.clone()}</a>
                    {client.copy_of.as_ref().map(|c| view! { " "{copy_badge(c)} })}
                    {(!client.description.is_empty()).then(|| view! { <span class="muted small">{client.description.clone()}</span> })}
                </td>
                <td class="mono small jobs-cell-source">{labels::connection_text(&client.connection)}</td>
                <td class="jobs-cell-result">{live::client_result(ctx.feed, results, inactive)}</td>
                <td class="jobs-cell-when" data-label=fl!(LOADER, "col-last-run")>{live::when(last_run, ctx.now)}</td>
                <td class="jobs-cell-size" data-label=fl!(LOADER, "col-size")>
                    {quota_cell(client.size_bytes, client.quota_bytes, ctx.warn_percent)}
                </td>
                {client_actions(id, removal, ctx, client.copy_of.as_ref().map(read_only_reason))}
            </tr>
            {jobs}
        </tbody>
    }
}

fn job_row(client: &Client, job: JobSummary, ctx: RowContext) -> impl IntoView {
    let JobSummary {
        id,
        name,
        source_path,
        active,
        last_result,
        last_run_at,
        size_bytes,
    } = job;
    let inactive = !active || !client.active;
    let removal = JobRemoval {
        id,
        name: format!("{}/{}", client.name, name),
    };
    let label = removal.name.clone();
    let name_attr = name.clone();
    view! {
        <tr
            class="job-row"
            class:inactive=inactive
            data-testid="job-row"
            data-job-id=id.to_string()
            data-job-name=name_attr
        >
            {select_cell("select-job", fl!(LOADER, "select-job", name = label), ctx.selection, Row::Job(id))}
            <td class="num jobs-cell-id">{format!("{}.{id}", client.id)}</td>
            <td class="name job-name">
                <a href=crate::paths::href(&format!("/jobs/{id}"))>{name}</a>
                " "
                {move || ctx.late.with(|l| l.contains(&id)).then(|| late_badge(None))}
            </td>
            <td class="mono small jobs-cell-source">{source_path}</td>
            <td class="jobs-cell-result">
                {live::job_result(ctx.feed, id, last_result, inactive)}
                {live::job_progress(ctx.feed, id)}
            </td>
            <td class="jobs-cell-when" data-label=fl!(LOADER, "col-last-run")>{live::last_run(ctx.feed, id, last_run_at, ctx.now)}</td>
            <td class="jobs-cell-size" data-label=fl!(LOADER, "col-size")>{format::size(size_bytes)}</td>
            {job_actions(id, removal, ctx, client.copy_of.as_ref().map(read_only_reason))}
        </tr>
    }
}

/// The checkbox that selects `row`, following the selection.
fn select_cell(
    testid: &'static str,
    label: String,
    selection: Selection,
    row: Row,
) -> impl IntoView {
    let flag = selection.flag(row);
    view! {
        <td class="select">
            <input
                type="checkbox"
                data-testid=testid
                aria-label=label
                prop:checked=move || flag.get()
                on:change=move |ev| selection.set(row, event_target_checked(&ev))
            />
        </td>
    }
}

/// A client row's actions: edit, add a job, and in the menu run now, clone and delete.
/// A copied client (`copied` holds why it is read-only) is opened, not edited; it gets
/// no job, run or clone here.
fn client_actions(
    id: i64,
    removal: ClientRemoval,
    ctx: RowContext,
    copied: Option<String>,
) -> impl IntoView {
    if let Some(reason) = copied {
        return view! {
            <td class="actions">
                <a class="button button-quiet" data-testid="client-open" href=crate::paths::href(&format!("/clients/{id}")) title=reason>
                    {fl!(LOADER, "open")}
                </a>
            </td>
        }
        .into_any();
    }
    let delete = move || {
        ctx.on_delete.run(Removal {
            clients: vec![removal.clone()],
            jobs: Vec::new(),
        })
    };
    view! {
        <td class="actions">
            <a class="button button-quiet" data-testid="client-edit" href=crate::paths::href(&format!("/clients/{id}"))>
                {fl!(LOADER, "edit")}
            </a>
            <a class="button button-quiet" data-testid="client-add-job" href=crate::paths::href(&format!("/clients/{id}/jobs/new"))>
                {fl!(LOADER, "jobs-add-job")}
            </a>
            {row_menu("client-more", view! {
                {menu_item("client-run", false, fl!(LOADER, "run-now"), move || ctx.on_run.run(RunRequest::Client(id)))}
                {menu_item("client-clone", false, fl!(LOADER, "clone"), move || ctx.on_clone.run(id))}
                {menu_item("client-delete", true, fl!(LOADER, "delete"), delete)}
            })}
        </td>
    }
    .into_any()
}

/// A job row's actions: edit, and in the menu run now and delete.
fn job_actions(
    id: i64,
    removal: JobRemoval,
    ctx: RowContext,
    copied: Option<String>,
) -> impl IntoView {
    if let Some(reason) = copied {
        return view! {
            <td class="actions">
                <a class="button button-quiet" data-testid="job-open" href=crate::paths::href(&format!("/jobs/{id}")) title=reason>
                    {fl!(LOADER, "open")}
                </a>
            </td>
        }
        .into_any();
    }
    let delete = move || {
        ctx.on_delete.run(Removal {
            clients: Vec::new(),
            jobs: vec![removal.clone()],
        })
    };
    view! {
        <td class="actions">
            <a class="button button-quiet" data-testid="job-edit" href=crate::paths::href(&format!("/jobs/{id}"))>
                {fl!(LOADER, "edit")}
            </a>
            {row_menu("job-more", view! {
                {menu_item("job-run", false, fl!(LOADER, "run-now"), move || ctx.on_run.run(RunRequest::Jobs(vec![id])))}
                {menu_item("job-delete", true, fl!(LOADER, "delete"), delete)}
            })}
        </td>
    }
    .into_any()
}

/// A row's folded "More" menu (its summary's test id is `summary_testid`) with `items`.
fn row_menu(summary_testid: &'static str, items: impl IntoView) -> impl IntoView {
    view! {
        <details class="row-menu">
            <summary class="button button-quiet" data-testid=summary_testid>{fl!(LOADER, "more")}</summary>
            <div class="menu-items">{items}</div>
        </details>
    }
}

/// One button of a row menu: folds the menu, then does `action`; `danger` for deletion.
fn menu_item(
    testid: &'static str,
    danger: bool,
    label: String,
    action: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="button button-quiet"
            class:button-danger-quiet=danger
            data-testid=testid
            on:click=move |ev| {
                close_menu(&ev);
                action()
            }
        >
            {label}
        </button>
    }
}

/// Folds the row menu the clicked item is in.
fn close_menu(ev: &leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    let menu = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("details").ok().flatten());
    if let Some(menu) = menu {
        // Ignoring the error: removing an attribute cannot fail.
        let _ = menu.remove_attribute("open");
    }
}

/// The used percentage of a quota, rounded down, capped at 100 for the bar.
pub fn quota_percent(size: i64, quota: i64) -> i64 {
    if quota <= 0 {
        return 100;
    }
    let pct = i128::from(size.max(0)) * 100 / i128::from(quota);
    i64::try_from(pct).unwrap_or(i64::MAX)
}

fn quota_cell(size: i64, quota: Option<i64>, warn_percent: i32) -> impl IntoView {
    let Some(quota) = quota else {
        return view! { <span>{format::size(size)}</span> }.into_any();
    };
    let pct = quota_percent(size, quota);
    let high = pct >= i64::from(warn_percent);
    let text = fl!(
        LOADER,
        "quota-of",
        used = format::size(size),
        quota = format::size(quota),
        percent = pct
    );
    view! {
        <div class="quota-cell">
            <span class:quota-text-high=high>{text.clone()}</span>
            <div class="quota-bar" role="img" aria-label=text>
                <div class="quota-fill" class:quota-high=high style:width=format!("{}%", pct.min(100))></div>
            </div>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::quota_percent;

    #[test]
    fn quota_percentages() {
        assert_eq!(quota_percent(50, 200), 25);
        assert_eq!(quota_percent(300, 200), 150);
        assert_eq!(quota_percent(1, 0), 100);
        assert_eq!(quota_percent(i64::MAX, 1), i64::MAX);
    }
}
