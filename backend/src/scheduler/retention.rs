//! The daily retention task, run by the ticking server once a day over all servers: it
//! deletes log records (audit records excepted), events, finished notifications and run
//! log files older than `log_retention_days`, and audit records older than
//! `audit_retention_days`; a setting of none keeps everything. It writes one `system`
//! record of what it removed.

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;
use shared::events::{Event, LogLevel, LogSource};

use crate::db::{self, DbPool, PgConn};
use crate::engine::runner::Engine;

/// What one day's task removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Removed {
    /// Log records of every source but `audit`.
    pub log_records: usize,
    pub audit_records: usize,
    pub events: usize,
    /// Notifications sent or given up.
    pub notifications: usize,
    pub run_logs: usize,
}

/// The instant before which a retention of `days` deletes; `None` (keep forever) for none.
pub fn cut(now: DateTime<Utc>, days: Option<i32>) -> Option<DateTime<Utc>> {
    days.map(|d| now - TimeDelta::days(i64::from(d)))
}

/// Whether a run's log file goes. `run` is `None` when no such run exists (deleted with
/// its job: then the file's age counts), `Some(None)` while it is unfinished (never), and
/// `Some(Some(at))` when it finished at `at`.
pub fn log_doomed(
    run: Option<Option<DateTime<Utc>>>,
    modified: DateTime<Utc>,
    cut: DateTime<Utc>,
) -> bool {
    match run {
        None => modified < cut,
        Some(None) => false,
        Some(Some(finished)) => finished < cut,
    }
}

/// The run log files in `dir`: run id, path, last modification.
fn run_log_files(dir: &Path) -> Vec<(i64, PathBuf, DateTime<Utc>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name();
            let id = name.to_str()?.strip_suffix(".log")?.parse().ok()?;
            let modified = e.metadata().ok()?.modified().ok()?;
            Some((id, e.path(), DateTime::<Utc>::from(modified)))
        })
        .collect()
}

/// Deletes the log files in `dir` of runs finished before `cut` (and of runs that no
/// longer exist, by the file's age); returns how many went.
async fn delete_run_logs(c: &mut PgConn, dir: &Path, cut: DateTime<Utc>) -> anyhow::Result<usize> {
    let owned = dir.to_owned();
    let files = tokio::task::spawn_blocking(move || run_log_files(&owned)).await?;
    let ids: Vec<i64> = files.iter().map(|f| f.0).collect();
    let ends: std::collections::HashMap<i64, Option<DateTime<Utc>>> =
        db::retention::run_ends(c, &ids)
            .await?
            .into_iter()
            .collect();
    let doomed: Vec<PathBuf> = files
        .into_iter()
        .filter(|(id, _, modified)| log_doomed(ends.get(id).copied(), *modified, cut))
        .map(|f| f.1)
        .collect();
    let removed = tokio::task::spawn_blocking(move || {
        doomed
            .iter()
            .filter(|p| std::fs::remove_file(p).is_ok())
            .count()
    })
    .await?;
    Ok(removed)
}

/// Runs the task for the day of `now` unless a server already did today: deletes what is
/// older than the settings keep (the run log files in `run_logs`) and records what it
/// removed. `None` when today's run had been done.
pub async fn run(
    pool: &DbPool,
    run_logs: &Path,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Removed>> {
    let mut c = db::conn(pool).await?;
    // The claim, the deletions and the summary commit together: a failed run is retried
    // by the next tick. Files cannot roll back; deleting them again is harmless.
    db::transaction(&mut c, async |t| {
        if !db::retention::claim_day(t, now.date_naive()).await? {
            return Ok(None);
        }
        let settings = db::settings::get(t).await?;
        let mut removed = Removed::default();
        if let Some(cut) = cut(now, settings.log_retention_days) {
            removed.log_records = db::retention::delete_log_records(t, cut, false).await?;
            removed.events = db::events::prune(t, cut).await?;
            removed.notifications = db::retention::delete_notifications(t, cut).await?;
            removed.run_logs = delete_run_logs(t, run_logs, cut).await?;
        }
        if let Some(cut) = cut(now, settings.audit_retention_days) {
            removed.audit_records = db::retention::delete_log_records(t, cut, true).await?;
        }
        summary(t, &removed, &settings).await?;
        Ok(Some(removed))
    })
    .await
}

/// The day's `system` record of what was removed, and its event (administrators only).
async fn summary(
    c: &mut PgConn,
    removed: &Removed,
    settings: &db::settings::SettingsRow,
) -> anyhow::Result<()> {
    let detail = format!(
        "retention: removed {} log records, {} audit records, {} events, {} notifications, \
         {} run log files (keeping logs {}, audit records {})",
        removed.log_records,
        removed.audit_records,
        removed.events,
        removed.notifications,
        removed.run_logs,
        days(settings.log_retention_days),
        days(settings.audit_retention_days),
    );
    let mut data = serde_json::to_value(removed)?;
    if let Some(m) = data.as_object_mut() {
        m.insert(
            "log_retention_days".into(),
            settings.log_retention_days.into(),
        );
        m.insert(
            "audit_retention_days".into(),
            settings.audit_retention_days.into(),
        );
    }
    let record = db::audit::NewDataRecord {
        level: LogLevel::Info,
        source: LogSource::System,
        code: "retention",
        detail: &detail,
        user_id: None,
        address: None,
        data: &data,
    };
    let row = db::audit::insert(c, &record).await?;
    db::events::insert(c, None, None, &Event::Log { record: row }).await?;
    Ok(())
}

fn days(d: Option<i32>) -> String {
    d.map_or_else(|| "forever".to_owned(), |d| format!("{d} days"))
}

/// The task as the tick runs it: once a day, failures logged (the next tick retries).
pub async fn daily(engine: &Engine, now: DateTime<Utc>) {
    match run(&engine.pool, &engine.run_logs_dir(), now).await {
        Ok(Some(r)) => tracing::info!(?r, "retention done"),
        Ok(None) => {}
        Err(e) => tracing::error!("retention failed: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn cut_is_days_before_now_and_none_keeps_all() {
        let now = at("2026-12-06T03:00:00Z");
        assert_eq!(cut(now, Some(30)), Some(at("2026-11-06T03:00:00Z")));
        assert_eq!(cut(now, None), None);
    }

    #[test]
    fn run_logs_go_by_finish_time_never_while_unfinished() {
        let cut = at("2026-11-06T00:00:00Z");
        let (old, new) = (at("2026-11-05T23:59:59Z"), at("2026-11-06T00:00:01Z"));
        assert!(log_doomed(Some(Some(old)), new, cut));
        assert!(!log_doomed(Some(Some(new)), old, cut));
        assert!(!log_doomed(Some(None), old, cut), "unfinished: kept");
        assert!(log_doomed(None, old, cut), "orphan: by its age");
        assert!(!log_doomed(None, new, cut));
    }
}
