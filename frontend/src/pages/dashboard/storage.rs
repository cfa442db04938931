//! Storage: one card per backup location with its space and inode gauges, a chart of its
//! used space over the last year against its total, and when it will be full.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::dashboard::{Forecast, LocationStorage, MIN_FIT_DAYS};
use shared::locations::LocationStatus;

use crate::components::chart::{ChartPoint, ChartX, Gauge, LineChart, Unit};
use crate::format;
use crate::i18n::LOADER;

/// Used and total of a free/total pair from the location's status (unknown: 0 of 0).
pub fn used_of(free: Option<u64>, total: Option<u64>) -> (i64, i64) {
    match (free, total) {
        (Some(free), Some(total)) => {
            let total_i = i64::try_from(total).unwrap_or(i64::MAX);
            let used = i64::try_from(total.saturating_sub(free)).unwrap_or(i64::MAX);
            (used, total_i)
        }
        _ => (0, 0),
    }
}

/// The total to draw as the chart's reference line: now, or else the latest sample's.
fn reference_total(location: &LocationStorage) -> Option<i64> {
    let (_, total) = used_of(location.status.free_bytes, location.status.total_bytes);
    (total > 0)
        .then_some(total)
        .or_else(|| location.history.last().map(|p| p.total_bytes))
        .filter(|t| *t > 0)
}

/// The forecast's wire kind (`data-kind`).
pub fn forecast_kind(f: &Forecast) -> &'static str {
    match f {
        Forecast::NotEnoughData { .. } => "not_enough_data",
        Forecast::NotGrowing { .. } => "not_growing",
        Forecast::Full { .. } => "full",
    }
}

/// The forecast in words.
fn forecast_text(f: &Forecast) -> String {
    match f {
        Forecast::NotEnoughData { days } => {
            // Whole days: "2 days of samples" when they span 2.6.
            let whole = days.max(0.0).floor() as i64;
            fl!(
                LOADER,
                "dashboard-forecast-not-enough",
                days = whole,
                needed = MIN_FIT_DAYS
            )
        }
        Forecast::NotGrowing { .. } => fl!(LOADER, "dashboard-forecast-not-growing"),
        Forecast::Full { at, bytes_per_day } => {
            let full = fl!(
                LOADER,
                "dashboard-forecast-full",
                date = crate::dates::date(at)
            );
            let growth = fl!(
                LOADER,
                "dashboard-forecast-growth",
                size = format::size(bytes_per_day.round() as i64)
            );
            format!("{full} ({growth})")
        }
    }
}

/// The cards, or a line saying there is no location yet.
pub fn storage_cards(locations: Vec<LocationStorage>) -> impl IntoView {
    if locations.is_empty() {
        return view! {
            <p class="empty" data-testid="storage-empty">{fl!(LOADER, "dashboard-storage-empty")}</p>
        }
        .into_any();
    }
    let cards = locations.into_iter().map(card).collect_view();
    view! { <div class="storage-cards">{cards}</div> }.into_any()
}

fn card(l: LocationStorage) -> impl IntoView {
    let LocationStatus {
        online,
        free_bytes,
        total_bytes,
        free_inodes,
        total_inodes,
        ..
    } = l.status.clone();
    let (bytes_used, bytes_total) = used_of(free_bytes, total_bytes);
    let (inodes_used, inodes_total) = used_of(free_inodes, total_inodes);
    let reference = reference_total(&l);
    let reference_label =
        reference.map(|t| fl!(LOADER, "dashboard-total-line", size = format::size(t)));
    let points: Vec<ChartPoint> = l
        .history
        .iter()
        .map(|p| ChartPoint::new(ChartX::Time(p.at), p.used_bytes))
        .collect();
    let name = l.location.name.clone();
    let chart_label =
        Signal::derive(move || fl!(LOADER, "dashboard-used-chart", location = name.clone()));
    let offline = (!online).then(|| {
        view! { <p class="error-text small" data-testid="location-offline">{fl!(LOADER, "dashboard-location-offline")}</p> }
    });
    let inactive = (!l.active)
        .then(|| view! { " " <span class="badge badge-inactive">{fl!(LOADER, "inactive")}</span> });
    view! {
        <section class="storage-card" data-testid="location-storage" data-location-id=l.location.id.to_string()>
            <h3>
                <a href=crate::paths::href(&format!("/locations/{}", l.location.id))>{l.location.name.clone()}</a>
                {inactive}
            </h3>
            {offline}
            <Gauge
                name="location-bytes"
                label=Signal::derive(|| fl!(LOADER, "dashboard-space"))
                unit=Unit::Bytes
                used=bytes_used
                total=bytes_total
            />
            <Gauge
                name="location-inodes"
                label=Signal::derive(|| fl!(LOADER, "dashboard-inodes"))
                unit=Unit::Count
                used=inodes_used
                total=inodes_total
            />
            <p class="forecast" data-testid="forecast" data-kind=forecast_kind(&l.forecast)>
                {forecast_text(&l.forecast)}
            </p>
            <LineChart
                name="location-used"
                label=chart_label
                unit=Unit::Bytes
                points=points
                reference=reference
                reference_label=reference_label
            />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn used_is_total_minus_free() {
        assert_eq!(used_of(Some(30), Some(100)), (70, 100));
        assert_eq!(used_of(None, Some(100)), (0, 0));
        assert_eq!(used_of(Some(200), Some(100)), (0, 100));
    }

    #[test]
    fn forecast_kinds_match_the_wire() {
        for f in [
            Forecast::NotEnoughData { days: 2.0 },
            Forecast::NotGrowing { bytes_per_day: 0.0 },
            Forecast::Full {
                at: chrono::Utc::now(),
                bytes_per_day: 5.0,
            },
        ] {
            let wire = serde_json::to_value(&f).unwrap();
            assert_eq!(wire["kind"], forecast_kind(&f));
        }
    }
}
