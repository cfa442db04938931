//! Queries of the Logs page on `log_records`: filtered, newest first, with the names of
//! the clients, jobs and users the records are about.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::events::{LogLevel, LogRecord, LogSource};

use super::paging::{contains_pattern, Paging};
use super::schema::{clients, jobs, log_records, users};
use super::{DbError, PgConn};

/// The filters of a log list, already checked by the domain layer.
#[derive(Debug, Clone, Default)]
pub struct LogFilter {
    /// Any of these levels (all when empty).
    pub levels: Vec<LogLevel>,
    /// Any of these sources (all when empty).
    pub sources: Vec<LogSource>,
    pub client_id: Option<i64>,
    pub job_id: Option<i64>,
    pub run_id: Option<i64>,
    pub user_id: Option<i64>,
    /// At or after.
    pub from: Option<DateTime<Utc>>,
    /// Before.
    pub to: Option<DateTime<Utc>>,
    /// Case-insensitive part of the code or the detail.
    pub q: Option<String>,
    /// Operators: only records about clients of this owner, and no audit records.
    pub owner: Option<i64>,
}

/// A log record and the names of its client, job and user.
#[derive(Debug, Clone)]
pub struct NamedRecord {
    pub record: LogRecord,
    pub client_name: Option<String>,
    pub job_name: Option<String>,
    pub username: Option<String>,
}

fn filtered(f: &LogFilter) -> log_records::BoxedQuery<'static, diesel::pg::Pg> {
    let mut q = log_records::table.into_boxed();
    if !f.levels.is_empty() {
        q = q.filter(log_records::level.eq_any(f.levels.clone()));
    }
    if !f.sources.is_empty() {
        q = q.filter(log_records::source.eq_any(f.sources.clone()));
    }
    if let Some(id) = f.client_id {
        q = q.filter(log_records::client_id.eq(id));
    }
    if let Some(id) = f.job_id {
        q = q.filter(log_records::job_id.eq(id));
    }
    if let Some(id) = f.run_id {
        q = q.filter(log_records::run_id.eq(id));
    }
    if let Some(id) = f.user_id {
        q = q.filter(log_records::user_id.eq(id));
    }
    if let Some(t) = f.from {
        q = q.filter(log_records::at.ge(t));
    }
    if let Some(t) = f.to {
        q = q.filter(log_records::at.lt(t));
    }
    if let Some(text) = f.q.as_deref().filter(|t| !t.is_empty()) {
        let pattern = contains_pattern(text);
        q = q.filter(
            log_records::code
                .ilike(pattern.clone())
                .or(log_records::detail.ilike(pattern)),
        );
    }
    if let Some(owner) = f.owner {
        let owned = clients::table
            .filter(clients::owner_id.eq(owner))
            .select(clients::id.nullable());
        q = q
            .filter(log_records::client_id.eq_any(owned))
            .filter(log_records::source.ne(LogSource::Audit));
    }
    q
}

/// One page of records, newest first, and how many match in all.
pub async fn list(
    c: &mut PgConn,
    f: &LogFilter,
    paging: Paging,
) -> Result<(Vec<NamedRecord>, i64), DbError> {
    let total = filtered(f).count().get_result(c).await?;
    let rows: Vec<LogRecord> = filtered(f)
        .order((log_records::at.desc(), log_records::id.desc()))
        .offset(paging.offset())
        .limit(paging.per_page)
        .select(log_records::all_columns)
        .load(c)
        .await?;
    Ok((named(c, rows).await?, total))
}

/// At most `limit` records, newest first (the CSV export).
pub async fn export(
    c: &mut PgConn,
    f: &LogFilter,
    limit: i64,
) -> Result<Vec<NamedRecord>, DbError> {
    let rows: Vec<LogRecord> = filtered(f)
        .order((log_records::at.desc(), log_records::id.desc()))
        .limit(limit)
        .select(log_records::all_columns)
        .load(c)
        .await?;
    named(c, rows).await
}

/// The records with the names of their clients, jobs and users (three lookups, however
/// many records).
async fn named(c: &mut PgConn, rows: Vec<LogRecord>) -> Result<Vec<NamedRecord>, DbError> {
    fn ids(rows: &[LogRecord], of: fn(&LogRecord) -> Option<i64>) -> Vec<i64> {
        let mut v: Vec<i64> = rows.iter().filter_map(of).collect();
        v.sort_unstable();
        v.dedup();
        v
    }
    let client_names: HashMap<i64, String> = clients::table
        .filter(clients::id.eq_any(ids(&rows, |r| r.client_id)))
        .select((clients::id, clients::name))
        .load::<(i64, String)>(c)
        .await?
        .into_iter()
        .collect();
    let job_names: HashMap<i64, String> = jobs::table
        .filter(jobs::id.eq_any(ids(&rows, |r| r.job_id)))
        .select((jobs::id, jobs::name))
        .load::<(i64, String)>(c)
        .await?
        .into_iter()
        .collect();
    let usernames: HashMap<i64, String> = users::table
        .filter(users::id.eq_any(ids(&rows, |r| r.user_id)))
        .select((users::id, users::username))
        .load::<(i64, String)>(c)
        .await?
        .into_iter()
        .collect();
    let name = |m: &HashMap<i64, String>, id: Option<i64>| id.and_then(|i| m.get(&i).cloned());
    Ok(rows
        .into_iter()
        .map(|record| NamedRecord {
            client_name: name(&client_names, record.client_id),
            job_name: name(&job_names, record.job_id),
            username: name(&usernames, record.user_id),
            record,
        })
        .collect())
}
