//! The audit trail: who did what, from where. Every login, logout, token, catalog and
//! settings change, host-key acceptance, restore, download and abort writes one record
//! (source `audit`) with its event, visible to administrators only. Records of changes
//! are written in the transaction of the change, so neither exists without the other.
//!
//! The address is the peer address of the connection, never a forwarded header: without
//! a configured trusted proxy such headers are whatever the client chose to send.

pub mod diff;
pub mod objects;

pub use objects::{object, object_marked};

use std::net::IpAddr;

use serde::Serialize;
use serde_json::{Map, Value};
use shared::audit::AuditKind;
use shared::events::Event;

use super::{Actor, DomainError};
use crate::db::{self, DbError, PgConn};

/// Who acted and from where (no user for a failed login).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Who {
    pub user_id: Option<i64>,
    pub address: Option<IpAddr>,
}

impl From<Actor> for Who {
    fn from(a: Actor) -> Self {
        Who {
            user_id: Some(a.user_id),
            address: a.address,
        }
    }
}

/// What a record is about: its kind, id and name.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    pub kind: AuditKind,
    pub id: Option<i64>,
    pub name: &'a str,
}

impl<'a> Subject<'a> {
    /// An object of the catalog.
    pub fn new(kind: AuditKind, id: i64, name: &'a str) -> Self {
        Subject {
            kind,
            id: Some(id),
            name,
        }
    }

    /// `data`: `{"kind", "id", "name"}`.
    fn data(&self) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("kind".into(), self.kind.as_str().into());
        m.insert("id".into(), self.id.into());
        m.insert("name".into(), self.name.into());
        m
    }
}

/// A value as JSON, for [`diff::changes`].
pub fn json<T: Serialize + ?Sized>(v: &T) -> Result<Value, DomainError> {
    serde_json::to_value(v).map_err(|e| DomainError::Internal(e.to_string()))
}

/// The changed fields between two versions of an object (`None`: it did not exist).
pub fn changes_of<T: Serialize>(
    before: Option<&T>,
    after: Option<&T>,
) -> Result<Map<String, Value>, DomainError> {
    Ok(diff::changes(&json(&before)?, &json(&after)?))
}

/// Records a creation (`before` = `None`), update or deletion (`after` = `None`) of an
/// object, with its changed fields, on `c` (in the change's transaction).
pub async fn changed<T: Serialize>(
    c: &mut PgConn,
    actor: Actor,
    subject: Subject<'_>,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<(), DomainError> {
    let (b, a) = (before.map(json).transpose()?, after.map(json).transpose()?);
    changed_form(c, actor, subject, b, a, None).await
}

/// [`changed`] with the two versions as JSON already; `large` names a text field to mark
/// as changed without its value.
async fn changed_form(
    c: &mut PgConn,
    actor: Actor,
    subject: Subject<'_>,
    before: Option<Value>,
    after: Option<Value>,
    large: Option<&str>,
) -> Result<(), DomainError> {
    let code = match (&before, &after) {
        (None, _) => "created",
        (_, None) => "deleted",
        _ => "updated",
    };
    let null = Value::Null;
    let mut changes = diff::changes(
        before.as_ref().unwrap_or(&null),
        after.as_ref().unwrap_or(&null),
    );
    if let Some(field) = large {
        diff::mark_large_changed(&mut changes, field);
    }
    record(c, actor.into(), code, subject, Some(changes)).await?;
    Ok(())
}

/// Writes one audit record and its event (for administrators only: no client, no
/// owner) on `c`. `changes` goes into `data` beside the subject.
pub async fn record(
    c: &mut PgConn,
    who: Who,
    code: &str,
    subject: Subject<'_>,
    changes: Option<Map<String, Value>>,
) -> Result<(), DbError> {
    let mut data = subject.data();
    let fields = changes
        .as_ref()
        .map(|ch| ch.keys().cloned().collect::<Vec<_>>().join(", "));
    if let Some(ch) = changes {
        data.insert("changes".into(), Value::Object(ch));
    }
    record_data(c, who, code, &subject, data, fields.as_deref()).await
}

/// [`record`] with further facts in `data` beside the subject (a fingerprint, a path).
pub async fn record_with(
    c: &mut PgConn,
    who: Who,
    code: &str,
    subject: Subject<'_>,
    extra: Map<String, Value>,
) -> Result<(), DbError> {
    let mut data = subject.data();
    data.extend(extra);
    record_data(c, who, code, &subject, data, None).await
}

/// Writes the record with its `data` already built.
async fn record_data(
    c: &mut PgConn,
    who: Who,
    code: &str,
    subject: &Subject<'_>,
    data: Map<String, Value>,
    fields: Option<&str>,
) -> Result<(), DbError> {
    let address = who.address.map(|a| a.to_canonical().to_string());
    let detail = detail(code, subject, who, address.as_deref(), fields);
    let data = Value::Object(data);
    let new = db::audit::NewDataRecord {
        level: shared::events::LogLevel::Info,
        source: shared::events::LogSource::Audit,
        code,
        detail: &detail,
        user_id: who.user_id,
        address: address.as_deref(),
        data: &data,
    };
    let row = db::audit::insert(c, &new).await?;
    db::events::insert(c, None, None, &Event::Log { record: row }).await?;
    Ok(())
}

/// The record's technical detail (English): names of changed fields, never values.
fn detail(
    code: &str,
    s: &Subject<'_>,
    who: Who,
    address: Option<&str>,
    fields: Option<&str>,
) -> String {
    let mut d = format!("{code}: {} {:?}", s.kind.as_str(), s.name);
    if let Some(id) = s.id {
        d.push_str(&format!(" (#{id})"));
    }
    if let Some(u) = who.user_id {
        d.push_str(&format!(" by user #{u}"));
    }
    if let Some(a) = address {
        d.push_str(&format!(" from {a}"));
    }
    if let Some(f) = fields.filter(|f| !f.is_empty()) {
        d.push_str(&format!("; changed: {f}"));
    }
    d
}

/// Records an action that changes nothing in the database (a download), with further
/// facts in `data`, on a connection of `pool`; a failure is the caller's failure.
pub async fn action(
    pool: &db::DbPool,
    who: Who,
    code: &str,
    subject: Subject<'_>,
    extra: Map<String, Value>,
) -> Result<(), DomainError> {
    let mut c = db::conn(pool).await?;
    db::transaction(&mut c, async |t| {
        record_with(t, who, code, subject, extra).await
    })
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detail_names_fields_not_values() {
        let who = Who {
            user_id: Some(3),
            address: Some(IpAddr::from([127, 0, 0, 1])),
        };
        let d = detail(
            "updated",
            &Subject::new(AuditKind::Job, 7, "home"),
            who,
            Some("127.0.0.1"),
            Some("name, password"),
        );
        assert_eq!(
            d,
            "updated: job \"home\" (#7) by user #3 from 127.0.0.1; changed: name, password"
        );
    }
}
