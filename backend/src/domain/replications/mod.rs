//! Replication sources (on a replica, administrators): the primaries it copies, with a
//! write-only token, the replica's own ssh key pair per source, and the primary's pinned
//! ssh host key; the checks before a source's sync; the take-over of copied clients (their
//! read-only guard is [`super::copies`]).

pub mod hostkey;
pub mod run;
pub mod takeover;
pub mod validation;

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;
use shared::audit::AuditKind;
use shared::clients::HostKeyState;
use shared::common::Ref;
use shared::replication::{LocationMapping, ReplicaRetention, Replication, ReplicationBody};

use super::audit::objects::Audited;
use super::{audit, ensure_valid, unique_to_duplicate, Actor, DomainError, FieldIssue};
use crate::db::replications::{self, ReplicationForm, ReplicationRow};
use crate::db::{self, locations, PgConn};
use crate::engine::hostkeys;
use crate::engine::keys::{self, KeyName};
use crate::engine::runner::Engine;

impl Audited for Replication {
    const KIND: AuditKind = AuditKind::Replication;
    fn id_name(&self) -> (i64, &str) {
        (self.id, &self.name)
    }
    // The token is never compared (nor copied): only whether one is stored.
    fn form(&self) -> Result<Value, DomainError> {
        let all = audit::json(self)?;
        let fields = [
            "name",
            "url",
            "has_token",
            "ssh_host",
            "ssh_port",
            "ssh_user",
            "locations",
            "all_clients",
            "client_ids",
            "policy",
            "interval_minutes",
            "bwlimit_kib",
            "window_start",
            "window_end",
            "retention",
            "min_age_days",
            "delete_vanished",
            "vanished_grace_days",
            "max_deletions_per_run",
            "active",
        ];
        Ok(Value::Object(
            fields
                .iter()
                .filter_map(|f| Some(((*f).to_owned(), all.get(*f)?.clone())))
                .collect(),
        ))
    }
}

/// The API view of rows, with their policies' names and copied clients.
async fn views(c: &mut PgConn, rows: Vec<ReplicationRow>) -> Result<Vec<Replication>, DomainError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut clients: HashMap<i64, Vec<Ref>> = HashMap::new();
    for (source, id, name) in replications::clients_of(c, &ids).await? {
        if let Some(source) = source {
            clients.entry(source).or_default().push(Ref { id, name });
        }
    }
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let policy_name = replications::policy_name(c, r.policy_id).await?;
        let copied = clients.remove(&r.id).unwrap_or_default();
        out.push(view(r, policy_name.unwrap_or_default(), copied)?);
    }
    Ok(out)
}

fn view(r: ReplicationRow, policy: String, clients: Vec<Ref>) -> Result<Replication, DomainError> {
    let locations: Vec<LocationMapping> = serde_json::from_value(r.locations)
        .map_err(|e| DomainError::Internal(format!("replication {} locations: {e}", r.id)))?;
    let (host_key_state, shown) = match (&r.host_key, &r.host_key_pending) {
        (_, Some(p)) => (HostKeyState::Pending, Some(p)),
        (Some(k), None) => (HostKeyState::Accepted, Some(k)),
        (None, None) => (HostKeyState::Unknown, None),
    };
    Ok(Replication {
        id: r.id,
        name: r.name,
        url: r.url,
        has_token: !r.token.is_empty(),
        ssh_host: r.ssh_host,
        ssh_port: u16::try_from(r.ssh_port).unwrap_or(22),
        ssh_user: r.ssh_user,
        public_key: r.public_key,
        host_key_state,
        host_key_fingerprint: shown.map(|k| hostkeys::fingerprint(k)),
        locations,
        all_clients: r.all_clients,
        client_ids: r.client_ids.into_iter().flatten().collect(),
        policy: Ref {
            id: r.policy_id,
            name: policy,
        },
        interval_minutes: r.interval_minutes,
        bwlimit_kib: r.bwlimit_kib,
        window_start: r.window_start,
        window_end: r.window_end,
        retention: ReplicaRetention::from_wire(&r.retention).unwrap_or_default(),
        min_age_days: r.min_age_days,
        delete_vanished: r.delete_vanished,
        vanished_grace_days: r.vanished_grace_days,
        max_deletions_per_run: r.max_deletions_per_run,
        active: r.active,
        last_sync_at: r.last_sync_at,
        last_error: r.last_error,
        clients,
        created_at: r.created_at,
        updated_at: r.updated_at,
    })
}

/// The row of source `id`, or `NotFound`.
pub(crate) async fn load(c: &mut PgConn, id: i64) -> Result<ReplicationRow, DomainError> {
    replications::find(c, id)
        .await?
        .ok_or(DomainError::NotFound)
}

/// The view of source `id`.
pub(crate) async fn one(c: &mut PgConn, id: i64) -> Result<Replication, DomainError> {
    let row = load(c, id).await?;
    views(c, vec![row])
        .await?
        .pop()
        .ok_or_else(|| DomainError::Internal("replication view".into()))
}

/// Every source (admins).
pub async fn list(engine: &Engine, actor: Actor) -> Result<Vec<Replication>, DomainError> {
    actor.require_admin()?;
    let mut c = db::conn(&engine.pool).await?;
    let rows = replications::list(&mut c).await?;
    views(&mut c, rows).await
}

/// One source (admins).
pub async fn get(engine: &Engine, actor: Actor, id: i64) -> Result<Replication, DomainError> {
    actor.require_admin()?;
    let mut c = db::conn(&engine.pool).await?;
    one(&mut c, id).await
}

/// The field checks and those against the database (policy, local locations).
async fn check(c: &mut PgConn, body: &ReplicationBody) -> Result<(), DomainError> {
    let mut issues = validation::validate(body);
    // No policy chosen (the form's empty choice sends 0) is "required", not "not found".
    if body.policy_id <= 0 {
        issues.push(FieldIssue::new("policy_id", "required"));
    } else if replications::policy_name(c, body.policy_id)
        .await?
        .is_none()
    {
        issues.push(FieldIssue::new("policy_id", "not_found"));
    }
    for (i, m) in body.locations.iter().enumerate() {
        if locations::find(c, m.local).await?.is_none() {
            issues.push(FieldIssue::new(format!("locations.{i}.local"), "not_found"));
        }
    }
    ensure_valid(issues)
}

fn form<'a>(body: &'a ReplicationBody, token: &'a str) -> Result<ReplicationForm<'a>, DomainError> {
    Ok(ReplicationForm {
        name: body.name.trim(),
        url: body.url.trim(),
        token,
        ssh_host: &body.ssh_host,
        ssh_port: i32::from(body.ssh_port),
        ssh_user: &body.ssh_user,
        locations: audit::json(&body.locations)?,
        all_clients: body.all_clients,
        client_ids: body.client_ids.iter().copied().map(Some).collect(),
        policy_id: body.policy_id,
        interval_minutes: body.interval_minutes,
        bwlimit_kib: body.bwlimit_kib,
        window_start: body.window_start,
        window_end: body.window_end,
        retention: body.retention.as_str(),
        min_age_days: body.min_age_days,
        delete_vanished: body.delete_vanished,
        vanished_grace_days: body.vanished_grace_days,
        max_deletions_per_run: body.max_deletions_per_run,
        active: body.active,
    })
}

/// Creates a source and its key pair (`<data dir>/keys/replication-<id>`) in one
/// transaction (the key files are removed when it does not commit), then fetches the
/// primary's ssh host key, pending until accepted (admins).
pub async fn create(
    engine: &Engine,
    actor: Actor,
    body: &ReplicationBody,
) -> Result<Replication, DomainError> {
    actor.require_admin()?;
    let data_dir: &Path = &engine.config.data_dir;
    let mut c = db::conn(&engine.pool).await?;
    let mut keyed = None;
    let out = db::transaction(&mut c, async |t| {
        check(t, body).await?;
        let token = body.token.as_deref().unwrap_or_default();
        let row = replications::insert(t, &form(body, token)?)
            .await
            .map_err(unique_to_duplicate("name"))?;
        keyed = Some(row.id);
        let key = keys::generate_named(data_dir, &KeyName::replication(row.id)).await?;
        replications::set_public_key(t, row.id, &key).await?;
        let created = one(t, row.id).await?;
        audit::object(t, actor, None, Some(&created)).await?;
        Ok::<_, DomainError>(created)
    })
    .await;
    if let (Err(_), Some(id)) = (&out, keyed) {
        keys::remove_named(data_dir, &KeyName::replication(id));
    }
    let created = out?;
    drop(c);
    // ssh-keyscan waits up to the timeout: outside the transaction. A primary that does
    // not answer yet keeps the state unknown; the first run scans again.
    hostkey::scan_if_unknown(engine, created.id).await?;
    let mut c = db::conn(&engine.pool).await?;
    one(&mut c, created.id).await
}

/// Replaces a source's settings; an absent or empty token keeps the stored one. A new
/// ssh host or port forgets the pinned host key: it belongs to the old endpoint (admins).
pub async fn put(
    engine: &Engine,
    actor: Actor,
    id: i64,
    body: &ReplicationBody,
) -> Result<Replication, DomainError> {
    actor.require_admin()?;
    let mut c = db::conn(&engine.pool).await?;
    db::transaction(&mut c, async |t| {
        let current = load(t, id).await?;
        check(t, body).await?;
        let token = match body.token.as_deref() {
            Some(t) if !t.is_empty() => t.to_owned(),
            _ => current.token.clone(),
        };
        let moved =
            current.ssh_host != body.ssh_host || current.ssh_port != i32::from(body.ssh_port);
        let before = one(t, id).await?;
        replications::update(t, id, &form(body, &token)?)
            .await
            .map_err(unique_to_duplicate("name"))?
            .ok_or(DomainError::NotFound)?;
        if moved {
            replications::set_host_keys(t, id, None, None).await?;
        }
        let after = one(t, id).await?;
        audit::object(t, actor, Some(&before), Some(&after)).await?;
        Ok(after)
    })
    .await
}

/// Deletes a source (admins). Its copied clients stay as orphan copies (`copy_of` kept,
/// read-only until taken over); its key pair and known_hosts file go after the commit.
pub async fn delete(engine: &Engine, actor: Actor, id: i64) -> Result<(), DomainError> {
    actor.require_admin()?;
    let mut c = db::conn(&engine.pool).await?;
    db::transaction(&mut c, async |t| {
        let before = one(t, id).await?;
        if !replications::delete(t, id).await? {
            return Err(DomainError::NotFound);
        }
        audit::object(t, actor, Some(&before), None).await
    })
    .await?;
    let data_dir = &engine.config.data_dir;
    keys::remove_named(data_dir, &KeyName::replication(id));
    let known_hosts = hostkeys::replication_known_hosts_path(data_dir, id);
    if let Err(e) = std::fs::remove_file(&known_hosts) {
        if e.kind() != std::io::ErrorKind::NotFound {
            tracing::warn!("removing {}: {e}", known_hosts.display());
        }
    }
    Ok(())
}
