//! Writing log records with the columns the engine's records leave empty: the address a
//! request came from and structured data (audit records, daily task summaries).

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::events::{LogLevel, LogRecord, LogSource};

use super::schema::log_records;
use super::{DbError, PgConn};

/// A log record with data to store. Audit records name no client, job or run: they are
/// for administrators only (and must not hinder deleting what they talk about); the
/// object is in `data`.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = log_records)]
pub struct NewDataRecord<'a> {
    pub level: LogLevel,
    pub source: LogSource,
    pub code: &'a str,
    pub detail: &'a str,
    pub user_id: Option<i64>,
    pub address: Option<&'a str>,
    pub data: &'a serde_json::Value,
}

/// Stores a log record with its data.
pub async fn insert(c: &mut PgConn, r: &NewDataRecord<'_>) -> Result<LogRecord, DbError> {
    Ok(diesel::insert_into(log_records::table)
        .values(r)
        .returning(log_records::all_columns)
        .get_result(c)
        .await?)
}
