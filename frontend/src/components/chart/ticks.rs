//! Axis ticks, without the DOM: round values for a value axis in the chart's unit (bytes
//! in powers of 1024, durations in seconds, minutes or hours, counts in powers of ten),
//! and calendar-aligned instants (hours, days, Mondays, first days of months) for a time
//! axis.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::Unit;

const HOUR: i64 = 3600;
const DAY: i64 = 24 * HOUR;

/// A round step of at least `raw`: 1, 2, 5 or 10 times a power of ten.
pub fn nice_step(raw: f64) -> f64 {
    if !raw.is_finite() || raw <= 0.0 {
        return 1.0;
    }
    let power = 10f64.powf(raw.log10().floor());
    let fraction = raw / power;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

/// Steps that read well on a clock (seconds of a minute, minutes of an hour).
const CLOCK_STEPS: [f64; 8] = [1.0, 2.0, 5.0, 10.0, 15.0, 20.0, 30.0, 60.0];

/// The step, in the chart's unit, between about `count` intervals from 0 to `max`.
fn value_step(unit: Unit, max: f64, count: usize) -> f64 {
    let count = count.max(1) as f64;
    match unit {
        Unit::Bytes => {
            // Round in the unit the labels use (KiB, MiB, GiB…), so they read "20 GiB".
            let mut base = 1.0;
            while base * 1024.0 <= max && base < 1024f64.powi(5) {
                base *= 1024.0;
            }
            let step = nice_step(max / base / count) * base;
            step.max(1.0)
        }
        Unit::Seconds => {
            let base = if max >= 2.0 * HOUR as f64 {
                HOUR as f64
            } else if max >= 120.0 {
                60.0
            } else {
                1.0
            };
            let raw = max / base / count;
            let step = if base < HOUR as f64 {
                CLOCK_STEPS
                    .iter()
                    .copied()
                    .find(|s| *s >= raw)
                    .unwrap_or(60.0)
            } else {
                nice_step(raw)
            };
            step * base
        }
        Unit::Count => nice_step(max / count).max(1.0),
    }
}

/// The ticks of a value axis that starts at zero and reaches at least `max`, with about
/// `count` intervals. A chart of sizes or durations starts at zero so that bars and
/// slopes are not exaggerated.
pub fn value_ticks(unit: Unit, max: f64, count: usize) -> Vec<f64> {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    let step = value_step(unit, max, count);
    let n = (max / step - 1e-9).ceil().max(1.0) as usize;
    (0..=n).map(|i| i as f64 * step).collect()
}

/// What a time axis' ticks fall on, which decides how they are labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeStep {
    /// Round hours: labelled with the time of day.
    Hours,
    /// Midnights, Mondays or first days of months: labelled with the date.
    Days,
}

/// Instants (Unix seconds) for a time axis over `[start, end]`: at most `max` of them,
/// on the roundest step that fits (hours, days, weeks starting on Monday, months).
pub fn time_ticks(start: i64, end: i64, max: usize) -> (Vec<i64>, TimeStep) {
    let max = max.max(2) as i64;
    if end <= start {
        return (vec![start], TimeStep::Days);
    }
    let span = end - start;
    // Fixed steps, with the offset that aligns them (the epoch was a Thursday: Mondays
    // are four days later).
    let fixed: [(i64, i64, TimeStep); 10] = [
        (HOUR, 0, TimeStep::Hours),
        (2 * HOUR, 0, TimeStep::Hours),
        (3 * HOUR, 0, TimeStep::Hours),
        (6 * HOUR, 0, TimeStep::Hours),
        (12 * HOUR, 0, TimeStep::Hours),
        (DAY, 0, TimeStep::Days),
        (2 * DAY, 0, TimeStep::Days),
        // Without it a fortnight of points gets a single weekly label.
        (3 * DAY, 0, TimeStep::Days),
        (7 * DAY, 4 * DAY, TimeStep::Days),
        (14 * DAY, 4 * DAY, TimeStep::Days),
    ];
    for (step, offset, kind) in fixed {
        if span / step < max {
            let first = (start - offset).div_euclid(step) * step + offset;
            let first = if first < start { first + step } else { first };
            let ticks = (0..)
                .map(|i| first + i * step)
                .take_while(|t| *t <= end)
                .collect();
            return (ticks, kind);
        }
    }
    for months in [1, 2, 3, 6, 12, 24, 60] {
        if span / (months * 30 * DAY) < max {
            return (month_ticks(start, end, months), TimeStep::Days);
        }
    }
    (vec![start, end], TimeStep::Days)
}

/// The first days of every `months`-th month (January first) inside `[start, end]`.
fn month_ticks(start: i64, end: i64, months: i64) -> Vec<i64> {
    let Some(from) = DateTime::<Utc>::from_timestamp(start, 0) else {
        return Vec::new();
    };
    let mut index = i64::from(from.year()) * 12 + i64::from(from.month0());
    index += (months - index.rem_euclid(months)) % months;
    let mut ticks = Vec::new();
    loop {
        let (year, month0) = (index.div_euclid(12), index.rem_euclid(12));
        let Some(t) = i32::try_from(year)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, u32::try_from(month0).ok()? + 1, 1))
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc().timestamp())
        else {
            break;
        };
        if t > end {
            break;
        }
        if t >= start {
            ticks.push(t);
        }
        index += months;
    }
    ticks
}

#[cfg(test)]
mod tests {
    use super::*;

    const GIB: f64 = 1024.0 * 1024.0 * 1024.0;

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(0.3), 0.5);
        assert_eq!(nice_step(11.25), 20.0);
        assert_eq!(nice_step(1.0), 1.0);
        assert_eq!(nice_step(430.0), 500.0);
        assert_eq!(nice_step(0.0), 1.0);
    }

    #[test]
    fn byte_ticks_are_round_in_their_unit() {
        let ticks = value_ticks(Unit::Bytes, 45.0 * GIB, 4);
        assert_eq!(ticks, vec![0.0, 20.0 * GIB, 40.0 * GIB, 60.0 * GIB]);
        assert_eq!(
            value_ticks(Unit::Bytes, 1000.0, 4),
            vec![0.0, 500.0, 1000.0]
        );
        // Nothing yet: still an axis.
        assert_eq!(value_ticks(Unit::Bytes, 0.0, 4), vec![0.0, 1.0]);
    }

    #[test]
    fn duration_ticks_follow_the_clock() {
        assert_eq!(
            value_ticks(Unit::Seconds, 50.0, 4),
            vec![0.0, 15.0, 30.0, 45.0, 60.0]
        );
        // 90 minutes: 30-minute steps.
        assert_eq!(
            value_ticks(Unit::Seconds, 5400.0, 4),
            vec![0.0, 1800.0, 3600.0, 5400.0]
        );
        let hours = value_ticks(Unit::Seconds, 9.0 * 3600.0, 4);
        assert_eq!(hours.last(), Some(&(10.0 * 3600.0)));
    }

    #[test]
    fn count_ticks_are_whole() {
        assert_eq!(value_ticks(Unit::Count, 3.0, 4), vec![0.0, 1.0, 2.0, 3.0]);
        assert_eq!(
            value_ticks(Unit::Count, 12_345.0, 4),
            vec![0.0, 5000.0, 10_000.0, 15_000.0]
        );
    }

    fn at(y: i32, m: u32, d: u32, h: u32) -> i64 {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .map(|d| d.and_utc().timestamp())
            .unwrap()
    }

    #[test]
    fn short_spans_tick_on_hours() {
        let (ticks, kind) = time_ticks(at(2026, 12, 6, 1) + 60, at(2026, 12, 6, 9), 5);
        assert_eq!(kind, TimeStep::Hours);
        assert_eq!(
            ticks,
            vec![
                at(2026, 12, 6, 2),
                at(2026, 12, 6, 4),
                at(2026, 12, 6, 6),
                at(2026, 12, 6, 8)
            ]
        );
    }

    #[test]
    fn a_month_ticks_on_mondays() {
        // 2026-11-06 is a Friday; the Mondays after it are the 9th, 16th, 23rd, 30th.
        let (ticks, kind) = time_ticks(at(2026, 11, 6, 0), at(2026, 12, 6, 0), 5);
        assert_eq!(kind, TimeStep::Days);
        assert_eq!(
            ticks,
            vec![
                at(2026, 11, 9, 0),
                at(2026, 11, 16, 0),
                at(2026, 11, 23, 0),
                at(2026, 11, 30, 0)
            ]
        );
    }

    #[test]
    fn a_year_ticks_on_first_days_of_months() {
        let (ticks, kind) = time_ticks(at(2025, 12, 6, 0), at(2026, 12, 6, 0), 5);
        assert_eq!(kind, TimeStep::Days);
        assert_eq!(
            ticks,
            vec![
                at(2026, 1, 1, 0),
                at(2026, 4, 1, 0),
                at(2026, 7, 1, 0),
                at(2026, 10, 1, 0)
            ]
        );
    }

    #[test]
    fn twelve_days_tick_every_third_day() {
        let (ticks, kind) = time_ticks(at(2026, 11, 24, 0), at(2026, 12, 6, 0), 5);
        assert_eq!(kind, TimeStep::Days);
        assert!((4..=5).contains(&ticks.len()), "{ticks:?}");
        assert!(ticks.windows(2).all(|w| w[1] - w[0] == 3 * DAY));
    }

    #[test]
    fn one_instant_is_one_tick() {
        assert_eq!(time_ticks(100, 100, 5), (vec![100], TimeStep::Days));
    }
}
