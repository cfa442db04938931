//! Queues the notifications of a finished run in the transaction that records its result:
//! reads the job's settings and recipients, decides (see [`super::decide`]), writes the
//! outbox rows and the job's `notified_result`.

use chrono::{DateTime, Utc};
use shared::notifications::{Channel, NotificationEvent};
use shared::runs::RunKind;

use super::decide::{self, Candidate, Notified};
use super::render::RunFacts;
use crate::db::notifications::{self as outbox, NewNotification};
use crate::db::runs::{RunOutcome, RunRow};
use crate::db::{self, DbError, PgConn};

/// Queues the e-mails about `run`, finished with `outcome` at `finished_at`, on `c` (the
/// transaction that finishes the run). Returns how many rows were queued: wake the sender
/// after the commit when there are any. A run whose job is gone notifies nobody.
pub async fn queue_run(
    c: &mut PgConn,
    run: &RunRow,
    outcome: &RunOutcome,
    finished_at: DateTime<Utc>,
) -> Result<usize, DbError> {
    let Some(job) = db::jobs::find(c, run.job_id).await? else {
        return Ok(0);
    };
    let event = if run.kind == RunKind::Restore {
        decide::for_restore(outcome.result, job.notify_threshold)
    } else {
        let stored = outbox::notified_result_for_update(c, job.id).await?;
        let last = Notified::from_stored(stored.as_deref());
        let d = decide::for_backup(outcome.result, job.notify_threshold, job.notify_mode, last);
        if let Some(n) = d.notified.filter(|n| Some(*n) != last) {
            outbox::set_notified_result(c, job.id, n.as_str()).await?;
        }
        d.event
    };
    let Some(event) = event else {
        return Ok(0);
    };
    let client = db::clients::find(c, job.client_id).await?;
    let settings = db::settings::get(c).await?;
    let mut candidates = Vec::new();
    let user = |(id, address, language): outbox::MailUser| Candidate {
        address,
        user_id: Some(id),
        language,
    };
    if job.notify_admin {
        candidates.extend(outbox::admin_addresses(c).await?.into_iter().map(user));
    }
    if let Some(owner) = client.as_ref().and_then(|cl| cl.owner_id) {
        if job.notify_owner {
            candidates.extend(outbox::user_address(c, owner).await?.map(user));
        }
    }
    candidates.extend(job.notify_emails.iter().flatten().map(|a| Candidate {
        address: a.clone(),
        user_id: None,
        language: None,
    }));
    let facts = RunFacts {
        run_id: run.id,
        kind: run.kind,
        result: outcome.result,
        error_code: outcome.error_code,
        client: client.map(|cl| cl.name).unwrap_or_default(),
        job: job.name.clone(),
        started_at: run.started_at,
        finished_at,
        files: outcome.files_total,
        bytes: outcome.total_bytes,
        new_bytes: outcome.literal_bytes,
    };
    let payload = serde_json::to_value(&facts)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    let rows: Vec<NewNotification> = decide::recipients(candidates, settings.default_language)
        .into_iter()
        .map(|r| email_row(event, run.id, job.client_id, job.id, &payload, r))
        .collect();
    outbox::enqueue(c, &rows).await
}

fn email_row(
    event: NotificationEvent,
    run_id: i64,
    client_id: i64,
    job_id: i64,
    payload: &serde_json::Value,
    r: decide::Recipient,
) -> NewNotification {
    NewNotification {
        channel: Channel::Email,
        event,
        dedup_key: decide::email_key(run_id, &r.address),
        recipient: r.address,
        webhook_id: None,
        user_id: r.user_id,
        language: r.language,
        client_id: Some(client_id),
        job_id: Some(job_id),
        run_id: Some(run_id),
        payload: payload.clone(),
    }
}
