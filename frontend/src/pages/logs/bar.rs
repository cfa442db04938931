//! The Logs page's filter bar: level, source, client, job, first and last day, the text
//! search, the "Live" switch and the CSV export link. Every change goes to the address
//! (page 1); the bar shows what the address says.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::events::{LogLevel, LogSource};

use super::filters::Filters;
use super::rows::{level_text, source_text};
use crate::api::{catalog, logs};
use crate::components::fields::SearchBox;
use crate::i18n::LOADER;
use crate::scaffold::address::ListAddress;
use crate::state::use_session;

/// The clients and jobs the filters offer (those the user may see), by name. Cheap to
/// copy.
#[derive(Clone, Copy)]
pub struct Lists {
    /// `(id, name)`, by name.
    pub clients: RwSignal<Vec<(i64, String)>>,
    /// `(id, client id, "client / job")`, by client and job name.
    pub jobs: RwSignal<Vec<(i64, i64, String)>>,
}

impl Lists {
    /// Empty, then filled once the API answers (a failure leaves the choice empty).
    pub fn load() -> Self {
        let lists = Lists {
            clients: RwSignal::new(Vec::new()),
            jobs: RwSignal::new(Vec::new()),
        };
        leptos::task::spawn_local(async move {
            if let Ok(mut clients) = catalog::all_clients().await {
                clients.sort_by(|a, b| a.name.cmp(&b.name));
                lists
                    .clients
                    .try_set(clients.into_iter().map(|c| (c.id, c.name)).collect());
            }
            if let Ok(mut jobs) = catalog::all_jobs_by_priority().await {
                jobs.sort_by(|a, b| (&a.client.name, &a.name).cmp(&(&b.client.name, &b.name)));
                let jobs = jobs
                    .into_iter()
                    .map(|j| (j.id, j.client.id, format!("{} / {}", j.client.name, j.name)))
                    .collect();
                lists.jobs.try_set(jobs);
            }
        });
        lists
    }

    /// The name of client `id`, when listed.
    pub fn client_name(self, id: Option<i64>) -> Option<String> {
        let id = id?;
        self.clients
            .with_untracked(|c| c.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone()))
    }

    /// The name of job `id` (without its client), when listed.
    pub fn job_name(self, id: Option<i64>) -> Option<String> {
        let id = id?;
        self.jobs.with_untracked(|j| {
            j.iter().find(|(i, _, _)| *i == id).map(|(_, _, n)| {
                n.split_once(" / ")
                    .map_or(n.clone(), |(_, job)| job.to_owned())
            })
        })
    }
}

/// An id as a choice's value (empty for none).
fn id_text(id: Option<i64>) -> String {
    id.map(|i| i.to_string()).unwrap_or_default()
}

/// The levels offered: each one, and warnings with errors.
const LEVELS: [&str; 4] = ["info", "warning", "error", "warning,error"];

fn level_option_text(value: &str) -> String {
    match LogLevel::from_wire(value) {
        Some(l) => level_text(l),
        None => fl!(LOADER, "logs-level-warning-error"),
    }
}

/// A `<select>` of the bar: its id, label, the "all" choice and the options `(value,
/// text)`; `current` is the chosen value, `on_pick` gets the new one.
fn picker(
    id: &'static str,
    label: fn() -> String,
    all: fn() -> String,
    options: Signal<Vec<(String, String)>>,
    current: Signal<String>,
    on_pick: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| on_pick(event_target_value(&ev))>
                <option value="" selected=move || current.with(String::is_empty)>{all}</option>
                {move || options.get().into_iter().map(|(value, text)| {
                    let chosen = value.clone();
                    view! { <option value=value selected=move || current.with(|c| *c == chosen)>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// A date field of the bar.
fn day_field(
    id: &'static str,
    label: fn() -> String,
    current: Signal<String>,
    on_pick: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type="date" prop:value=move || current.get() on:change=move |ev| on_pick(event_target_value(&ev)) />
        </div>
    }
}

/// The choices of the bar's lists: levels, sources (audit for administrators only),
/// clients, and the jobs of the chosen client (all jobs when none is chosen).
fn choices(filters: Memo<Filters>, lists: Lists) -> [Signal<Vec<(String, String)>>; 4] {
    let session = use_session();
    let levels = Signal::derive(|| {
        LEVELS
            .iter()
            .map(|v| (v.to_string(), level_option_text(v)))
            .collect()
    });
    let sources = Signal::derive(move || {
        let admin = session.is_admin();
        LogSource::ALL
            .iter()
            .filter(|s| admin || **s != LogSource::Audit)
            .map(|s| (s.as_str().to_owned(), source_text(*s)))
            .collect()
    });
    let clients = Signal::derive(move || {
        lists
            .clients
            .get()
            .into_iter()
            .map(|(id, n)| (id.to_string(), n))
            .collect()
    });
    let jobs = Signal::derive(move || {
        let client = filters.with(|f| f.client_id);
        lists
            .jobs
            .get()
            .into_iter()
            .filter(|(_, c, _)| client.is_none_or(|want| want == *c))
            .map(|(id, _, n)| (id.to_string(), n))
            .collect()
    });
    [levels, sources, clients, jobs]
}

/// The bar: the lists and days, then the switches, links and the search.
#[component]
pub fn FilterBar(
    filters: Memo<Filters>,
    at: ListAddress<()>,
    go: Callback<(Filters, i64)>,
    live_on: RwSignal<bool>,
    lists: Lists,
) -> impl IntoView {
    // Applies a change to the current filters and goes to their first page.
    let change = move |edit: fn(&mut Filters, String)| {
        move |value: String| {
            let mut f = filters.get_untracked();
            edit(&mut f, value);
            go.run((f, 1));
        }
    };
    let [levels, sources, clients, jobs] = choices(filters, lists);
    let text = move |get: fn(&Filters) -> String| Signal::derive(move || filters.with(get));
    view! {
        <div class="log-filters" id="logs-filters">
            {picker("logs-level", || fl!(LOADER, "logs-col-level"), || fl!(LOADER, "logs-all-levels"), levels,
                text(|f| f.level.clone()), change(|f, v| f.level = v))}
            {picker("logs-source", || fl!(LOADER, "logs-col-source"), || fl!(LOADER, "logs-all-sources"), sources,
                text(|f| f.source.clone()), change(|f, v| f.source = v))}
            {picker("logs-client", || fl!(LOADER, "logs-col-client"), || fl!(LOADER, "logs-all-clients"), clients,
                text(|f| id_text(f.client_id)),
                change(|f, v| { f.client_id = v.parse().ok(); f.job_id = None; }))}
            {picker("logs-job", || fl!(LOADER, "logs-col-job"), || fl!(LOADER, "logs-all-jobs"), jobs,
                text(|f| id_text(f.job_id)), change(|f, v| f.job_id = v.parse().ok()))}
            {day_field("logs-from", || fl!(LOADER, "logs-from"), text(|f| f.from.clone()), change(|f, v| f.from = v))}
            {day_field("logs-to", || fl!(LOADER, "logs-to"), text(|f| f.to.clone()), change(|f, v| f.to = v))}
        </div>
        <LogsToolbar filters=filters at=at go=go live_on=live_on />
    }
}

/// The "Live" switch, the export and clear links, the filters the lists cannot show (a
/// run, a user) and the search.
#[component]
fn LogsToolbar(
    filters: Memo<Filters>,
    at: ListAddress<()>,
    go: Callback<(Filters, i64)>,
    live_on: RwSignal<bool>,
) -> impl IntoView {
    let on_search = at.on_search(move |text| {
        let mut f = filters.get_untracked();
        f.q = text.trim().to_owned();
        go.run((f, 1));
    });
    let csv = move || logs::csv_url(&filters.get().query(None, None));
    view! {
        <div class="toolbar">
            <label class="check" for="logs-live">
                <input id="logs-live" type="checkbox" prop:checked=move || live_on.get()
                    on:change=move |ev| live_on.set(event_target_checked(&ev)) />
                " "{move || fl!(LOADER, "logs-live")}
            </label>
            <a id="logs-export" class="button" href=csv download="elkarbackup-logs.csv">{move || fl!(LOADER, "logs-export")}</a>
            <Show when=move || !filters.with(Filters::is_empty)>
                <a id="logs-clear" class="button button-quiet" href=crate::paths::href("/logs")>{move || fl!(LOADER, "logs-clear")}</a>
            </Show>
            {move || filters.with(|f| f.run_id).map(|id| view! {
                <span class="badge badge-live" id="logs-run-filter">{fl!(LOADER, "logs-only-run", id = id)}</span>
            })}
            {move || filters.with(|f| f.user_id).map(|id| view! {
                <span class="badge badge-live" id="logs-user-filter">{fl!(LOADER, "logs-only-user", id = id)}</span>
            })}
            <SearchBox id="logs-search" label=|| fl!(LOADER, "logs-search") value=at.search on_input=on_search />
        </div>
    }
}
