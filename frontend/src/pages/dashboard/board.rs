//! The health board: the counts per state (buttons that filter the board) and the tiles,
//! grouped by client, each a link to its job showing its state in words and colour, the
//! age of its last success, since when it is late, and its 30-day strip.

use chrono::{DateTime, Utc};
use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::common::Ref;
use shared::dashboard::{HealthCounts, HealthTile, JobHealth};

use super::health::{health_class, health_icon, health_text, ORDER};
use super::strip::strip;
use crate::format;
use crate::i18n::{self, LOADER};

/// The tiles of one client, in the board's order.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientGroup {
    pub client: Ref,
    pub tiles: Vec<HealthTile>,
}

/// Groups tiles by client, keeping the board's order (clients by name, then jobs by
/// name); two clients of the same name stay apart, as their ids differ.
pub fn group_by_client(tiles: Vec<HealthTile>) -> Vec<ClientGroup> {
    let mut groups: Vec<ClientGroup> = Vec::new();
    for tile in tiles {
        match groups.iter_mut().find(|g| g.client.id == tile.client.id) {
            Some(group) => group.tiles.push(tile),
            None => groups.push(ClientGroup {
                client: tile.client.clone(),
                tiles: vec![tile],
            }),
        }
    }
    groups
}

/// The state a count button leads to: its own, or none (all) when it is the filter.
pub fn toggled(current: Option<JobHealth>, clicked: JobHealth) -> Option<JobHealth> {
    (current != Some(clicked)).then_some(clicked)
}

/// One button per state with its count; the pressed one is the filter. The buttons stay
/// in place when the counts change (keyboard focus is kept); only their numbers follow.
#[component]
pub fn HealthCountBar(
    counts: Signal<Option<HealthCounts>>,
    filter: Memo<Option<JobHealth>>,
    on_filter: Callback<Option<JobHealth>>,
) -> impl IntoView {
    let buttons = ORDER
        .iter()
        .map(|h| {
            let h = *h;
            let n = Memo::new(move |_| counts.get().map_or(0, |c| c.get(h)));
            let pressed = move || (filter.get() == Some(h)).to_string();
            view! {
                <button
                    type="button"
                    class=format!("health-count {}", health_class(h))
                    class:health-count-zero=move || n.get() == 0
                    data-testid="health-count"
                    data-health=h.as_str()
                    data-count=move || n.get().to_string()
                    aria-pressed=pressed
                    on:click=move |_| on_filter.run(toggled(filter.get_untracked(), h))
                >
                    <span class="health-icon" aria-hidden="true">{health_icon(h)}</span>
                    <span class="health-count-name">{move || health_text(h)}</span>
                    <span class="health-count-number">{move || format::number(n.get())}</span>
                </button>
            }
        })
        .collect_view();
    let total = move || {
        counts
            .get()
            .map(|c| fl!(LOADER, "dashboard-total", count = c.total))
    };
    view! {
        <div class="health-counts" role="group" aria-label=move || fl!(LOADER, "dashboard-counts")>
            {buttons}
            <span class="health-total muted" data-testid="health-total">{total}</span>
        </div>
    }
}

/// The tiles, under one heading per client.
pub fn client_groups(tiles: Vec<HealthTile>, end: DateTime<Utc>) -> impl IntoView {
    let now = Utc::now();
    group_by_client(tiles)
        .into_iter()
        .map(|g| {
            let tiles = g
                .tiles
                .into_iter()
                .map(|t| tile(t, end, now))
                .collect_view();
            view! {
                <section class="client-tiles" data-testid="client-tiles" data-client-id=g.client.id.to_string()>
                    <h3 class="client-tiles-name">
                        <a href=crate::paths::href(&format!("/clients/{}", g.client.id))>{g.client.name}</a>
                    </h3>
                    <div class="tiles">{tiles}</div>
                </section>
            }
        })
        .collect_view()
}

/// One job: a link to it, with its state, last success, lateness and strip.
fn tile(t: HealthTile, end: DateTime<Utc>, now: DateTime<Utc>) -> impl IntoView {
    let h = t.health;
    let success = match t.last_success_at {
        Some(at) => view! {
            <span class="tile-line" data-testid="tile-success">
                {fl!(LOADER, "dashboard-last-success", when = format::ago(&at, &now.max(at)))}
            </span>
        }
        .into_any(),
        None => view! {
            <span class="tile-line muted" data-testid="tile-success">
                {fl!(LOADER, "dashboard-never-succeeded")}
            </span>
        }
        .into_any(),
    };
    let late = t.late_since.map(|since| {
        view! {
            <span class="tile-line tile-late" data-testid="tile-late">
                {fl!(LOADER, "dashboard-late-since", when = i18n::format_time(&since))}
            </span>
        }
    });
    view! {
        <a
            class=format!("tile {}", health_class(h))
            href=crate::paths::href(&format!("/jobs/{}", t.job.id))
            data-testid="tile"
            data-job-id=t.job.id.to_string()
            data-health=h.as_str()
        >
            <span class="tile-head">
                <span class="tile-name">{t.job.name}</span>
                <span class="tile-state" data-testid="tile-state">
                    <span class="health-icon" aria-hidden="true">{health_icon(h)}</span>
                    " "
                    {health_text(h)}
                </span>
            </span>
            {success}
            {late}
            {strip(t.strip, end)}
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tile(client: (i64, &str), job: i64) -> HealthTile {
        HealthTile {
            job: Ref {
                id: job,
                name: format!("job {job}"),
            },
            client: Ref {
                id: client.0,
                name: client.1.to_owned(),
            },
            health: JobHealth::Ok,
            last_result: None,
            last_run_at: None,
            last_success_at: None,
            late_since: None,
            strip: Vec::new(),
        }
    }

    #[test]
    fn tiles_are_grouped_by_client_in_order() {
        let groups = group_by_client(vec![
            tile((2, "alpha"), 10),
            tile((2, "alpha"), 11),
            tile((1, "beta"), 12),
            // The same name as the first client, another client.
            tile((3, "alpha"), 13),
        ]);
        let shape: Vec<(i64, Vec<i64>)> = groups
            .iter()
            .map(|g| (g.client.id, g.tiles.iter().map(|t| t.job.id).collect()))
            .collect();
        assert_eq!(shape, vec![(2, vec![10, 11]), (1, vec![12]), (3, vec![13])]);
        assert!(group_by_client(Vec::new()).is_empty());
    }

    #[test]
    fn a_count_filters_and_clicking_it_again_clears() {
        assert_eq!(toggled(None, JobHealth::Failed), Some(JobHealth::Failed));
        assert_eq!(toggled(Some(JobHealth::Failed), JobHealth::Failed), None);
        assert_eq!(
            toggled(Some(JobHealth::Ok), JobHealth::Late),
            Some(JobHealth::Late)
        );
    }
}
