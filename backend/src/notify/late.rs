//! Queues the notifications of a job that went late or is on time again, in the
//! transaction that records the transition: the job's recipients (as for its runs) and
//! the webhooks that want the event, once per late episode and recipient.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use shared::jobs::NotifyThreshold;
use shared::notifications::{Channel, NotificationEvent};

use super::decide::{self, Recipient};
use super::outbox::candidates;
use crate::db::jobs::JobRow;
use crate::db::notifications::{self as outbox, NewNotification};
use crate::db::{self, DbError, PgConn};

/// What a late (or on-time-again) notification tells (its outbox payload).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LateFacts {
    pub job_id: i64,
    pub client: String,
    pub job: String,
    /// When the job became late: its missed expected run plus the grace.
    pub late_since: DateTime<Utc>,
    pub grace_hours: i32,
}

/// The outbox key of one recipient's message about one late episode of a job.
pub fn late_key(job_id: i64, since: DateTime<Utc>, event: NotificationEvent, to: &str) -> String {
    format!(
        "{}:{job_id}:{}:{}",
        event.as_str(),
        since.timestamp(),
        to.to_lowercase()
    )
}

/// Queues the messages about `job` going late (`went_late`) or being on time again, for
/// the late episode that started at `since`. A job whose threshold is "none" tells
/// nobody. Returns how many rows were queued.
pub async fn queue_late(
    c: &mut PgConn,
    job: &JobRow,
    went_late: bool,
    since: DateTime<Utc>,
) -> Result<usize, DbError> {
    if job.notify_threshold == NotifyThreshold::None {
        return Ok(0);
    }
    let event = if went_late {
        NotificationEvent::JobLate
    } else {
        NotificationEvent::JobOnTime
    };
    let client = db::clients::find(c, job.client_id).await?;
    let settings = db::settings::get(c).await?;
    let owner = client.as_ref().and_then(|cl| cl.owner_id);
    let facts = LateFacts {
        job_id: job.id,
        client: client.map(|cl| cl.name).unwrap_or_default(),
        job: job.name.clone(),
        late_since: since,
        grace_hours: job.late_grace_hours,
    };
    let payload = serde_json::to_value(&facts)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    let row = |channel, key: String, r: Recipient, webhook_id| NewNotification {
        channel,
        event,
        dedup_key: key,
        recipient: r.address,
        webhook_id,
        user_id: r.user_id,
        language: r.language,
        client_id: Some(job.client_id),
        job_id: Some(job.id),
        run_id: None,
        payload: payload.clone(),
    };
    let mut rows: Vec<NewNotification> =
        decide::recipients(candidates(c, job, owner).await?, settings.default_language)
            .into_iter()
            .map(|r| {
                let key = late_key(job.id, since, event, &format!("email:{}", r.address));
                row(Channel::Email, key, r, None)
            })
            .collect();
    for hook in db::webhooks::wanting(c, event.as_str()).await? {
        let key = late_key(job.id, since, event, &format!("webhook:{}", hook.id));
        let r = Recipient {
            address: hook.url,
            user_id: None,
            language: settings.default_language,
        };
        rows.push(row(Channel::Webhook, key, r, Some(hook.id)));
    }
    outbox::enqueue(c, &rows).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_key_per_episode_event_and_recipient() {
        let since: DateTime<Utc> = "2026-12-06T10:00:00Z".parse().unwrap();
        let later: DateTime<Utc> = "2026-12-08T10:00:00Z".parse().unwrap();
        let k = |s, e, to| late_key(7, s, e, to);
        let late = k(since, NotificationEvent::JobLate, "email:Ana@x.org");
        assert_eq!(
            late,
            k(since, NotificationEvent::JobLate, "email:ana@x.org")
        );
        assert_ne!(
            late,
            k(since, NotificationEvent::JobOnTime, "email:ana@x.org")
        );
        assert_ne!(
            late,
            k(later, NotificationEvent::JobLate, "email:ana@x.org")
        );
        assert_ne!(late, k(since, NotificationEvent::JobLate, "webhook:3"));
    }
}
