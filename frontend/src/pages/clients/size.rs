//! The client page's size panel: the client's total size, how full its quota is (a bar
//! that turns to the warning colour from the settings' warning percentage on, or "no
//! quota"), and its size per day as a chart with its table view.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::clients::Client;
use shared::dashboard::SizePoint;

use crate::api::{dashboard, Failure};
use crate::components::chart::{ChartPoint, ChartX, LineChart, Unit};
use crate::components::feedback::{Alert, AlertKind};
use crate::format;
use crate::i18n::LOADER;
use crate::pages::jobs::quota_percent;
use crate::scaffold::loaded::use_loaded;

/// How full a client's quota is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotaUse {
    /// No quota is set.
    Unlimited,
    /// `percent` of the quota is used (past 100 when over it); `high` from the warning
    /// percentage on.
    Used { percent: i64, high: bool },
}

/// How much of `quota` a client of `size` bytes uses, against the warning percentage.
pub fn quota_use(size: i64, quota: Option<i64>, warn_percent: i32) -> QuotaUse {
    match quota {
        None => QuotaUse::Unlimited,
        Some(quota) => {
            let percent = quota_percent(size, quota);
            QuotaUse::Used {
                percent,
                high: percent >= i64::from(warn_percent),
            }
        }
    }
}

/// The points of a client's size chart: one per day, as the API sends them (oldest
/// first).
pub fn size_points(points: &[SizePoint]) -> Vec<ChartPoint> {
    points
        .iter()
        .map(|p| ChartPoint::new(ChartX::Day(p.day), p.bytes))
        .collect()
}

/// The quota as a line on the size chart, when it is near enough to the sizes drawn (at
/// most four times the largest) not to flatten them against the bottom.
pub fn quota_line(quota: Option<i64>, points: &[ChartPoint]) -> Option<i64> {
    let largest = points.iter().map(|p| p.y).max()?;
    quota.filter(|q| i128::from(*q) <= i128::from(largest.max(0)) * 4)
}

/// The size panel of saved client `id` (its size and quota follow the loaded `client`,
/// so a quota just saved shows at once); bumping `reload` (a run finished) fetches the
/// size history again.
#[component]
pub fn SizePanel(
    id: i64,
    client: RwSignal<Option<Client>>,
    /// Percentage of the quota from which the bar warns.
    warn_percent: Signal<i32>,
    #[prop(into)] reload: Signal<u32>,
) -> impl IntoView {
    let figures =
        Memo::new(move |_| client.with(|c| c.as_ref().map(|c| (c.size_bytes, c.quota_bytes))));
    let summary = move || {
        let (size, quota) = figures.get()?;
        Some(view! {
            <dl class="facts">
                <dt>{fl!(LOADER, "client-size-total")}</dt>
                <dd id="client-size-total" data-bytes=size.to_string()>{format::size(size)}</dd>
                <dt>{fl!(LOADER, "client-size-quota")}</dt>
                <dd>{quota_view(size, quota, warn_percent.get())}</dd>
            </dl>
        })
    };
    let quota = Signal::derive(move || figures.get().and_then(|(_, q)| q));
    view! {
        <section class="panel" id="client-size" aria-labelledby="client-size-title">
            <h2 id="client-size-title">{move || fl!(LOADER, "client-size-title")}</h2>
            {summary}
            <SizeHistory id=id reload=reload quota=quota />
        </section>
    }
}

/// The chart of the client's size per day (with its quota as a line), or why there is
/// none.
#[component]
fn SizeHistory(id: i64, reload: Signal<u32>, quota: Signal<Option<i64>>) -> impl IntoView {
    let loaded = use_loaded(
        move || {
            reload.track();
            async move { dashboard::client_history(id).await }
        },
        |_| {},
    );
    let (data, failure) = (loaded.data, loaded.failure);
    let points = Memo::new(move |_| data.with(|d| d.as_ref().map(|h| size_points(&h.points))));
    let error = Signal::derive(move || failure.with(|f| f.as_ref().map(Failure::message)));
    let label = Signal::derive(move || fl!(LOADER, "client-size-history"));
    let line = Signal::derive(move || {
        points.with(|p| quota_line(quota.get(), p.as_deref().unwrap_or_default()))
    });
    let chart = move || {
        match points.with(|p| p.as_ref().map(Vec::is_empty)) {
        None => ().into_any(),
        Some(true) => view! {
            <p id="client-size-empty" class="empty">{move || fl!(LOADER, "client-size-empty")}</p>
        }
        .into_any(),
        Some(false) => view! {
            <LineChart
                name="client-size"
                label=label
                unit=Unit::Bytes
                points=Signal::derive(move || points.get().unwrap_or_default())
                reference=line
                reference_label=Signal::derive(move || {
                    line.get().map(|q| fl!(LOADER, "client-size-quota-line", quota = format::size(q)))
                })
            />
        }
        .into_any(),
    }
    };
    view! {
        <h3>{move || label.get()}</h3>
        <Alert id="client-size-error" kind=AlertKind::Error message=error />
        {chart}
    }
}

/// How full the quota is, in words and as a bar, or "no quota".
fn quota_view(size: i64, quota: Option<i64>, warn_percent: i32) -> AnyView {
    let (quota, percent, high) = match (quota, quota_use(size, quota, warn_percent)) {
        (Some(quota), QuotaUse::Used { percent, high }) => (quota, percent, high),
        _ => {
            return view! {
                <span id="client-size-quota" class="muted" data-state="none">{fl!(LOADER, "client-size-no-quota")}</span>
            }
            .into_any()
        }
    };
    let text = fl!(
        LOADER,
        "quota-of",
        used = format::size(size),
        quota = format::size(quota),
        percent = percent
    );
    let state = if high { "high" } else { "ok" };
    view! {
        <div id="client-size-quota" class="client-quota" data-state=state data-percent=percent.to_string()>
            <span class:quota-text-high=high>{text.clone()}</span>
            <div class="quota-bar" role="img" aria-label=text>
                <div class="quota-fill" class:quota-high=high style:width=format!("{}%", percent.clamp(0, 100))></div>
            </div>
            {high.then(|| view! {
                <p class="small quota-text-high">{fl!(LOADER, "client-size-quota-high", percent = warn_percent)}</p>
            })}
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use shared::dashboard::SizePoint;

    use super::{quota_line, quota_use, size_points, QuotaUse};
    use crate::components::chart::{ChartPoint, ChartX};

    #[test]
    fn the_quota_line_shows_only_near_the_sizes() {
        let points = [ChartPoint::new(ChartX::Index(1), 100)];
        assert_eq!(quota_line(Some(400), &points), Some(400));
        assert_eq!(quota_line(Some(401), &points), None);
        assert_eq!(quota_line(None, &points), None);
        assert_eq!(quota_line(Some(400), &[]), None);
    }

    #[test]
    fn one_point_per_day() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        let points = size_points(&[
            SizePoint {
                day: day(4),
                bytes: 100,
            },
            SizePoint {
                day: day(5),
                bytes: 0,
            },
        ]);
        let got: Vec<(ChartX, i64)> = points.iter().map(|p| (p.x, p.y)).collect();
        assert_eq!(got, [(ChartX::Day(day(4)), 100), (ChartX::Day(day(5)), 0)]);
        assert_eq!(points[0].x.wire(), "2026-12-04");
    }

    #[test]
    fn quota_use_warns_from_the_warning_percentage() {
        assert_eq!(quota_use(10, None, 90), QuotaUse::Unlimited);
        assert_eq!(
            quota_use(89, Some(100), 90),
            QuotaUse::Used {
                percent: 89,
                high: false
            }
        );
        assert_eq!(
            quota_use(90, Some(100), 90),
            QuotaUse::Used {
                percent: 90,
                high: true
            }
        );
        // Over the quota: the percentage says how far, the bar stays full.
        assert_eq!(
            quota_use(250, Some(100), 90),
            QuotaUse::Used {
                percent: 250,
                high: true
            }
        );
    }
}
