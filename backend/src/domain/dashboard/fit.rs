//! The storage forecast: a least-squares line through a location's used bytes over the
//! last [`FIT_DAYS`] days, and the moment it reaches the location's size. Pure: samples
//! in, a [`Forecast`] out.

use chrono::{DateTime, TimeDelta, Utc};
use shared::dashboard::{Forecast, FIT_DAYS, MIN_FIT_DAYS};

/// A full date further away than this (about a century) is no forecast: the growth is too
/// slow to matter, and the date would not fit a timestamp. Reported as not growing.
pub const MAX_HORIZON_DAYS: i64 = 36_525;

const DAY_SECONDS: f64 = 86_400.0;

/// When `total_bytes` will be used, at the pace of a least-squares line through the
/// `samples` (time, used bytes) of the [`FIT_DAYS`] days up to `now`; older and later
/// samples are ignored. A line already past the total gives `now`.
pub fn forecast(
    samples: &[(DateTime<Utc>, i64)],
    total_bytes: i64,
    now: DateTime<Utc>,
) -> Forecast {
    let from = now - TimeDelta::days(FIT_DAYS);
    let window: Vec<(DateTime<Utc>, i64)> = samples
        .iter()
        .filter(|(at, _)| *at >= from && *at <= now)
        .copied()
        .collect();
    let (Some(first), Some(last)) = (
        window.iter().map(|s| s.0).min(),
        window.iter().map(|s| s.0).max(),
    ) else {
        return Forecast::NotEnoughData { days: 0.0 };
    };
    let days = seconds(last - first) / DAY_SECONDS;
    if days < MIN_FIT_DAYS as f64 {
        return Forecast::NotEnoughData { days };
    }
    // Offsets from the first sample keep the figures small: seconds within a month, and
    // bytes grown since, both exact in an f64 unless a month adds petabytes.
    let y0 = window.iter().find(|s| s.0 == first).map_or(0, |s| s.1);
    let points: Vec<(f64, f64)> = window
        .iter()
        .map(|(at, used)| (seconds(*at - first), (*used - y0) as f64))
        .collect();
    let line = Line::through(&points);
    let bytes_per_day = line.slope * DAY_SECONDS;
    if line.slope.is_nan() || line.slope <= 0.0 {
        return Forecast::NotGrowing { bytes_per_day };
    }
    let full_after_first = line.x_at((total_bytes - y0) as f64);
    let from_now = full_after_first - seconds(now - first);
    if from_now > (MAX_HORIZON_DAYS as f64) * DAY_SECONDS {
        return Forecast::NotGrowing { bytes_per_day };
    }
    // Within the horizon, so the rounded seconds fit an i64 and the date a timestamp.
    let at = TimeDelta::try_seconds(full_after_first.round() as i64)
        .and_then(|d| first.checked_add_signed(d))
        .map_or(now, |at| at.max(now));
    Forecast::Full { at, bytes_per_day }
}

fn seconds(d: TimeDelta) -> f64 {
    d.num_milliseconds() as f64 / 1000.0
}

/// `y = mean_y + slope · (x − mean_x)`, the least-squares line through some points.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Line {
    mean_x: f64,
    mean_y: f64,
    slope: f64,
}

impl Line {
    /// The line through `points` (at least one; two distinct x for a slope). Centred
    /// sums, taken after the means, avoid the cancellation of `n·Σxy − Σx·Σy`.
    fn through(points: &[(f64, f64)]) -> Line {
        let n = points.len().max(1) as f64;
        let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
        let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
        let (sxx, sxy) = points.iter().fold((0.0, 0.0), |(sxx, sxy), (x, y)| {
            let (dx, dy) = (x - mean_x, y - mean_y);
            (sxx + dx * dx, sxy + dx * dy)
        });
        let slope = if sxx > 0.0 { sxy / sxx } else { 0.0 };
        Line {
            mean_x,
            mean_y,
            slope,
        }
    }

    /// Where the line reaches `y` (the slope must not be 0).
    fn x_at(&self, y: f64) -> f64 {
        self.mean_x + (y - self.mean_y) / self.slope
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GB: i64 = 1_000_000_000;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    /// Hourly samples from `start` for `hours` hours, used bytes by `f(hour)`.
    fn hourly(start: &str, hours: i64, mut f: impl FnMut(i64) -> i64) -> Vec<(DateTime<Utc>, i64)> {
        let start = at(start);
        (0..=hours)
            .map(|h| (start + TimeDelta::hours(h), f(h)))
            .collect()
    }

    fn full_at(f: Forecast) -> (DateTime<Utc>, f64) {
        match f {
            Forecast::Full { at, bytes_per_day } => (at, bytes_per_day),
            other => panic!("expected a full date, got {other:?}"),
        }
    }

    #[test]
    fn a_straight_line_reaches_full_on_the_exact_second() {
        // 1 TB used, 1 GB more every hour, 2 TB in all: full 1000 hours after the start.
        let samples = hourly("2026-11-01T00:00:00Z", 240, |h| 1_000 * GB + h * GB);
        let (when, per_day) = full_at(forecast(&samples, 2_000 * GB, at("2026-11-11T00:00:00Z")));
        assert_eq!(when, at("2026-12-12T16:00:00Z"));
        assert!((per_day - 24.0 * GB as f64).abs() < 1.0, "{per_day}");
    }

    #[test]
    fn a_line_not_on_the_hour_is_exact_to_the_second_too() {
        // 7 bytes a second from 0: 7 GB take 10⁹ seconds.
        let start = at("2026-01-01T00:00:00Z");
        let samples: Vec<_> = (0..=10)
            .map(|d| {
                let t = d * 86_400 + 17;
                (start + TimeDelta::seconds(t), 7 * t)
            })
            .collect();
        let now = start + TimeDelta::days(10);
        let (when, _) = full_at(forecast(&samples, 7_000_000_000, now));
        assert_eq!(when, start + TimeDelta::seconds(1_000_000_000));
    }

    #[test]
    fn noise_around_a_line_gives_about_its_date() {
        // The same line as above with ±20 GB of scatter from a small LCG.
        let mut seed: u64 = 42;
        let samples = hourly("2026-11-01T00:00:00Z", 240, |h| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let noise = ((seed >> 33) % 40_001) as i64 - 20_000;
            1_000 * GB + h * GB + noise * 1_000_000
        });
        let (when, per_day) = full_at(forecast(&samples, 2_000 * GB, at("2026-11-11T00:00:00Z")));
        let off = (when - at("2026-12-12T16:00:00Z")).num_hours().abs();
        assert!(off <= 24, "{when} is {off} h off");
        assert!(
            (per_day / (24.0 * GB as f64) - 1.0).abs() < 0.05,
            "{per_day}"
        );
    }

    #[test]
    fn flat_and_shrinking_use_do_not_grow() {
        let now = at("2026-11-11T00:00:00Z");
        let flat = hourly("2026-11-01T00:00:00Z", 240, |_| 500 * GB);
        assert_eq!(
            forecast(&flat, 2_000 * GB, now),
            Forecast::NotGrowing { bytes_per_day: 0.0 }
        );
        let shrinking = hourly("2026-11-01T00:00:00Z", 240, |h| 900 * GB - h * GB);
        match forecast(&shrinking, 2_000 * GB, now) {
            Forecast::NotGrowing { bytes_per_day } => {
                assert!(
                    (bytes_per_day + 24.0 * GB as f64).abs() < 1.0,
                    "{bytes_per_day}"
                )
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn fewer_than_seven_days_are_not_enough() {
        let now = at("2026-11-08T00:00:00Z");
        // 6.9 days: 165.6 hours, sampled every 6 minutes.
        let start = at("2026-11-01T00:00:00Z");
        let short: Vec<_> = (0..=1656)
            .map(|i| (start + TimeDelta::minutes(6 * i), i * GB))
            .collect();
        match forecast(&short, 2_000 * GB, now) {
            Forecast::NotEnoughData { days } => assert!((days - 6.9).abs() < 1e-9, "{days}"),
            other => panic!("{other:?}"),
        }
        let one = [(at("2026-11-07T00:00:00Z"), 5 * GB)];
        assert_eq!(
            forecast(&one, 2_000 * GB, now),
            Forecast::NotEnoughData { days: 0.0 }
        );
        assert_eq!(
            forecast(&[], 2_000 * GB, now),
            Forecast::NotEnoughData { days: 0.0 }
        );
        // Exactly seven days are enough.
        let week = hourly("2026-11-01T00:00:00Z", 168, |h| h * GB);
        full_at(forecast(&week, 2_000 * GB, now));
    }

    #[test]
    fn huge_figures_keep_their_precision() {
        // 8 EB used of 9 EB, one PB more a day: full in exactly 1000 days.
        const PB: i64 = 1_000_000_000_000_000;
        let start = at("2026-01-01T00:00:00Z");
        let samples: Vec<_> = (0..=30)
            .map(|d| (start + TimeDelta::days(d), 8_000 * PB + d * PB))
            .collect();
        let now = start + TimeDelta::days(30);
        let (when, per_day) = full_at(forecast(&samples, 9_000 * PB, now));
        assert_eq!(when, start + TimeDelta::days(1_000));
        assert!((per_day / PB as f64 - 1.0).abs() < 1e-12, "{per_day}");
    }

    #[test]
    fn samples_older_than_thirty_days_or_in_the_future_are_ignored() {
        let now = at("2026-11-11T00:00:00Z");
        let recent = hourly("2026-11-01T00:00:00Z", 240, |h| 1_000 * GB + h * GB);
        let want = forecast(&recent, 2_000 * GB, now);
        // Older samples on a wildly different line, and one from a clock ahead.
        let mut all = hourly("2026-09-01T00:00:00Z", 24 * 40, |h| 1_900 * GB - h * GB);
        all.extend(recent);
        all.push((at("2026-11-20T00:00:00Z"), 0));
        assert_eq!(forecast(&all, 2_000 * GB, now), want);
        assert_eq!(full_at(want).0, at("2026-12-12T16:00:00Z"));
    }

    #[test]
    fn a_line_already_past_the_total_is_full_now() {
        let now = at("2026-11-11T00:00:00Z");
        // The line reaches 1 TB at hour 0; the last samples are above it.
        let samples = hourly("2026-11-01T00:00:00Z", 240, |h| 1_000 * GB + h * GB);
        assert_eq!(full_at(forecast(&samples, 1_100 * GB, now)).0, now);
    }

    #[test]
    fn growth_too_slow_for_a_century_does_not_grow() {
        let now = at("2026-11-11T00:00:00Z");
        // One byte a day on 1 TB free.
        let samples: Vec<_> = (0..=10)
            .map(|d| (at("2026-11-01T00:00:00Z") + TimeDelta::days(d), GB + d))
            .collect();
        match forecast(&samples, 1_000 * GB, now) {
            Forecast::NotGrowing { bytes_per_day } => {
                assert!((bytes_per_day - 1.0).abs() < 1e-6, "{bytes_per_day}")
            }
            other => panic!("{other:?}"),
        }
    }
}
