//! The primary's ssh host key, as for clients: fetched on first contact and pending
//! until an administrator accepts it, then pinned in
//! `<data dir>/known_hosts/replication-<id>`; a different key is kept pending and runs
//! refuse until it is accepted.

use shared::audit::AuditKind;
use shared::replication::Replication;
use shared::ErrorCode;

use super::{load, one};
use crate::db::{self, replications};
use crate::domain::{audit, Actor, DomainError};
use crate::engine::hostkeys;
use crate::engine::runner::Engine;

/// When neither a pinned nor a pending key is known, fetches the primary's key and keeps
/// it pending. Returns the key found, if any.
pub async fn scan_if_unknown(engine: &Engine, id: i64) -> Result<Option<String>, DomainError> {
    let mut c = db::conn(&engine.pool).await?;
    let row = load(&mut c, id).await?;
    if row.host_key.is_some() || row.host_key_pending.is_some() {
        return Ok(None);
    }
    drop(c);
    let port = u16::try_from(row.ssh_port).unwrap_or(22);
    let found = hostkeys::scan(&row.ssh_host, port, engine.config.timeout_secs).await;
    if let Some(key) = &found {
        let mut c = db::conn(&engine.pool).await?;
        replications::set_host_keys(&mut c, id, None, Some(key)).await?;
    }
    Ok(found)
}

/// What a run may do about the primary's host key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The pinned key is the primary's: go on.
    Pinned,
    /// No key accepted yet (one may be pending now): refuse with `host_key_pending`.
    Pending,
    /// The primary shows another key than the pinned one: refuse with `host_key_mismatch`.
    Mismatch,
    /// The primary's ssh port does not answer (nothing known yet).
    Unreachable,
}

/// The verdict from the pinned key, the pending one and what a scan found now (`None`:
/// no answer). A changed key goes pending beside the pinned one: see [`check_for_run`].
pub fn verdict(pinned: Option<&str>, pending: Option<&str>, scanned: Option<&str>) -> Verdict {
    match (pinned, pending, scanned) {
        (Some(_), Some(_), _) => Verdict::Mismatch,
        (None, Some(_), _) => Verdict::Pending,
        (None, None, Some(_)) => Verdict::Pending,
        (None, None, None) => Verdict::Unreachable,
        (Some(p), None, Some(s)) if p != s => Verdict::Mismatch,
        // Unreachable ssh with a pinned key: the run itself reports it.
        (Some(_), None, _) => Verdict::Pinned,
    }
}

/// Before a run: checks the primary's host key against the pinned one (a scan: a change
/// is caught before the catalog is read), records a new key as pending, and writes the
/// known_hosts file the replication's ssh uses. `Err` with the code to refuse with.
pub async fn check_for_run(engine: &Engine, id: i64) -> Result<(), DomainError> {
    let mut c = db::conn(&engine.pool).await?;
    let row = load(&mut c, id).await?;
    drop(c);
    let port = u16::try_from(row.ssh_port).unwrap_or(22);
    let scanned = if row.host_key_pending.is_some() {
        None
    } else {
        hostkeys::scan(&row.ssh_host, port, engine.config.timeout_secs).await
    };
    let (pinned, pending) = (row.host_key.as_deref(), row.host_key_pending.as_deref());
    let verdict = verdict(pinned, pending, scanned.as_deref());
    let mut c = db::conn(&engine.pool).await?;
    match verdict {
        Verdict::Pinned => {
            let key = pinned.unwrap_or_default();
            let path = hostkeys::replication_known_hosts_path(&engine.config.data_dir, id);
            hostkeys::write_known_hosts_at(path, &row.ssh_host, port, key)?;
            Ok(())
        }
        Verdict::Pending | Verdict::Mismatch => {
            if pending.is_none() {
                replications::set_host_keys(&mut c, id, pinned, scanned.as_deref()).await?;
            }
            Err(DomainError::Code(if verdict == Verdict::Pending {
                ErrorCode::HostKeyPending
            } else {
                ErrorCode::HostKeyMismatch
            }))
        }
        Verdict::Unreachable => Err(DomainError::Code(ErrorCode::PrimaryUnreachable)),
    }
}

/// Accepts the primary's pending host key and pins it (admins).
pub async fn accept(engine: &Engine, actor: Actor, id: i64) -> Result<Replication, DomainError> {
    actor.require_admin()?;
    let mut c = db::conn(&engine.pool).await?;
    db::transaction(&mut c, async |t| {
        let row = load(t, id).await?;
        let pending = row
            .host_key_pending
            .ok_or(DomainError::Code(ErrorCode::NoPendingHostKey))?;
        replications::set_host_keys(t, id, Some(&pending), None).await?;
        // The refusal the pending key caused is resolved: not shown as the last error.
        let refusals = [ErrorCode::HostKeyPending, ErrorCode::HostKeyMismatch];
        if refusals
            .iter()
            .any(|e| row.last_error.as_deref() == Some(e.as_str()))
        {
            replications::set_last_error(t, id, None).await?;
        }
        let port = u16::try_from(row.ssh_port).unwrap_or(22);
        let path = hostkeys::replication_known_hosts_path(&engine.config.data_dir, id);
        hostkeys::write_known_hosts_at(path, &row.ssh_host, port, &pending)?;
        let subject = audit::Subject::new(AuditKind::Replication, id, &row.name);
        let mut data = serde_json::Map::new();
        data.insert("fingerprint".into(), hostkeys::fingerprint(&pending).into());
        audit::record_with(t, actor.into(), "host_key_accepted", subject, data).await?;
        one(t, id).await
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        assert_eq!(verdict(None, None, None), Verdict::Unreachable);
        assert_eq!(verdict(None, None, Some("k")), Verdict::Pending);
        assert_eq!(verdict(None, Some("k"), None), Verdict::Pending);
        assert_eq!(verdict(Some("k"), None, Some("k")), Verdict::Pinned);
        assert_eq!(verdict(Some("k"), None, None), Verdict::Pinned);
        assert_eq!(verdict(Some("k"), None, Some("x")), Verdict::Mismatch);
        assert_eq!(verdict(Some("k"), Some("x"), None), Verdict::Mismatch);
    }
}
