//! Queues the notifications of a finished run in the transaction that records its result:
//! reads the job's settings and recipients, decides (see [`super::decide`]), writes the
//! outbox rows (e-mails, and posts to the webhooks that want the event) and the job's
//! `notified_result`.

use chrono::{DateTime, Utc};
use shared::notifications::{Channel, NotificationEvent};
use shared::runs::RunKind;

use super::decide::{self, Candidate, Notified, Recipient};
use super::render::RunFacts;
use crate::db::notifications::{self as outbox, NewNotification};
use crate::db::runs::{RunOutcome, RunRow};
use crate::db::{self, DbError, PgConn};

/// Queues the e-mails and webhook posts about `run`, finished with `outcome` at `finished_at`, on `c` (the
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
    let owner = client.as_ref().and_then(|cl| cl.owner_id);
    let candidates = candidates(c, &job, owner).await?;
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
    let mut rows: Vec<NewNotification> = decide::recipients(candidates, settings.default_language)
        .into_iter()
        .map(|r| email_row(event, run.id, job.client_id, job.id, &payload, r))
        .collect();
    // Webhooks that want the event (as the job's threshold and mode decided it).
    for hook in db::webhooks::wanting(c, event.as_str()).await? {
        let mut row = email_row(
            event,
            run.id,
            job.client_id,
            job.id,
            &payload,
            Recipient {
                address: hook.url,
                user_id: None,
                language: settings.default_language,
            },
        );
        row.channel = Channel::Webhook;
        row.dedup_key = format!("run:{}:webhook:{}", run.id, hook.id);
        row.webhook_id = Some(hook.id);
        rows.push(row);
    }
    outbox::enqueue(c, &rows).await
}

/// The job's possible recipients in order: administrators, the client's owner, the
/// further addresses.
pub(super) async fn candidates(
    c: &mut PgConn,
    job: &db::jobs::JobRow,
    owner: Option<i64>,
) -> Result<Vec<Candidate>, DbError> {
    let user = |(id, address, language): outbox::MailUser| Candidate {
        address,
        user_id: Some(id),
        language,
    };
    let mut out = Vec::new();
    if job.notify_admin {
        out.extend(outbox::admin_addresses(c).await?.into_iter().map(user));
    }
    if let Some(owner) = owner.filter(|_| job.notify_owner) {
        out.extend(outbox::user_address(c, owner).await?.map(user));
    }
    out.extend(job.notify_emails.iter().flatten().map(|a| Candidate {
        address: a.clone(),
        user_id: None,
        language: None,
    }));
    Ok(out)
}

/// The e-mail row to one recipient (the webhook rows start from it too).
fn email_row(
    event: NotificationEvent,
    run_id: i64,
    client_id: i64,
    job_id: i64,
    payload: &serde_json::Value,
    r: Recipient,
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
