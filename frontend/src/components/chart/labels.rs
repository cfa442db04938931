//! How charts write their numbers and positions in the interface language: values in
//! their unit, short axis ticks, full dates for tooltips and tables, and the summary read
//! out by screen readers.

use chrono::DateTime;
use i18n_embed_fl::fl;

use super::ticks::TimeStep;
use super::{ChartPoint, ChartX, Unit};
use crate::i18n::{self, LOADER};
use crate::{dates, format, labels, run_labels};

/// Subscribes the calling view to language switches (sizes and durations do not).
pub(super) fn track_language() {
    let _ = i18n::LOADER.current_languages();
}

/// A value in its unit, in full: "1.5 GiB", "1 h 2 min 3 s", "12,345".
pub fn value_text(unit: Unit, value: i64) -> String {
    match unit {
        Unit::Bytes => format::size(value),
        Unit::Seconds => run_labels::duration_text(value),
        Unit::Count => format::number(value),
    }
}

/// A value axis tick: like [`value_text`], but durations leave out their zero parts
/// ("30 min", "2 h").
pub(super) fn tick_text(unit: Unit, value: f64) -> String {
    let whole = value.round() as i64;
    match unit {
        Unit::Seconds => compact_duration(whole),
        _ => value_text(unit, whole),
    }
}

/// "2 h", "1 h 30 min", "45 s": the parts of a duration that are not zero, in the units
/// of `run_labels::duration_text`.
pub(super) fn compact_duration(seconds: i64) -> String {
    let s = seconds.max(0);
    let parts = [(s / 3600, "h"), ((s % 3600) / 60, "min"), (s % 60, "s")];
    let text: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n} {unit}"))
        .collect();
    if text.is_empty() {
        "0".to_owned()
    } else {
        text.join(" ")
    }
}

/// A position in full, for tooltips and tables: a date and time, a date, or "#7".
pub fn x_text(x: &ChartX) -> String {
    match x {
        ChartX::Time(t) => dates::date_time(t),
        ChartX::Day(d) => dates::day(d),
        ChartX::Index(i) => format!("#{}", format::number(*i)),
    }
}

/// A position as a short axis label: "Dec 6" or "#7".
pub(super) fn x_tick(x: &ChartX) -> String {
    match x {
        ChartX::Time(t) => dates::day_month(t),
        ChartX::Day(d) => dates::day_short(d),
        ChartX::Index(i) => format::number(*i),
    }
}

/// A time axis tick (Unix seconds): the time of day on hourly ticks, else the date.
pub(super) fn time_tick(seconds: i64, step: TimeStep) -> String {
    let Some(t) = DateTime::from_timestamp(seconds, 0) else {
        return String::new();
    };
    match step {
        TimeStep::Hours => dates::time_of_day(&t),
        TimeStep::Days => dates::day_month(&t),
    }
}

/// A point's tooltip: "December 6, 2026 at 5:45 AM: 12 GiB (OK)".
pub(super) fn point_title(unit: Unit, point: &ChartPoint) -> String {
    let value = value_text(unit, point.y);
    let text = fl!(LOADER, "chart-point", x = x_text(&point.x), value = value);
    match point.result {
        Some(r) => format!("{text} ({})", labels::result_text(Some(r))),
        None => text,
    }
}

/// What a screen reader hears for a chart: its label, how many values, and the latest.
pub(super) fn summary(label: &str, unit: Unit, points: &[ChartPoint]) -> String {
    match points.last() {
        None => fl!(LOADER, "chart-summary-empty", label = label),
        Some(last) => fl!(
            LOADER,
            "chart-summary",
            label = label,
            count = points.len(),
            last = value_text(unit, last.y),
            when = x_text(&last.x)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::compact_duration;

    #[test]
    fn compact_durations() {
        assert_eq!(compact_duration(7200), "2 h");
        assert_eq!(compact_duration(5400), "1 h 30 min");
        assert_eq!(compact_duration(45), "45 s");
        assert_eq!(compact_duration(0), "0");
    }
}
