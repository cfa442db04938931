//! The axes shared by line and bar charts: the value axis (its ticks, scale, grid lines
//! and labels) and the labels under the plot.

use leptos::prelude::*;

use super::geometry::{r, Linear, Plot};
use super::labels::tick_text;
use super::ticks::value_ticks;
use super::Unit;

/// Intervals on a value axis (a few, so that labels stay readable on a phone).
const VALUE_INTERVALS: usize = 4;

/// A value axis from zero to a round value at or above the largest value.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueAxis {
    /// Tick values, from 0 up.
    pub ticks: Vec<f64>,
    /// Value to vertical position in the plot.
    pub scale: Linear,
}

impl ValueAxis {
    /// The axis for values up to `max`, in `unit`.
    pub fn new(unit: Unit, max: f64, plot: &Plot) -> Self {
        let ticks = value_ticks(unit, max, VALUE_INTERVALS);
        let top = ticks.last().copied().unwrap_or(1.0);
        ValueAxis {
            ticks,
            scale: Linear::new(0.0, top, plot.bottom, plot.top),
        }
    }
}

/// Grid lines across the plot and value labels left of it.
pub fn value_axis_view(unit: Unit, axis: &ValueAxis, plot: Plot) -> impl IntoView {
    axis.ticks
        .iter()
        .map(|v| {
            let y = r(axis.scale.map(*v));
            view! {
                <g class="chart-tick">
                    <line class="chart-grid" x1=r(plot.left) x2=r(plot.right) y1=y y2=y></line>
                    <text class="chart-label" x=r(plot.left - 6.0) y=r(y + 4.0) text-anchor="end">
                        {tick_text(unit, *v)}
                    </text>
                </g>
            }
        })
        .collect_view()
}

/// Labels under the plot at the given horizontal positions, with a small tick mark.
pub fn position_axis_view(labels: Vec<(f64, String)>, plot: Plot) -> impl IntoView {
    let count = labels.len();
    labels
        .into_iter()
        .enumerate()
        .map(move |(i, (x, text))| {
            // The outermost labels lean inwards so they are not cut at the edges.
            let anchor = match (i, count) {
                (_, 1) => "middle",
                (0, _) if x - plot.left < 20.0 => "start",
                (i, n) if i + 1 == n && plot.right - x < 20.0 => "end",
                _ => "middle",
            };
            let x = r(x);
            view! {
                <g class="chart-tick">
                    <line class="chart-axis" x1=x x2=x y1=r(plot.bottom) y2=r(plot.bottom + 4.0)></line>
                    <text class="chart-label" x=x y=r(plot.bottom + 17.0) text-anchor=anchor>
                        {text}
                    </text>
                </g>
            }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_axis_reaches_past_the_largest_value() {
        let plot = Plot::standard();
        let axis = ValueAxis::new(Unit::Count, 7.0, &plot);
        assert_eq!(axis.ticks, vec![0.0, 2.0, 4.0, 6.0, 8.0]);
        assert_eq!(axis.scale.map(0.0), plot.bottom);
        assert_eq!(axis.scale.map(8.0), plot.top);
    }
}
