//! The sender: a task of its own that claims due notifications (e-mails and webhook
//! posts) from the outbox, delivers them
//! outside any transaction, and records each attempt (sent, retried with exponential
//! backoff, or failed with an error-level log record). Several servers may run one each
//! on the same database: a row is claimed by one of them at a time.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use shared::events::{LogLevel, LogSource};
use shared::notifications::Channel;

use super::facts::Facts;
use super::mail::{self, DeliveryError};
use super::render::Context;
use super::webhook;
use crate::db::events::NewLogRecord;
use crate::db::notifications::{self as outbox, Attempt, NotificationRow};
use crate::db::settings::SettingsRow;
use crate::db::{self, DbError, DbPool};

/// How often the sender looks for due retries (and other servers' rows) unwoken.
pub const POLL: Duration = Duration::from_secs(30);
/// Attempts before a notification is given up.
pub const MAX_ATTEMPTS: i32 = 8;
/// How long a claim lasts: longer than a delivery may take (lettre's timeouts).
const LEASE: chrono::Duration = chrono::Duration::minutes(10);
/// Rows claimed at once.
const BATCH: i64 = 10;
/// Lines of the run's log a message quotes.
const LOG_LINES: usize = 20;

/// What the sender needs; cheap to clone.
#[derive(Clone)]
pub struct Sender {
    pub pool: DbPool,
    /// The server's identity in leases (the dispatcher's).
    pub owner: Arc<str>,
    /// Where runs' log files are (`<run id>.log`).
    pub logs_dir: PathBuf,
    /// The time zone messages show times in.
    pub tz: chrono_tz::Tz,
    /// Where failure log records are published.
    pub events: Arc<crate::events::Bus>,
    /// Woken after a commit that queued notifications.
    pub wake: Arc<tokio::sync::Notify>,
}

/// The wait before attempt `n + 1` after `n` failed ones: one minute doubled each time,
/// at most six hours.
pub fn backoff(failed_attempts: i32) -> chrono::Duration {
    let exp = u32::try_from(failed_attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(16);
    chrono::Duration::minutes(1_i64 << exp).min(chrono::Duration::hours(6))
}

/// What to record after a failed attempt: retry later, or give up (a permanent error, or
/// the last attempt).
pub fn after_failure(
    e: &DeliveryError,
    attempts_before: i32,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let attempts = attempts_before + 1;
    (!e.permanent && attempts < MAX_ATTEMPTS).then(|| now + backoff(attempts))
}

impl Sender {
    /// Delivers due notifications until the process ends: at once when woken, else every
    /// [`POLL`]. Errors (database away) are logged and retried on the next round.
    pub async fn run(self) {
        loop {
            if let Err(e) = self.send_due(Utc::now()).await {
                tracing::warn!("notification sender: {e}");
            }
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(POLL) => {}
            }
        }
    }

    /// Claims and delivers every notification due at `now`; returns how many attempts
    /// were made.
    pub async fn send_due(&self, now: DateTime<Utc>) -> Result<usize, DbError> {
        let mut done = 0;
        loop {
            let mut c = db::conn(&self.pool).await?;
            let mut claimed = Vec::new();
            for channel in [Channel::Email, Channel::Webhook] {
                let lease = now + LEASE;
                claimed
                    .extend(outbox::claim(&mut c, channel, &self.owner, now, lease, BATCH).await?);
            }
            if claimed.is_empty() {
                return Ok(done);
            }
            let settings = db::settings::get(&mut c).await?;
            drop(c);
            for row in claimed {
                self.deliver(&settings, row, now).await?;
                done += 1;
            }
        }
    }

    async fn deliver(
        &self,
        settings: &SettingsRow,
        row: NotificationRow,
        now: DateTime<Utc>,
    ) -> Result<(), DbError> {
        let sent = self.attempt(settings, &row).await;
        let mut c = db::conn(&self.pool).await?;
        let attempt = match &sent {
            Ok(reply) => Attempt::Sent {
                reply,
                at: Utc::now(),
            },
            Err(e) => match after_failure(e, row.attempts, now) {
                Some(next) => Attempt::Retry {
                    error: &e.message,
                    reply: None,
                    next,
                },
                None => Attempt::Failed {
                    error: &e.message,
                    reply: None,
                },
            },
        };
        // The attempt and, when it gives up, its log record commit together; nothing is
        // recorded when another sender took the row over meanwhile.
        let logged = db::transaction(&mut c, async |t| {
            let mine = outbox::record(t, row.id, &self.owner, &attempt).await?;
            let failed = match attempt {
                Attempt::Failed { error, .. } if mine => Some(error),
                _ => None,
            };
            if let Some(error) = failed {
                self.log_failure(t, &row, error).await?;
            }
            Ok::<_, DbError>(failed.is_some())
        })
        .await?;
        if logged {
            self.events.committed();
        }
        Ok(())
    }

    /// One delivery of `row` by its channel.
    async fn attempt(
        &self,
        settings: &SettingsRow,
        row: &NotificationRow,
    ) -> Result<String, DeliveryError> {
        let facts = Facts::of(row.event, &row.payload)
            .map_err(|e| DeliveryError::permanent(format!("unreadable notification: {e}")))?;
        if row.channel == Channel::Webhook {
            let mut c = db::conn(&self.pool)
                .await
                .map_err(|e| DeliveryError::transient(e.to_string()))?;
            let hook = match row.webhook_id {
                Some(id) => db::webhooks::find(&mut c, id)
                    .await
                    .map_err(|e| DeliveryError::transient(e.to_string()))?,
                None => None,
            };
            drop(c);
            let hook = hook.ok_or_else(|| DeliveryError::permanent("the webhook was deleted"))?;
            let body = facts.webhook_body(row.event, &settings.instance_url);
            return webhook::post(&hook.url, &hook.secret, &body).await;
        }
        let tail = match &facts {
            Facts::Run(f) => self.log_tail(f.run_id),
            _ => Vec::new(),
        };
        let ctx = Context {
            t: crate::i18n::translations(),
            lang: row.language,
            tz: self.tz,
            instance_url: &settings.instance_url,
            log_tail: &tail,
        };
        mail::send(settings, &row.recipient, &facts.message(&ctx, row.event)).await
    }

    /// The error-level record of a notification given up, with its event.
    async fn log_failure(
        &self,
        c: &mut db::PgConn,
        row: &NotificationRow,
        error: &str,
    ) -> Result<(), DbError> {
        let detail = format!(
            "{} notification {} to {} ({}) failed after {} attempts: {error}",
            row.channel,
            row.id,
            row.recipient,
            row.event,
            row.attempts + 1
        );
        let record = db::events::log(
            c,
            &NewLogRecord {
                level: LogLevel::Error,
                source: LogSource::Notification,
                code: "notification_failed",
                detail: &detail,
                client_id: row.client_id,
                job_id: row.job_id,
                run_id: row.run_id,
                ..Default::default()
            },
        )
        .await?;
        let owner = match row.client_id {
            Some(id) => db::clients::find(c, id).await?.and_then(|cl| cl.owner_id),
            None => None,
        };
        self.events.store_log(c, owner, record).await
    }

    /// The last lines of a run's log file (none when it is gone).
    fn log_tail(&self, run_id: i64) -> Vec<String> {
        let Ok(bytes) = std::fs::read(self.logs_dir.join(format!("{run_id}.log"))) else {
            return Vec::new();
        };
        let text = String::from_utf8_lossy(&bytes);
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(LOG_LINES)..]
            .iter()
            .map(|l| (*l).to_owned())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_six_hours() {
        let mins: Vec<i64> = (1..=10).map(|n| backoff(n).num_minutes()).collect();
        assert_eq!(mins, vec![1, 2, 4, 8, 16, 32, 64, 128, 256, 360]);
    }

    #[test]
    fn failures_retry_until_the_last_attempt_or_a_permanent_error() {
        let now = Utc::now();
        let transient = DeliveryError {
            permanent: false,
            message: "Connection refused".into(),
        };
        assert_eq!(after_failure(&transient, 0, now), Some(now + backoff(1)));
        assert_eq!(after_failure(&transient, 6, now), Some(now + backoff(7)));
        assert_eq!(after_failure(&transient, 7, now), None);
        let permanent = DeliveryError {
            permanent: true,
            ..transient
        };
        assert_eq!(after_failure(&permanent, 0, now), None);
    }
}
