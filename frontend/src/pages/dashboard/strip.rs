//! A tile's 30-day strip: one small mark per finished run, placed by when it finished
//! over the days up to the board's time, coloured by result and shaped by it too (a
//! failure is a full-height mark, a success a short one), each with its date and result
//! as a tooltip.

use chrono::{DateTime, Duration, Utc};
use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::common::RunResult;
use shared::dashboard::{StripMark, STRIP_DAYS};

use crate::components::chart::result_class;
use crate::i18n::{self, LOADER};
use crate::labels;

/// Width of the strip's `viewBox` (it stretches to the tile).
pub const STRIP_WIDTH: f64 = 300.0;
/// Height of the strip's `viewBox`.
pub const STRIP_HEIGHT: f64 = 20.0;
/// Width of one mark.
// Wide enough to see on a phone's narrow tile, where the strip is squeezed.
const MARK_WIDTH: f64 = 7.0;

/// Left edge of the mark of a run that finished at `at`, on a strip covering the `days`
/// days up to `end`: the oldest instant at 0, `end` at the right edge (minus the mark's
/// width); runs outside the window are clamped to its edges.
pub fn mark_x(at: DateTime<Utc>, end: DateTime<Utc>, days: i64) -> f64 {
    let span = Duration::days(days.max(1)).num_seconds() as f64;
    let start = end - Duration::days(days.max(1));
    let share = ((at - start).num_seconds() as f64 / span).clamp(0.0, 1.0);
    let x = share * (STRIP_WIDTH - MARK_WIDTH);
    (x * 10.0).round() / 10.0
}

/// Height of a mark: failures stand out by shape as well as colour.
pub fn mark_height(result: RunResult) -> f64 {
    match result {
        RunResult::Failed | RunResult::Aborted => STRIP_HEIGHT,
        RunResult::Warning => STRIP_HEIGHT * 0.75,
        RunResult::Ok => STRIP_HEIGHT * 0.6,
    }
}

/// The strip of a tile whose board was computed at `end`.
pub fn strip(marks: Vec<StripMark>, end: DateTime<Utc>) -> impl IntoView {
    let failed = marks
        .iter()
        .filter(|m| matches!(m.result, RunResult::Failed | RunResult::Aborted))
        .count();
    let label = fl!(
        LOADER,
        "dashboard-strip",
        days = STRIP_DAYS,
        count = marks.len(),
        failed = failed
    );
    let marks = marks
        .into_iter()
        .map(|m| {
            let height = mark_height(m.result);
            let title = fl!(
                LOADER,
                "chart-point",
                x = i18n::format_time(&m.finished_at),
                value = labels::result_text(Some(m.result))
            );
            view! {
                <rect
                    class=format!("strip-mark {}", result_class(Some(m.result)))
                    data-testid="strip-mark"
                    data-run-id=m.run_id.to_string()
                    data-result=m.result.as_str()
                    x=mark_x(m.finished_at, end, STRIP_DAYS)
                    y=STRIP_HEIGHT - height
                    width=MARK_WIDTH
                    height=height
                >
                    <title>{title}</title>
                </rect>
            }
        })
        .collect_view();
    view! {
        <svg
            class="strip"
            data-testid="strip"
            viewBox=format!("0 0 {STRIP_WIDTH} {STRIP_HEIGHT}")
            preserveAspectRatio="none"
            width="100%"
            height="20"
            role="img"
            aria-label=label
        >
            <line class="strip-base" x1="0" x2=STRIP_WIDTH y1=STRIP_HEIGHT - 0.5 y2=STRIP_HEIGHT - 0.5></line>
            {marks}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn marks_are_placed_by_time() {
        let end = Utc.with_ymd_and_hms(2026, 12, 6, 12, 0, 0).unwrap();
        let right = STRIP_WIDTH - MARK_WIDTH;
        assert_eq!(mark_x(end, end, 30), right);
        assert_eq!(mark_x(end - Duration::days(30), end, 30), 0.0);
        assert_eq!(mark_x(end - Duration::days(15), end, 30), right / 2.0);
        // Outside the window: at its edges, never off the strip.
        assert_eq!(mark_x(end - Duration::days(40), end, 30), 0.0);
        assert_eq!(mark_x(end + Duration::hours(1), end, 30), right);
    }

    #[test]
    fn failures_are_tallest() {
        assert!(mark_height(RunResult::Failed) > mark_height(RunResult::Warning));
        assert!(mark_height(RunResult::Warning) > mark_height(RunResult::Ok));
        assert_eq!(mark_height(RunResult::Aborted), STRIP_HEIGHT);
    }
}
