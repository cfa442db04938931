//! The notification outbox (`notifications`): rows are written in the transaction that
//! records what they tell; senders claim due rows and record each delivery attempt.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::auth::Language;
use shared::notifications::{Channel, NotificationEvent};

use super::schema::notifications;
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
