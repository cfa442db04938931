//! The main page's table frame (select-all box and sortable headings) and its bulk
//! actions on the ticked rows.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::clients::Client;
use shared::common::Page;

use super::remove::{JobRemoval, Removal};
use super::rows::client_removal;
use super::run::RunRequest;
use super::selection::Selection;
use crate::i18n::LOADER;

/// The clients table: the select-all box, the sortable headings and the rows.
#[component]
pub fn ClientsTable(
    sort: Memo<String>,
    on_sort: Callback<String>,
    selection: Selection,
    children: ChildrenFn,
) -> impl IntoView {
    let sort_by = move |key: &'static str| {
        let next = if sort.get_untracked() == key {
            format!("-{key}")
        } else {
            key.to_owned()
        };
        on_sort.run(next);
    };
    // The order of column `key`: ascending, descending or not sorted by it.
    let order = move |key: &'static str| match sort.get() {
        s if s == key => Some(true),
        s if s.strip_prefix('-') == Some(key) => Some(false),
        _ => None,
    };
    let sort_mark = move |key: &'static str| {
        move || match order(key) {
            Some(true) => " ▲",
            Some(false) => " ▼",
            None => "",
        }
    };
    let aria_sort = move |key: &'static str| {
        move || match order(key) {
            Some(true) => "ascending",
            Some(false) => "descending",
            None => "none",
        }
    };
    let select_all = move |ev| selection.set_all(event_target_checked(&ev));
    view! {
        <div class="table-wrap" tabindex="0">
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
                            // Only on phones, where the headings above the cards are gone.
                            <label for="select-all" class="jobs-card-only" aria-hidden="true">
                                {move || fl!(LOADER, "jobs-card-select-all")}
                            </label>
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
                        <th scope="col" class="jobs-desktop-only">{move || fl!(LOADER, "col-source")}</th>
                        <th scope="col" class="jobs-desktop-only">{move || fl!(LOADER, "col-last-result")}</th>
                        <th scope="col" class="jobs-desktop-only">{move || fl!(LOADER, "col-last-run")}</th>
                        <th scope="col" class="jobs-desktop-only">{move || fl!(LOADER, "col-size")}</th>
                        <th scope="col" class="jobs-desktop-only"><span class="visually-hidden">{move || fl!(LOADER, "col-actions")}</span></th>
                    </tr>
                </thead>
                {children()}
            </table>
        </div>
    }
}

/// The bulk actions on the ticked rows: run them, delete them.
#[component]
pub fn BulkBar(
    selection: Selection,
    data: RwSignal<Option<Page<Client>>>,
    on_run: Callback<RunRequest>,
    on_delete: Callback<Removal>,
) -> impl IntoView {
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
    view! {
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
    }
}
