//! The administrators' daily digest: once a day, at the configured time in the server's
//! time zone, one mail per administrator listing the last day's failed and warned
//! backups and the jobs that are late. It is queued in the outbox like any notification
//! (delivered, retried and shown in the history the same way), exactly once a day over
//! every server.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Utc};
use shared::common::RunResult;
use shared::notifications::{Channel, NotificationEvent};

use crate::db::digest::{self, DigestRun};
use crate::db::notifications::{admin_addresses, enqueue, NewNotification};
use crate::db::{self, DbPool};
use crate::notify::digest::DigestFacts;

/// The day whose digest is due at local time `now`, if any: today, once `at` has passed.
/// (Whether today's was queued already is the database's to say.)
pub fn due_day(now: NaiveDateTime, at: Option<NaiveTime>) -> Option<NaiveDate> {
    let at = at?;
    (now.time() >= at).then(|| now.date())
}

/// Splits troubled runs into failures (failed or aborted) and warnings.
pub fn split(runs: Vec<DigestRun>) -> (Vec<DigestRun>, Vec<DigestRun>) {
    runs.into_iter()
        .partition(|r| r.result != Some(RunResult::Warning))
}

/// Queues today's digest when it is due and no server has queued it yet. Returns how many
/// mails were queued.
pub async fn queue<Tz: TimeZone>(
    pool: &DbPool,
    tz: &Tz,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let mut c = db::conn(pool).await?;
    let settings = db::settings::get(&mut c).await?;
    let Some(day) = due_day(now.with_timezone(tz).naive_local(), settings.digest_time) else {
        return Ok(0);
    };
    let queued = db::transaction(&mut c, async |t| {
        if !digest::claim_day(t, day).await? {
            return Ok::<_, db::DbError>(0);
        }
        let (failures, warnings) = split(digest::troubled_runs(t, now - TimeDelta::days(1)).await?);
        let late = digest::late_jobs(t).await?;
        let facts = DigestFacts {
            day: day.to_string(),
            failures,
            warnings,
            late,
        };
        let payload = serde_json::to_value(&facts)
            .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
        let rows: Vec<NewNotification> = admin_addresses(t)
            .await?
            .into_iter()
            .map(|(user_id, address, language)| NewNotification {
                channel: Channel::Email,
                event: NotificationEvent::Digest,
                dedup_key: format!("digest:{day}:email:{address}"),
                recipient: address,
                webhook_id: None,
                user_id: Some(user_id),
                language: language.unwrap_or(settings.default_language),
                client_id: None,
                job_id: None,
                run_id: None,
                payload: payload.clone(),
            })
            .collect();
        enqueue(t, &rows).await
    })
    .await?;
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn the_digest_is_due_from_its_time_on_that_day() {
        let seven = NaiveTime::from_hms_opt(7, 0, 0);
        assert_eq!(due_day(at("2026-12-06 06:59"), seven), None);
        assert_eq!(
            due_day(at("2026-12-06 07:00"), seven),
            NaiveDate::from_ymd_opt(2026, 12, 6)
        );
        assert_eq!(
            due_day(at("2026-12-06 23:59"), seven),
            NaiveDate::from_ymd_opt(2026, 12, 6)
        );
        assert_eq!(due_day(at("2026-12-06 12:00"), None), None);
    }

    #[test]
    fn aborted_and_failed_runs_are_failures() {
        let run = |id, result| DigestRun {
            run_id: id,
            job_id: 1,
            job: "j".into(),
            client: "c".into(),
            result: Some(result),
            error_code: None,
            finished_at: None,
        };
        let (f, w) = split(vec![
            run(1, RunResult::Failed),
            run(2, RunResult::Warning),
            run(3, RunResult::Aborted),
        ]);
        assert_eq!(f.iter().map(|r| r.run_id).collect::<Vec<_>>(), [1, 3]);
        assert_eq!(w.iter().map(|r| r.run_id).collect::<Vec<_>>(), [2]);
    }
}
