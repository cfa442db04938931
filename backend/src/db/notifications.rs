//! The notification outbox (`notifications`): rows are written in the transaction that
//! records what they tell; senders claim due rows and record each delivery attempt. Also
//! what deciding a job's notifications reads and writes: its recipients (administrators
//! and owners with an address) and the outcome it last notified.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::auth::Language;
use shared::notifications::{Channel, NotificationEvent, NotificationStatus};
use shared::Role;

use super::paging::Paging;
use super::schema::{clients, jobs, notifications, users};
use super::{DbError, PgConn};

/// A notification to queue.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = notifications)]
pub struct NewNotification {
    pub channel: Channel,
    pub event: NotificationEvent,
    /// Unique over all notifications: a second row with the same key is not written
    /// (`run:<run id>:<channel>:<recipient>`, `late:<job id>:<since>:…`).
    pub dedup_key: String,
    pub recipient: String,
    pub webhook_id: Option<i64>,
    pub user_id: Option<i64>,
    pub language: Language,
    pub client_id: Option<i64>,
    pub job_id: Option<i64>,
    pub run_id: Option<i64>,
    /// The facts the message is rendered from when it is sent.
    pub payload: serde_json::Value,
}

/// Queues notifications, skipping any whose `dedup_key` exists; returns how many were
/// queued. Call it in the transaction that records what they tell.
pub async fn enqueue(c: &mut PgConn, rows: &[NewNotification]) -> Result<usize, DbError> {
    if rows.is_empty() {
        return Ok(0);
    }
    Ok(diesel::insert_into(notifications::table)
        .values(rows)
        .on_conflict(notifications::dedup_key)
        .do_nothing()
        .execute(c)
        .await?)
}

/// A row of `notifications`.
#[derive(Debug, Clone, Queryable, QueryableByName, Selectable)]
#[diesel(table_name = notifications)]
pub struct NotificationRow {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub channel: Channel,
    pub event: NotificationEvent,
    pub dedup_key: String,
    pub recipient: String,
    pub webhook_id: Option<i64>,
    pub user_id: Option<i64>,
    pub language: Language,
    pub client_id: Option<i64>,
    pub job_id: Option<i64>,
    pub run_id: Option<i64>,
    pub payload: serde_json::Value,
    pub status: NotificationStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub last_reply: Option<String>,
    pub lease_owner: Option<String>,
    pub lease_until: Option<DateTime<Utc>>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// Claims up to `limit` due rows of `channel` for `owner` until `lease_until`: pending
/// rows whose attempt is due, and rows another sender left `sending` past its lease.
/// `FOR UPDATE SKIP LOCKED` lets concurrent senders (other servers) claim other rows at
/// once; the update in the same statement makes the claim visible to them.
pub async fn claim(
    c: &mut PgConn,
    channel: Channel,
    owner: &str,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<NotificationRow>, DbError> {
    use diesel::sql_types::{BigInt, Text, Timestamptz};
    Ok(diesel::sql_query(
        "UPDATE notifications SET status = 'sending', lease_owner = $1, lease_until = $2, \
             updated_at = now() \
         WHERE id IN (SELECT id FROM notifications \
             WHERE channel = $3 AND next_attempt_at <= $4 \
               AND (status = 'pending' OR (status = 'sending' AND lease_until < $4)) \
             ORDER BY next_attempt_at, id LIMIT $5 FOR UPDATE SKIP LOCKED) \
         RETURNING *",
    )
    .bind::<Text, _>(owner)
    .bind::<Timestamptz, _>(lease_until)
    .bind::<Text, _>(channel.as_str())
    .bind::<Timestamptz, _>(now)
    .bind::<BigInt, _>(limit)
    .load(c)
    .await?)
}

/// What became of one delivery attempt.
#[derive(Debug, Clone)]
pub enum Attempt<'a> {
    /// Delivered; the server's reply.
    Sent { reply: &'a str, at: DateTime<Utc> },
    /// Failed; tried again at `next`.
    Retry {
        error: &'a str,
        reply: Option<&'a str>,
        next: DateTime<Utc>,
    },
    /// Failed for good.
    Failed {
        error: &'a str,
        reply: Option<&'a str>,
    },
}

/// Records an attempt on a row `owner` holds; false when it no longer holds it (its lease
/// ran out and another sender took the row), so that a late answer changes nothing.
pub async fn record(
    c: &mut PgConn,
    id: i64,
    owner: &str,
    attempt: &Attempt<'_>,
) -> Result<bool, DbError> {
    use notifications as n;
    let mine = n::table
        .filter(n::id.eq(id))
        .filter(n::status.eq(NotificationStatus::Sending))
        .filter(n::lease_owner.eq(owner));
    let common = (
        n::attempts.eq(n::attempts + 1),
        n::lease_owner.eq(None::<String>),
        n::lease_until.eq(None::<DateTime<Utc>>),
        n::updated_at.eq(diesel::dsl::now),
    );
    let q = diesel::update(mine);
    let changed = match *attempt {
        Attempt::Sent { reply, at } => {
            q.set((
                common,
                n::status.eq(NotificationStatus::Sent),
                n::last_reply.eq(reply),
                n::sent_at.eq(at),
            ))
            .execute(c)
            .await?
        }
        Attempt::Retry { error, reply, next } => {
            q.set((
                common,
                n::status.eq(NotificationStatus::Pending),
                n::last_error.eq(error),
                n::last_reply.eq(reply),
                n::next_attempt_at.eq(next),
            ))
            .execute(c)
            .await?
        }
        Attempt::Failed { error, reply } => {
            q.set((
                common,
                n::status.eq(NotificationStatus::Failed),
                n::last_error.eq(error),
                n::last_reply.eq(reply),
            ))
            .execute(c)
            .await?
        }
    };
    Ok(changed == 1)
}

/// History filters.
#[derive(Debug, Clone, Copy, Default)]
pub struct NotificationFilter {
    pub status: Option<NotificationStatus>,
    pub job_id: Option<i64>,
    pub channel: Option<Channel>,
}

/// A history row with its client's and job's names (gone when they were deleted).
pub type Listed = (NotificationRow, Option<String>, Option<String>);

/// One page of the history, newest first, with the total.
pub async fn list(
    c: &mut PgConn,
    f: NotificationFilter,
    paging: Paging,
) -> Result<(Vec<Listed>, i64), DbError> {
    let filtered = || {
        let mut q = notifications::table.into_boxed();
        if let Some(s) = f.status {
            q = q.filter(notifications::status.eq(s));
        }
        if let Some(j) = f.job_id {
            q = q.filter(notifications::job_id.eq(j));
        }
        if let Some(ch) = f.channel {
            q = q.filter(notifications::channel.eq(ch));
        }
        q
    };
    let total = filtered().count().get_result(c).await?;
    let ids: Vec<i64> = filtered()
        .order((notifications::created_at.desc(), notifications::id.desc()))
        .offset(paging.offset())
        .limit(paging.per_page)
        .select(notifications::id)
        .load(c)
        .await?;
    let rows = notifications::table
        .left_join(clients::table)
        .left_join(jobs::table)
        .filter(notifications::id.eq_any(&ids))
        .order((notifications::created_at.desc(), notifications::id.desc()))
        .select((
            NotificationRow::as_select(),
            clients::name.nullable(),
            jobs::name.nullable(),
        ))
        .load(c)
        .await?;
    Ok((rows, total))
}

/// One notification.
pub async fn find(c: &mut PgConn, id: i64) -> Result<Option<NotificationRow>, DbError> {
    Ok(notifications::table
        .find(id)
        .select(NotificationRow::as_select())
        .first(c)
        .await
        .optional()?)
}

/// A user who may receive mail: id, address, saved language.
pub type MailUser = (i64, String, Option<Language>);

/// Active administrators with an e-mail address, by id.
pub async fn admin_addresses(c: &mut PgConn) -> Result<Vec<MailUser>, DbError> {
    let rows: Vec<(i64, Option<String>, Option<Language>)> = users::table
        .filter(users::role.eq(Role::Admin))
        .filter(users::active.eq(true))
        .filter(users::email.is_not_null())
        .order(users::id)
        .select((users::id, users::email, users::language))
        .load(c)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, e, l)| Some((id, e?, l)))
        .collect())
}

/// An active user's address and language, if they have an address.
pub async fn user_address(c: &mut PgConn, id: i64) -> Result<Option<MailUser>, DbError> {
    let row: Option<(i64, Option<String>, Option<Language>)> = users::table
        .filter(users::id.eq(id))
        .filter(users::active.eq(true))
        .select((users::id, users::email, users::language))
        .first(c)
        .await
        .optional()?;
    Ok(row.and_then(|(id, e, l)| Some((id, e?, l))))
}

/// The outcome a job last notified (`jobs.notified_result`), its row locked until the
/// end of the transaction so that two runs of the job finishing at once decide in turn.
pub async fn notified_result_for_update(
    c: &mut PgConn,
    job_id: i64,
) -> Result<Option<String>, DbError> {
    Ok(jobs::table
        .find(job_id)
        .select(jobs::notified_result)
        .for_update()
        .first::<Option<String>>(c)
        .await
        .optional()?
        .flatten())
}

/// Sets the outcome a job last notified.
pub async fn set_notified_result(c: &mut PgConn, job_id: i64, value: &str) -> Result<(), DbError> {
    diesel::update(jobs::table.find(job_id))
        .set(jobs::notified_result.eq(value))
        .execute(c)
        .await?;
    Ok(())
}
