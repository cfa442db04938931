//! The Logs page's records: the filters checked (each bad one a field issue), the list
//! and the CSV export. Operators see only the records about their own clients, and never
//! audit records; administrators see everything.

mod csv_file;

use chrono::{DateTime, Utc};
use shared::common::Page;
use shared::events::{LogLevel, LogSource};
use shared::logs::{LogEntry, LogQuery};
use shared::text::TextEnum;

use super::{Actor, DomainError, FieldIssue, PageRequest};
use crate::db::logs::{LogFilter, NamedRecord};
use crate::db::{self, DbPool};

/// The most records one CSV export holds.
pub const CSV_MAX_ROWS: i64 = 100_000;

/// Checks the filters of `q`; every bad one is an issue of its own field.
pub fn check(q: &LogQuery) -> Result<LogFilter, Vec<FieldIssue>> {
    let mut issues = Vec::new();
    let levels = wire_list::<LogLevel>(&mut issues, "level", q.level.as_deref());
    let sources = wire_list::<LogSource>(&mut issues, "source", q.source.as_deref());
    let from = instant(&mut issues, "from", q.from.as_deref());
    let to = instant(&mut issues, "to", q.to.as_deref());
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            issues.push(FieldIssue::new("to", "before_start"));
        }
    }
    let text = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty());
    if text.is_some_and(|t| t.contains('\0')) {
        issues.push(FieldIssue::new("q", "invalid"));
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    Ok(LogFilter {
        levels,
        sources,
        client_id: q.client_id,
        job_id: q.job_id,
        run_id: q.run_id,
        user_id: q.user_id,
        from,
        to,
        q: text.map(str::to_owned),
        owner: None,
    })
}

/// The values of a comma list (`warning,error`); an unknown name is an issue.
fn wire_list<T: TextEnum + PartialEq>(
    issues: &mut Vec<FieldIssue>,
    field: &str,
    text: Option<&str>,
) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for name in text.unwrap_or_default().split(',').map(str::trim) {
        if name.is_empty() {
            continue;
        }
        match T::from_wire(name) {
            Some(v) if !out.contains(&v) => out.push(v),
            Some(_) => {}
            None => {
                issues.push(FieldIssue::new(field, "invalid"));
                return Vec::new();
            }
        }
    }
    out
}

/// An RFC 3339 instant; anything else is an issue.
fn instant(issues: &mut Vec<FieldIssue>, field: &str, text: Option<&str>) -> Option<DateTime<Utc>> {
    let text = text.map(str::trim).filter(|t| !t.is_empty())?;
    // A `+` left unencoded in a query string arrives as a space: `…T10:00:00 01:00`.
    let repaired = match text.len().checked_sub(6) {
        Some(at) if text.is_char_boundary(at) && text[at..].starts_with(' ') => {
            format!("{}+{}", &text[..at], &text[at + 1..])
        }
        _ => text.to_owned(),
    };
    match DateTime::parse_from_rfc3339(&repaired) {
        Ok(t) => Some(t.with_timezone(&Utc)),
        Err(_) => {
            issues.push(FieldIssue::new(field, "invalid"));
            None
        }
    }
}

/// The checked filters of `q` as `actor` may use them.
fn filter_for(actor: Actor, q: &LogQuery) -> Result<LogFilter, DomainError> {
    let mut f = check(q).map_err(DomainError::Validation)?;
    f.owner = actor.owner_filter();
    Ok(f)
}

fn entry(r: NamedRecord) -> LogEntry {
    LogEntry {
        record: r.record,
        client_name: r.client_name,
        job_name: r.job_name,
        username: r.username,
    }
}

/// One page of the records matching `q`, newest first.
pub async fn list(
    pool: &DbPool,
    actor: Actor,
    q: &LogQuery,
    page: PageRequest,
) -> Result<Page<LogEntry>, DomainError> {
    let f = filter_for(actor, q)?;
    let paging = page.paging();
    let mut c = db::conn(pool).await?;
    let (rows, total) = db::logs::list(&mut c, &f, paging).await?;
    Ok(Page {
        items: rows.into_iter().map(entry).collect(),
        total,
        page: paging.page,
        per_page: paging.per_page,
    })
}

/// The records matching `q` (at most [`CSV_MAX_ROWS`], newest first) as a CSV document
/// with a header row.
pub async fn export_csv(pool: &DbPool, actor: Actor, q: &LogQuery) -> Result<Vec<u8>, DomainError> {
    let f = filter_for(actor, q)?;
    let mut c = db::conn(pool).await?;
    let rows = db::logs::export(&mut c, &f, CSV_MAX_ROWS).await?;
    drop(c);
    let entries: Vec<LogEntry> = rows.into_iter().map(entry).collect();
    csv_file::document(&entries).map_err(|e| DomainError::Internal(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(q: LogQuery) -> Vec<(String, &'static str)> {
        match check(&q) {
            Ok(_) => Vec::new(),
            Err(issues) => issues.into_iter().map(|i| (i.field, i.code)).collect(),
        }
    }

    #[test]
    fn lists_and_instants_are_parsed() {
        let f = check(&LogQuery {
            level: Some("warning, error,warning".into()),
            source: Some("run,audit".into()),
            from: Some("2026-12-01T00:00:00+01:00".into()),
            to: Some("2026-12-02T00:00:00Z".into()),
            q: Some("  disk ".into()),
            job_id: Some(4),
            ..LogQuery::default()
        })
        .unwrap();
        assert_eq!(f.levels, vec![LogLevel::Warning, LogLevel::Error]);
        assert_eq!(f.sources, vec![LogSource::Engine, LogSource::Audit]);
        assert_eq!(f.from.unwrap().to_rfc3339(), "2026-11-30T23:00:00+00:00");
        assert_eq!(f.q.as_deref(), Some("disk"));
        assert_eq!(f.job_id, Some(4));
        let f = check(&LogQuery::default()).unwrap();
        assert!(f.levels.is_empty() && f.sources.is_empty() && f.q.is_none());
    }

    #[test]
    fn bad_filters_are_issues_of_their_fields() {
        let bad = codes(LogQuery {
            level: Some("warning,fatal".into()),
            source: Some("engine".into()),
            from: Some("yesterday".into()),
            to: Some("2026-12-02".into()),
            q: Some("a\0b".into()),
            ..LogQuery::default()
        });
        assert_eq!(
            bad,
            vec![
                ("level".to_owned(), "invalid"),
                ("source".to_owned(), "invalid"),
                ("from".to_owned(), "invalid"),
                ("to".to_owned(), "invalid"),
                ("q".to_owned(), "invalid"),
            ]
        );
        let reversed = codes(LogQuery {
            from: Some("2026-12-02T00:00:00Z".into()),
            to: Some("2026-12-01T00:00:00Z".into()),
            ..LogQuery::default()
        });
        assert_eq!(reversed, vec![("to".to_owned(), "before_start")]);
    }
}
