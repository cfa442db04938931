//! Durable events (for server-sent events with resume) and structured log records.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use shared::events::{LogLevel, LogRecord, LogSource};

use super::schema::{events, log_records};
use super::{DbError, PgConn};

/// A row of `events`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = events)]
pub struct EventRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub client_id: Option<i64>,
    pub owner_id: Option<i64>,
    pub payload: serde_json::Value,
}

/// Any constant: the advisory lock that makes event ids follow commit order.
const EVENTS_LOCK: i64 = 0x0e1b_e7e7;

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    id: i64,
}

/// Stores an event; returns its id. In a transaction, call it after the other writes of
/// that transaction. Its one statement takes a lock before the id is drawn and holds it
/// until the commit (at once outside a transaction), so that no event with a smaller id
/// commits later: the pump, reading `id > last`, would never see that one.
pub async fn insert<T: serde::Serialize + ?Sized>(
    c: &mut PgConn,
    client_id: Option<i64>,
    owner_id: Option<i64>,
    payload: &T,
) -> Result<i64, DbError> {
    use diesel::sql_types::{BigInt, Jsonb, Nullable};
    let payload = serde_json::to_value(payload)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    let row: Id = diesel::sql_query(
        "WITH locked AS (SELECT pg_advisory_xact_lock($1)) \
         INSERT INTO events (client_id, owner_id, payload) \
         SELECT $2, $3, $4 FROM locked RETURNING id",
    )
    .bind::<BigInt, _>(EVENTS_LOCK)
    .bind::<Nullable<BigInt>, _>(client_id)
    .bind::<Nullable<BigInt>, _>(owner_id)
    .bind::<Jsonb, _>(payload)
    .get_result(c)
    .await?;
    Ok(row.id)
}

/// One event of [`insert_many`]: its client, the owner who may see it, its payload.
pub type NewEvent = (Option<i64>, Option<i64>, serde_json::Value);

/// Stores events with one statement, their ids in the order given (the same lock as
/// [`insert`], so the same call order). Returns how many were stored.
pub async fn insert_many(c: &mut PgConn, events: Vec<NewEvent>) -> Result<usize, DbError> {
    use diesel::sql_types::{Array, BigInt, Jsonb, Nullable};
    if events.is_empty() {
        return Ok(0);
    }
    let mut clients = Vec::with_capacity(events.len());
    let mut owners = Vec::with_capacity(events.len());
    let mut payloads = Vec::with_capacity(events.len());
    for (client, owner, payload) in events {
        clients.push(client);
        owners.push(owner);
        payloads.push(payload);
    }
    Ok(diesel::sql_query(
        "WITH locked AS (SELECT pg_advisory_xact_lock($1)) \
         INSERT INTO events (client_id, owner_id, payload) \
         SELECT e.client_id, e.owner_id, e.payload FROM locked, \
                unnest($2::BIGINT[], $3::BIGINT[], $4::JSONB[]) WITH ORDINALITY \
                    AS e(client_id, owner_id, payload, n) \
          ORDER BY e.n",
    )
    .bind::<BigInt, _>(EVENTS_LOCK)
    .bind::<Array<Nullable<BigInt>>, _>(clients)
    .bind::<Array<Nullable<BigInt>>, _>(owners)
    .bind::<Array<Jsonb>, _>(payloads)
    .execute(c)
    .await?)
}

/// Events after `after`, oldest first, at most `limit`.
pub async fn since(c: &mut PgConn, after: i64, limit: i64) -> Result<Vec<EventRow>, DbError> {
    Ok(events::table
        .filter(events::id.gt(after))
        .order(events::id.asc())
        .limit(limit)
        .select(EventRow::as_select())
        .load(c)
        .await?)
}

/// The newest event id (0 when there is none).
pub async fn last_id(c: &mut PgConn) -> Result<i64, DbError> {
    Ok(events::table
        .select(diesel::dsl::max(events::id))
        .first::<Option<i64>>(c)
        .await?
        .unwrap_or(0))
}

/// Deletes events older than `before`.
pub async fn prune(c: &mut PgConn, before: DateTime<Utc>) -> Result<usize, DbError> {
    Ok(diesel::delete(events::table.filter(events::at.lt(before)))
        .execute(c)
        .await?)
}

/// A new log record.
#[derive(Debug, Clone, Copy, Default, Insertable)]
#[diesel(table_name = log_records)]
pub struct NewLogRecord<'a> {
    pub level: LogLevel,
    pub source: LogSource,
    pub code: &'a str,
    pub detail: &'a str,
    pub user_id: Option<i64>,
    pub client_id: Option<i64>,
    pub job_id: Option<i64>,
    pub run_id: Option<i64>,
}

/// Stores a log record.
pub async fn log(c: &mut PgConn, r: &NewLogRecord<'_>) -> Result<LogRecord, DbError> {
    Ok(diesel::insert_into(log_records::table)
        .values(r)
        .returning(log_records::all_columns)
        .get_result(c)
        .await?)
}

/// Stores log records with one statement; returns them in the order given.
pub async fn log_many(
    c: &mut PgConn,
    records: &[NewLogRecord<'_>],
) -> Result<Vec<LogRecord>, DbError> {
    if records.is_empty() {
        return Ok(Vec::new());
    }
    let mut rows: Vec<LogRecord> = diesel::insert_into(log_records::table)
        .values(records)
        .returning(log_records::all_columns)
        .get_results(c)
        .await?;
    // Ids follow the VALUES order; sorting by id makes the order explicit.
    rows.sort_by_key(|r| r.id);
    Ok(rows)
}

/// Log records of a run, oldest first.
pub async fn of_run(c: &mut PgConn, run_id: i64) -> Result<Vec<LogRecord>, DbError> {
    Ok(log_records::table
        .filter(log_records::run_id.eq(run_id))
        .order(log_records::id.asc())
        .select(log_records::all_columns)
        .load(c)
        .await?)
}
