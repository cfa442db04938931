//! What the job page's charts show of a job's run history: which figure of a run each
//! chart draws, in which unit, and the chart points of the runs that have it. Pure: no
//! view, no request.

use shared::dashboard::RunPoint;

use crate::components::chart::{ChartPoint, ChartX, Unit};

/// A figure of a run that the job page charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// The snapshot's size (rsync's total size).
    Size,
    /// What the snapshot added (rsync's literal data).
    NewBytes,
    /// From start to finish.
    Duration,
    /// Files in the snapshot.
    Files,
}

impl Metric {
    /// The charts, in the order they appear.
    pub const ALL: [Metric; 4] = [
        Metric::Size,
        Metric::NewBytes,
        Metric::Duration,
        Metric::Files,
    ];

    /// The chart's name: `chart-<name>` on its `<svg>`.
    pub fn name(self) -> &'static str {
        match self {
            Metric::Size => "job-size",
            Metric::NewBytes => "job-new-bytes",
            Metric::Duration => "job-duration",
            Metric::Files => "job-files",
        }
    }

    pub fn unit(self) -> Unit {
        match self {
            Metric::Size | Metric::NewBytes => Unit::Bytes,
            Metric::Duration => Unit::Seconds,
            Metric::Files => Unit::Count,
        }
    }

    /// Bars for what each run adds or takes on its own; a line for what accumulates
    /// from run to run (size, files).
    pub fn bars(self) -> bool {
        matches!(self, Metric::NewBytes | Metric::Duration)
    }

    /// The run's figure; `None` when the run has none (no statistics, never started).
    pub fn value(self, run: &RunPoint) -> Option<i64> {
        match self {
            Metric::Size => run.bytes,
            Metric::NewBytes => run.new_bytes,
            Metric::Duration => run.duration_seconds,
            Metric::Files => run.files,
        }
    }
}

/// One point per run that has `metric`'s figure, in the runs' order (oldest first), at
/// the run's end, coloured by its result and linking to its page. Runs without the
/// figure are left out rather than drawn as zero, which would read as an empty backup.
pub fn points(runs: &[RunPoint], metric: Metric) -> Vec<ChartPoint> {
    runs.iter()
        .filter_map(|run| {
            let y = metric.value(run)?;
            Some(
                ChartPoint::new(ChartX::Time(run.finished_at), y)
                    .with_result(run.result)
                    .with_href(format!("/runs/{}", run.run_id)),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use shared::common::RunResult;

    use super::*;

    fn run(id: i64, result: RunResult, bytes: Option<i64>, seconds: Option<i64>) -> RunPoint {
        let finished_at =
            Utc.with_ymd_and_hms(2026, 12, 1, 3, 0, 0).unwrap() + chrono::Duration::days(id);
        RunPoint {
            run_id: id,
            started_at: seconds.map(|s| finished_at - chrono::Duration::seconds(s)),
            finished_at,
            result,
            duration_seconds: seconds,
            files: bytes.map(|b| b / 100),
            bytes,
            new_bytes: bytes.map(|b| b / 10),
        }
    }

    #[test]
    fn each_chart_reads_its_figure() {
        let r = run(1, RunResult::Ok, Some(5_000), Some(90));
        let values: Vec<Option<i64>> = Metric::ALL.iter().map(|m| m.value(&r)).collect();
        assert_eq!(values, [Some(5_000), Some(500), Some(90), Some(50)]);
        let names: Vec<&str> = Metric::ALL.iter().map(|m| m.name()).collect();
        assert_eq!(
            names,
            ["job-size", "job-new-bytes", "job-duration", "job-files"]
        );
        assert_eq!(Metric::Duration.unit(), Unit::Seconds);
        assert_eq!(Metric::Files.unit(), Unit::Count);
    }

    #[test]
    fn runs_without_the_figure_are_left_out() {
        let runs = [
            run(1, RunResult::Ok, Some(1_000), Some(60)),
            // Failed before rsync wrote its statistics, after a minute.
            run(2, RunResult::Failed, None, Some(60)),
            // Never started.
            run(3, RunResult::Aborted, None, None),
            run(4, RunResult::Warning, Some(3_000), Some(120)),
        ];
        let sizes = points(&runs, Metric::Size);
        assert_eq!(
            sizes.iter().map(|p| p.y).collect::<Vec<_>>(),
            [1_000, 3_000]
        );
        assert_eq!(
            sizes.iter().map(|p| p.result).collect::<Vec<_>>(),
            [Some(RunResult::Ok), Some(RunResult::Warning)]
        );
        assert_eq!(sizes[1].href.as_deref(), Some("/runs/4"));
        assert_eq!(sizes[1].x, ChartX::Time(runs[3].finished_at));
        let durations = points(&runs, Metric::Duration);
        assert_eq!(
            durations.iter().map(|p| p.y).collect::<Vec<_>>(),
            [60, 60, 120]
        );
        assert_eq!(durations[1].result, Some(RunResult::Failed));
    }
}
