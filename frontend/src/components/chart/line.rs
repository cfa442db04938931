//! The line chart: values over time (or over a sequence) as a line with a shaded area
//! under it, one marked point per value, an optional horizontal reference line (a
//! location's total), and its table view.

use leptos::prelude::*;

use super::axes::{position_axis_view, value_axis_view, ValueAxis};
use super::geometry::{area_path, extent, line_path, r, spread, Linear, Plot, HEIGHT, WIDTH};
use super::labels::{point_title, summary, time_tick, track_language, x_tick};
use super::table::ChartTable;
use super::ticks::{time_ticks, TimeStep};
use super::{svg_role, ChartPoint, ChartX, Unit};

/// Most labels under a chart (a phone has room for about five).
const POSITION_LABELS: usize = 5;

/// A label under the plot, before it is written in the interface language.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum PositionTick {
    /// A round instant (Unix seconds) of a time axis.
    Instant(i64, TimeStep),
    /// The position of one of the points.
    Point(ChartX),
}

impl PositionTick {
    fn text(&self) -> String {
        match self {
            PositionTick::Instant(t, step) => time_tick(*t, *step),
            PositionTick::Point(x) => x_tick(x),
        }
    }
}

/// Where everything of a line chart goes.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct LineLayout {
    pub values: ValueAxis,
    pub positions: Vec<(f64, PositionTick)>,
    /// The points' coordinates, in the points' order.
    pub dots: Vec<(f64, f64)>,
    pub line: String,
    pub area: String,
    /// Height of the reference line.
    pub reference: Option<f64>,
}

/// Lays out `points` (in x order) and the optional `reference` value.
pub(super) fn layout(points: &[ChartPoint], unit: Unit, reference: Option<i64>) -> LineLayout {
    let plot = Plot::standard();
    let max = points
        .iter()
        .map(|p| p.y)
        .chain(reference)
        .max()
        .unwrap_or(0);
    let values = ValueAxis::new(unit, max as f64, &plot);
    let (x0, x1) = extent(points.iter().map(|p| p.x.position())).unwrap_or((0.0, 1.0));
    let x = Linear::new(x0, x1, plot.left, plot.right);
    let dots: Vec<(f64, f64)> = points
        .iter()
        .map(|p| (x.map(p.x.position()), values.scale.map(p.y as f64)))
        .collect();
    let positions = if points.first().is_some_and(|p| p.x.is_time()) {
        let (ticks, step) = time_ticks(x0 as i64, x1 as i64, POSITION_LABELS);
        ticks
            .into_iter()
            .map(|t| (x.map(t as f64), PositionTick::Instant(t, step)))
            .collect()
    } else {
        spread(points.len(), POSITION_LABELS)
            .into_iter()
            .filter_map(|i| {
                let (dot, point) = (dots.get(i)?, points.get(i)?);
                Some((dot.0, PositionTick::Point(point.x)))
            })
            .collect()
    };
    LineLayout {
        line: line_path(&dots),
        area: area_path(&dots, plot.bottom),
        reference: reference.map(|v| values.scale.map(v as f64)),
        values,
        positions,
        dots,
    }
}

/// A line chart with its table view.
#[component]
pub fn LineChart(
    /// `chart-<name>` on the `<svg>`, `chart-table-<name>` on the table.
    #[prop(into)]
    name: String,
    /// What the chart shows ("Used space"): the `aria-label` and the table's caption.
    #[prop(into)]
    label: Signal<String>,
    unit: Unit,
    /// The values, in x order.
    #[prop(into)]
    points: Signal<Vec<ChartPoint>>,
    /// A horizontal line at this value (e.g. the total size).
    #[prop(optional, into)]
    reference: MaybeProp<i64>,
    /// The words next to the reference line ("Total: 2 TiB").
    #[prop(optional, into)]
    reference_label: MaybeProp<String>,
    /// Heading of the table's first column (default "Date").
    #[prop(optional, into)]
    x_heading: MaybeProp<String>,
) -> impl IntoView {
    let testid = format!("chart-{name}");
    let svg = move || {
        track_language();
        let pts = points.get();
        let reference = reference.get();
        let plot = Plot::standard();
        let l = layout(&pts, unit, reference);
        let aria = summary(&label.get(), unit, &pts);
        let role = svg_role(&pts);
        let positions: Vec<(f64, String)> =
            l.positions.iter().map(|(x, t)| (*x, t.text())).collect();
        let empty = pts.is_empty().then(|| empty_text(plot));
        let reference_view = l
            .reference
            .map(|y| reference_line(y, reference_label.get().unwrap_or_default(), plot));
        let dots = pts
            .iter()
            .zip(&l.dots)
            .map(|(p, (x, y))| dot(unit, p, *x, *y))
            .collect_view();
        view! {
            <svg
                class="chart chart-line"
                data-testid=testid.clone()
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                width="100%"
                role=role
                aria-label=aria
            >
                {value_axis_view(unit, &l.values, plot)}
                {position_axis_view(positions, plot)}
                <path class="chart-area" d=l.area.clone()></path>
                <path class="chart-stroke" d=l.line.clone()></path>
                {reference_view}
                <g class="chart-points">{dots}</g>
                {empty}
            </svg>
        }
    };
    view! {
        <figure class="chart-figure">
            {svg}
            <ChartTable name=name label=label unit=unit points=points x_heading=x_heading />
        </figure>
    }
}

/// One point: a dot with its tooltip, a link when it has one.
fn dot(unit: Unit, point: &ChartPoint, x: f64, y: f64) -> AnyView {
    let title = point_title(unit, point);
    let (wire_x, wire_y) = (point.x.wire(), point.y.to_string());
    let class = format!("chart-dot {}", super::result_class(point.result));
    match point.href.clone() {
        Some(href) => view! {
            <g>
                <a href=crate::paths::href(&href)>
                    <circle class=class cx=r(x) cy=r(y) r="3" data-testid="point" data-x=wire_x data-y=wire_y>
                        <title>{title}</title>
                    </circle>
                </a>
            </g>
        }
        .into_any(),
        None => view! {
            <circle class=class cx=r(x) cy=r(y) r="3" data-testid="point" data-x=wire_x data-y=wire_y>
                <title>{title}</title>
            </circle>
        }
        .into_any(),
    }
}

/// The dashed reference line with its words above its right end.
fn reference_line(y: f64, text: String, plot: Plot) -> impl IntoView {
    let y = r(y);
    view! {
        <g class="chart-reference">
            <line x1=r(plot.left) x2=r(plot.right) y1=y y2=y stroke-dasharray="6 4"></line>
            <text class="chart-label" x=r(plot.right) y=r(y - 4.0) text-anchor="end">{text}</text>
        </g>
    }
}

/// "No data yet" in the middle of an empty plot.
pub(super) fn empty_text(plot: Plot) -> impl IntoView {
    view! {
        <text
            class="chart-empty"
            x=r((plot.left + plot.right) / 2.0)
            y=r((plot.top + plot.bottom) / 2.0)
            text-anchor="middle"
        >
            {move || i18n_embed_fl::fl!(crate::i18n::LOADER, "chart-no-data")}
        </text>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn at(day: u32) -> ChartX {
        ChartX::Time(Utc.with_ymd_and_hms(2026, 11, day, 0, 0, 0).unwrap())
    }

    #[test]
    fn points_span_the_plot() {
        let plot = Plot::standard();
        let pts = vec![
            ChartPoint::new(at(2), 0),
            ChartPoint::new(at(16), 50),
            ChartPoint::new(at(30), 100),
        ];
        let l = layout(&pts, Unit::Count, None);
        assert_eq!(l.dots.first(), Some(&(plot.left, plot.bottom)));
        assert_eq!(l.dots.last(), Some(&(plot.right, plot.top)));
        // Halfway in time is halfway across.
        let middle = l.dots.get(1).unwrap();
        assert!((middle.0 - (plot.left + plot.right) / 2.0).abs() < 1e-9);
        assert!(l.line.starts_with("M60 174 L"));
        assert!(l.area.ends_with('Z'));
        // Four Mondays in November 2026 after the 2nd: 9, 16, 23, 30 (the 2nd too).
        let instants: Vec<i64> = l
            .positions
            .iter()
            .filter_map(|(_, t)| match t {
                PositionTick::Instant(s, TimeStep::Days) => Some(*s),
                _ => None,
            })
            .collect();
        assert_eq!(instants.len(), 5);
    }

    #[test]
    fn the_reference_raises_the_axis() {
        let plot = Plot::standard();
        let pts = vec![
            ChartPoint::new(ChartX::Index(1), 10),
            ChartPoint::new(ChartX::Index(2), 20),
        ];
        let l = layout(&pts, Unit::Count, Some(100));
        assert_eq!(l.values.ticks.last(), Some(&100.0));
        assert_eq!(l.reference, Some(plot.top));
        // Indexes are labelled by the points themselves.
        assert_eq!(
            l.positions.iter().map(|(_, t)| *t).collect::<Vec<_>>(),
            vec![
                PositionTick::Point(ChartX::Index(1)),
                PositionTick::Point(ChartX::Index(2))
            ]
        );
    }

    #[test]
    fn nothing_to_draw() {
        let l = layout(&[], Unit::Bytes, None);
        assert!(l.dots.is_empty() && l.line.is_empty() && l.area.is_empty());
        assert_eq!(l.values.ticks, vec![0.0, 1.0]);
    }
}
