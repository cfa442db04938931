//! The catalog objects the audit trail records changes of, and what of each it compares:
//! what a user can set (the input form), not what the server computes (sizes, states).

use serde_json::{json, Value};
use shared::clients::Client;
use shared::jobs::Job;
use shared::locations::Location;
use shared::policies::Policy;
use shared::scripts::Script;

use super::{changed_form, json, Subject};
use crate::db::PgConn;
use crate::domain::{Actor, DomainError};

/// An object of the catalog as the audit trail sees it.
pub trait Audited {
    /// `client`, `job`, …
    const KIND: &'static str;
    /// The object's id and name.
    fn id_name(&self) -> (i64, &str);
    /// The fields a user sets, compared before and after a change.
    fn form(&self) -> Result<Value, DomainError>;
}

impl Audited for Client {
    const KIND: &'static str = "client";
    fn id_name(&self) -> (i64, &str) {
        (self.id, &self.name)
    }
    fn form(&self) -> Result<Value, DomainError> {
        json(&crate::domain::clients::input_of(self))
    }
}

impl Audited for Job {
    const KIND: &'static str = "job";
    fn id_name(&self) -> (i64, &str) {
        (self.id, &self.name)
    }
    fn form(&self) -> Result<Value, DomainError> {
        json(&crate::domain::jobs::input_of(self))
    }
}

impl Audited for Policy {
    const KIND: &'static str = "policy";
    fn id_name(&self) -> (i64, &str) {
        (self.id, &self.name)
    }
    fn form(&self) -> Result<Value, DomainError> {
        Ok(json!({
            "name": self.name,
            "description": self.description,
            "include": self.include,
            "exclude": self.exclude,
            "schedule": json(&self.schedule)?,
        }))
    }
}

impl Audited for Location {
    const KIND: &'static str = "location";
    fn id_name(&self) -> (i64, &str) {
        (self.id, &self.name)
    }
    fn form(&self) -> Result<Value, DomainError> {
        Ok(json!({
            "name": self.name,
            "directory": self.directory,
            "max_parallel_jobs": self.max_parallel_jobs,
            "active": self.active,
        }))
    }
}

impl Audited for Script {
    const KIND: &'static str = "script";
    fn id_name(&self) -> (i64, &str) {
        (self.id, &self.name)
    }
    // The content is not compared here (nor ever copied): see `object_marked`.
    fn form(&self) -> Result<Value, DomainError> {
        Ok(json!({
            "name": self.name,
            "description": self.description,
            "uses": json(&self.uses)?,
        }))
    }
}

/// Records the creation (`before` = `None`), update or deletion (`after` = `None`) of a
/// catalog object on `c`, in the change's transaction.
pub async fn object<T: Audited>(
    c: &mut PgConn,
    actor: Actor,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<(), DomainError> {
    object_marked(c, actor, before, after, None).await
}

/// [`object`], also marking `large` (a text never copied, such as a script's content)
/// as changed.
pub async fn object_marked<T: Audited>(
    c: &mut PgConn,
    actor: Actor,
    before: Option<&T>,
    after: Option<&T>,
    large: Option<&str>,
) -> Result<(), DomainError> {
    let (id, name) = after
        .or(before)
        .map(Audited::id_name)
        .ok_or_else(|| DomainError::Internal("audit of nothing".into()))?;
    let form = |o: Option<&T>| o.map(Audited::form).transpose();
    let subject = Subject::new(T::KIND, id, name);
    changed_form(c, actor, subject, form(before)?, form(after)?, large).await
}
