//! The bar chart: one bar per value, side by side in the values' order (a job's runs),
//! coloured by run result when there is one, with a few position labels and its table
//! view.

use leptos::prelude::*;

use super::axes::{position_axis_view, value_axis_view, ValueAxis};
use super::geometry::{r, spread, Bands, Plot, HEIGHT, WIDTH};
use super::labels::{point_title, summary, track_language, x_tick};
use super::line::empty_text;
use super::table::ChartTable;
use super::{result_class, svg_role, ChartPoint, Unit};

/// Most labels under a bar chart.
const POSITION_LABELS: usize = 5;

/// One bar: left edge, top, width and height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// Where everything of a bar chart goes.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct BarLayout {
    pub values: ValueAxis,
    pub bars: Vec<Bar>,
    /// Centres of the labelled bars, with their index.
    pub labelled: Vec<(f64, usize)>,
}

/// Lays out one bar per point, in order. A zero value still shows a sliver, so a run
/// that added nothing is visible (and clickable).
pub(super) fn layout(points: &[ChartPoint], unit: Unit) -> BarLayout {
    let plot = Plot::standard();
    let max = points.iter().map(|p| p.y).max().unwrap_or(0);
    let values = ValueAxis::new(unit, max as f64, &plot);
    let bands = Bands::new(points.len(), plot.left, plot.right);
    let bars = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (x, width) = bands.bar(i);
            let top = values.scale.map(p.y.max(0) as f64).min(plot.bottom - 1.0);
            Bar {
                x,
                y: top,
                width,
                height: plot.bottom - top,
            }
        })
        .collect();
    let labelled = spread(points.len(), POSITION_LABELS)
        .into_iter()
        .map(|i| (bands.centre(i), i))
        .collect();
    BarLayout {
        values,
        bars,
        labelled,
    }
}

/// A bar chart with its table view.
#[component]
pub fn BarChart(
    /// `chart-<name>` on the `<svg>`, `chart-table-<name>` on the table.
    #[prop(into)]
    name: String,
    /// What the chart shows ("Snapshot size"): the `aria-label` and the table's caption.
    #[prop(into)]
    label: Signal<String>,
    unit: Unit,
    /// The values, in the order of their bars.
    #[prop(into)]
    points: Signal<Vec<ChartPoint>>,
    /// Heading of the table's first column (default "Date").
    #[prop(optional, into)]
    x_heading: MaybeProp<String>,
) -> impl IntoView {
    let testid = format!("chart-{name}");
    let svg = move || {
        track_language();
        let pts = points.get();
        let plot = Plot::standard();
        let l = layout(&pts, unit);
        let aria = summary(&label.get(), unit, &pts);
        let role = svg_role(&pts);
        let positions: Vec<(f64, String)> = l
            .labelled
            .iter()
            .filter_map(|(x, i)| Some((*x, x_tick(&pts.get(*i)?.x))))
            .collect();
        let bars = pts
            .iter()
            .zip(&l.bars)
            .map(|(p, b)| bar(unit, p, *b))
            .collect_view();
        let empty = pts.is_empty().then(|| empty_text(plot));
        view! {
            <svg
                class="chart chart-bars"
                data-testid=testid.clone()
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                width="100%"
                role=role
                aria-label=aria
            >
                {value_axis_view(unit, &l.values, plot)}
                {position_axis_view(positions, plot)}
                <g class="chart-points">{bars}</g>
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

/// One bar with its tooltip, a link when it has one.
fn bar(unit: Unit, point: &ChartPoint, b: Bar) -> AnyView {
    let title = point_title(unit, point);
    let (wire_x, wire_y) = (point.x.wire(), point.y.to_string());
    let class = format!("chart-bar {}", result_class(point.result));
    let result = point.result.map(|r| r.as_str());
    let (x, y, w, h) = (r(b.x), r(b.y), r(b.width), r(b.height));
    match point.href.clone() {
        Some(href) => view! {
            <g>
                <a href=crate::paths::href(&href)>
                    <rect class=class x=x y=y width=w height=h data-testid="point" data-x=wire_x data-y=wire_y data-result=result>
                        <title>{title}</title>
                    </rect>
                </a>
            </g>
        }
        .into_any(),
        None => view! {
            <rect class=class x=x y=y width=w height=h data-testid="point" data-x=wire_x data-y=wire_y data-result=result>
                <title>{title}</title>
            </rect>
        }
        .into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::chart::ChartX;

    #[test]
    fn bars_rise_from_the_bottom() {
        let plot = Plot::standard();
        let pts: Vec<ChartPoint> = [0, 5, 10]
            .iter()
            .enumerate()
            .map(|(i, v)| ChartPoint::new(ChartX::Index(i as i64), *v))
            .collect();
        let l = layout(&pts, Unit::Count);
        assert_eq!(l.values.ticks.last(), Some(&10.0));
        let heights: Vec<f64> = l.bars.iter().map(|b| b.height).collect();
        // Zero shows a sliver; the largest reaches the top.
        assert_eq!(heights.first(), Some(&1.0));
        assert_eq!(heights.last(), Some(&(plot.bottom - plot.top)));
        let middle = l.bars.get(1).unwrap();
        assert!((middle.height - (plot.bottom - plot.top) / 2.0).abs() < 1e-9);
        // Left to right, inside the plot.
        assert!(l.bars.windows(2).all(|w| w[0].x < w[1].x));
        assert!(l
            .bars
            .iter()
            .all(|b| b.x >= plot.left && b.x + b.width <= plot.right));
        assert_eq!(
            l.labelled.iter().map(|(_, i)| *i).collect::<Vec<_>>(),
            vec![0, 1, 2]
        );
    }
}
