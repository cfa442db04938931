//! The catalog objects the audit trail records changes of, and what of each it compares:
//! what a user can set (the input form), not what the server computes (sizes, states).

use serde_json::{json, Value};
use shared::audit::AuditKind;
use shared::clients::Client;
use shared::jobs::Job;
use shared::locations::{Location, LocationInput};
use shared::policies::{Policy, PolicyInput};
use shared::scripts::Script;

use super::{changed_form, json, Subject};
use crate::db::PgConn;
use crate::domain::{Actor, DomainError};

/// An object of the catalog as the audit trail sees it.
pub trait Audited {
    /// What kind of object it is.
    const KIND: AuditKind;
    /// The object's id and name.
    fn id_name(&self) -> (i64, &str);
    /// The fields a user sets, compared before and after a change.
    fn form(&self) -> Result<Value, DomainError>;
}

impl Audited for Client {
    const KIND: AuditKind = AuditKind::Client;
    fn id_name(&self) -> (i64, &str) {
        (self.id, &self.name)
    }
    fn form(&self) -> Result<Value, DomainError> {
        pick(
            self,
            &[
                "name",
                "description",
                "connection",
                "active",
                "owner",
                "quota_bytes",
                "max_parallel_jobs",
                "ssh_options",
                "rsync_options",
                "pre_scripts",
                "post_scripts",
            ],
        )
    }
}

impl Audited for Job {
    const KIND: AuditKind = AuditKind::Job;
    fn id_name(&self) -> (i64, &str) {
        (self.id, &self.name)
    }
    fn form(&self) -> Result<Value, DomainError> {
        pick(
            self,
            &[
                "client",
                "name",
                "description",
                "source_path",
                "policy",
                "location",
                "include",
                "exclude",
                "use_local_permissions",
                "notifications",
                "late_grace_hours",
                "active",
                "pre_scripts",
                "post_scripts",
            ],
        )
    }
}

impl Audited for Policy {
    const KIND: AuditKind = AuditKind::Policy;
    fn id_name(&self) -> (i64, &str) {
        (self.id, &self.name)
    }
    fn form(&self) -> Result<Value, DomainError> {
        json(&PolicyInput {
            name: self.name.clone(),
            description: self.description.clone(),
            include: self.include.clone(),
            exclude: self.exclude.clone(),
            schedule: self.schedule.clone(),
        })
    }
}

impl Audited for Location {
    const KIND: AuditKind = AuditKind::Location;
    fn id_name(&self) -> (i64, &str) {
        (self.id, &self.name)
    }
    fn form(&self) -> Result<Value, DomainError> {
        json(&LocationInput {
            name: self.name.clone(),
            directory: self.directory.clone(),
            max_parallel_jobs: self.max_parallel_jobs,
            active: self.active,
        })
    }
}

impl Audited for Script {
    const KIND: AuditKind = AuditKind::Script;
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

impl Audited for shared::notifications::Webhook {
    const KIND: AuditKind = AuditKind::Webhook;
    fn id_name(&self) -> (i64, &str) {
        (self.id, &self.name)
    }
    // The secret is never compared (nor copied): only whether one is set.
    fn form(&self) -> Result<Value, DomainError> {
        pick(self, &["name", "url", "events", "secret_set", "active"])
    }
}

impl Audited for shared::replication::ReplicationAccess {
    const KIND: AuditKind = AuditKind::ReplicationAccess;
    fn id_name(&self) -> (i64, &str) {
        (self.id, &self.name)
    }
    // The token is never in the view; revoking shows as `revoked_at` set.
    fn form(&self) -> Result<Value, DomainError> {
        pick(self, &["name", "public_key", "from_address", "revoked_at"])
    }
}

/// The named fields of a view (those a user sets; references compare whole, id and name).
fn pick<T: serde::Serialize>(view: &T, fields: &[&str]) -> Result<Value, DomainError> {
    let all = json(view)?;
    Ok(Value::Object(
        fields
            .iter()
            .filter_map(|f| Some(((*f).to_owned(), all.get(*f)?.clone())))
            .collect(),
    ))
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
