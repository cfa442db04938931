//! SVG charts drawn directly in Leptos views, shared by the whole app (dashboard, job and
//! client pages): a line/area chart over time, a bar chart coloured by run result, a
//! used-of-total gauge, and the table view that gives screen readers and copy-paste the
//! same numbers. Geometry and ticks are pure functions (`geometry`, `ticks`); the views
//! only place what they compute.
//!
//! DOM contract (browser tests rely on it): `<svg data-testid="chart-<name>" role="img"
//! aria-label=…>` (`role="group"` when its points are links: an image's content is not
//! reachable, so links inside one are an error for assistive technology), every point or bar `data-testid="point"` with `data-x` (RFC 3339 as the
//! API sends it, a `YYYY-MM-DD` day, or an index) and `data-y` (the raw integer), and the
//! table `<table data-testid="chart-table-<name>">` in a `<details>` under the chart.
//! Gauges are `<svg data-testid="gauge-<name>" data-used data-total>`.
//!
//! ```ignore
//! let points = Signal::derive(move || runs.get().iter().map(|r| {
//!     ChartPoint::new(ChartX::Time(r.finished_at), r.bytes.unwrap_or(0)).with_result(r.result)
//! }).collect());
//! view! { <BarChart name="job-size" label=move || fl!(LOADER, "…") unit=Unit::Bytes points=points /> }
//! ```

mod axes;
mod bar;
mod gauge;
pub mod geometry;
mod labels;
mod line;
mod table;
pub mod ticks;

pub use bar::BarChart;
pub use gauge::Gauge;
pub use labels::{value_text, x_text};
pub use line::LineChart;
pub use table::ChartTable;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use shared::common::RunResult;

/// What a chart's values measure; decides the axis ticks and how numbers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Sizes: "1.5 GiB" (`format::size`), ticks round in powers of 1024.
    Bytes,
    /// Durations: "1 h 2 min 3 s" (`run_labels::duration_text`).
    Seconds,
    /// Counts (files): with the language's digit grouping.
    Count,
}

/// Where a point sits along the x axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartX {
    /// An instant (a run's end, a sample).
    Time(DateTime<Utc>),
    /// A calendar day (a client's size per day).
    Day(NaiveDate),
    /// A position in a sequence (the n-th run).
    Index(i64),
}

impl ChartX {
    /// The `data-x` attribute: RFC 3339 as the API writes it (`Z`, fractional seconds
    /// only when present), `YYYY-MM-DD`, or the index.
    pub fn wire(&self) -> String {
        match self {
            ChartX::Time(t) => t.to_rfc3339_opts(SecondsFormat::AutoSi, true),
            ChartX::Day(d) => d.format("%Y-%m-%d").to_string(),
            ChartX::Index(i) => i.to_string(),
        }
    }

    /// Position on a continuous axis: Unix seconds (a day at its UTC midnight) or the
    /// index.
    pub fn position(&self) -> f64 {
        match self {
            ChartX::Time(t) => t.timestamp() as f64,
            ChartX::Day(d) => d
                .and_hms_opt(0, 0, 0)
                .map_or(0.0, |d| d.and_utc().timestamp() as f64),
            ChartX::Index(i) => *i as f64,
        }
    }

    /// True for instants and days (a time axis).
    pub fn is_time(&self) -> bool {
        !matches!(self, ChartX::Index(_))
    }
}

/// One value of a chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartPoint {
    pub x: ChartX,
    /// The value as the API sent it (bytes, seconds, files).
    pub y: i64,
    /// Colours a bar (and names the result in its tooltip and table row).
    pub result: Option<RunResult>,
    /// Where a click on the bar or point leads (e.g. the run's page).
    pub href: Option<String>,
}

impl ChartPoint {
    /// A point without result or link.
    pub fn new(x: ChartX, y: i64) -> Self {
        ChartPoint {
            x,
            y,
            result: None,
            href: None,
        }
    }

    /// The same point, coloured by a run result.
    pub fn with_result(self, result: RunResult) -> Self {
        ChartPoint {
            result: Some(result),
            ..self
        }
    }

    /// The same point, linking to `href`.
    pub fn with_href(self, href: impl Into<String>) -> Self {
        ChartPoint {
            href: Some(href.into()),
            ..self
        }
    }
}

/// The chart's ARIA role: an image, unless its points are links (which an image's
/// content may not hold): then a group of them.
pub(crate) fn svg_role(points: &[ChartPoint]) -> &'static str {
    if points.iter().any(|p| p.href.is_some()) {
        "group"
    } else {
        "img"
    }
}

/// The class that colours a bar or mark by run result (`chart-ok`, `chart-failed`…;
/// `chart-none` without a result). Also used by the dashboard's strips.
pub fn result_class(result: Option<RunResult>) -> &'static str {
    match result {
        Some(RunResult::Ok) => "chart-ok",
        Some(RunResult::Warning) => "chart-warning",
        Some(RunResult::Failed) => "chart-failed",
        Some(RunResult::Aborted) => "chart-aborted",
        None => "chart-none",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn data_x_is_written_as_the_api_writes_it() {
        let t = Utc.with_ymd_and_hms(2026, 12, 6, 5, 45, 0).unwrap();
        assert_eq!(ChartX::Time(t).wire(), "2026-12-06T05:45:00Z");
        let precise = t + chrono::Duration::microseconds(123_456);
        assert_eq!(ChartX::Time(precise).wire(), "2026-12-06T05:45:00.123456Z");
        // The same text serde writes for the DTOs.
        let json = serde_json::to_string(&precise).unwrap();
        assert_eq!(json.trim_matches('"'), ChartX::Time(precise).wire());
        let day = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
        assert_eq!(ChartX::Day(day).wire(), "2026-01-02");
        assert_eq!(ChartX::Index(7).wire(), "7");
    }

    #[test]
    fn positions() {
        let day = NaiveDate::from_ymd_opt(1970, 1, 2).unwrap();
        assert_eq!(ChartX::Day(day).position(), 86_400.0);
        assert_eq!(ChartX::Index(3).position(), 3.0);
        assert!(ChartX::Day(day).is_time() && !ChartX::Index(3).is_time());
    }
}
