//! "Test connection": the host key, then what each of the client's keys lets the server
//! do (a shell, rsync reading only, writing only, nothing), the client's rsync version
//! when a key shows it, and what the answer means for backups and restores.

use shared::clients::{Connection, ConnectionTest, KeyMode, KeyState};

use super::copies::writable_client;
use super::{Actor, DomainError};
use crate::db::clients::ClientRow;
use crate::db::{self, clients};
use crate::engine::probe::{self, Diagnosis};
use crate::engine::probe_keys::{self, KeyFound, KeyReach};
use crate::engine::runner::Engine;
use crate::engine::{hostkeys, keys, rsync_version};

/// What the test found of the backup key and the restore key, before it is judged.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Found {
    pub backup: Option<KeyState>,
    pub restore: Option<KeyState>,
    pub version: Option<String>,
}

/// The answer for an ssh client whose keys were tried (pure, for tests): whether backups
/// can run through the backup key as the client's key mode uses it, and the warnings.
pub fn judge(mode: KeyMode, root: &str, found: Found) -> ConnectionTest {
    use KeyState::*;
    let backup = found.backup;
    let (ok, code) = match (mode, backup) {
        (_, Some(Missing)) => (false, Some("auth_refused")),
        (_, None | Some(Broken | WriteOnly)) => (false, Some("rsync_missing")),
        // A plain client's backups send `--secluded-args`, which rrsync refuses.
        (KeyMode::Plain, Some(ReadOnly | ReadWrite)) => (false, Some("key_mode_mismatch")),
        (KeyMode::Plain, Some(Unrestricted)) => (true, None),
        // An unrestricted key takes paths from `/`: right only when the root is `/`.
        (KeyMode::Rrsync, Some(Unrestricted)) if root != "/" => (false, Some("key_mode_mismatch")),
        (KeyMode::Rrsync, Some(_)) => (true, None),
    };
    let mut warnings = Vec::new();
    if backup == Some(Unrestricted) {
        warnings.push("key_unrestricted".to_owned());
    }
    // More than each key needs: a backup key that writes, a restore key that reads.
    if backup == Some(ReadWrite) {
        warnings.push("backup_key_writes".to_owned());
    }
    if matches!(found.restore, Some(Unrestricted | ReadOnly | ReadWrite)) {
        warnings.push("restore_key_reads".to_owned());
    }
    if let Some(w) = found.version.as_deref().and_then(rsync_version::warning) {
        warnings.push(w.to_owned());
    }
    ConnectionTest {
        ok,
        code: code.map(str::to_owned),
        rsync_version: found.version,
        warnings,
        backup_key: backup,
        restore_key: found.restore,
    }
}

/// The answer of a test that stopped at a diagnosis.
fn diagnosed(d: Diagnosis) -> ConnectionTest {
    let version = match &d {
        Diagnosis::Ok(v) => Some(v.clone()),
        _ => None,
    };
    ConnectionTest {
        ok: matches!(d, Diagnosis::Ok(_)),
        code: d.code().map(|c| c.as_str().to_owned()),
        warnings: version
            .as_deref()
            .and_then(rsync_version::warning)
            .map(str::to_owned)
            .into_iter()
            .collect(),
        rsync_version: version,
        backup_key: None,
        restore_key: None,
    }
}

/// The diagnosis of a local client (rsync runs here) or an rsync daemon (its modules
/// answer, and each one the client's jobs read accepts the login).
async fn not_ssh(
    engine: &Engine,
    c: &mut crate::db::PgConn,
    row: &ClientRow,
    connection: &Connection,
) -> Result<Diagnosis, DomainError> {
    let Connection::RsyncDaemon { host, port, user } = connection else {
        return Ok(probe::local(&engine.config.rsync).await);
    };
    let jobs = crate::db::jobs::of_clients(c, &[row.id]).await?;
    let modules = probe::modules(jobs.iter().map(|j| j.source_path.as_str()));
    let reach = probe::DaemonReach {
        host,
        port: *port,
        user: user.as_deref(),
        password: &row.daemon_password,
        modules: &modules,
    };
    Ok(probe::daemon(&engine.config.rsync, reach, engine.config.timeout_secs).await)
}

/// Tests the connection to a client. A first contact records the host key as pending;
/// a changed host key is kept pending for an admin to compare.
pub async fn test_connection(
    engine: &Engine,
    actor: Actor,
    client_id: i64,
) -> Result<ConnectionTest, DomainError> {
    let mut c = db::conn(&engine.pool).await?;
    let row = writable_client(&mut c, actor, client_id).await?;
    let connection: Connection = serde_json::from_value(row.connection.clone())
        .map_err(|e| DomainError::Internal(e.to_string()))?;
    let timeout = engine.config.timeout_secs;
    let Connection::Ssh { user, host, port } = &connection else {
        return Ok(diagnosed(not_ssh(engine, &mut c, &row, &connection).await?));
    };
    let pinned = match (&row.host_key, &row.host_key_pending) {
        (_, Some(_)) => return Ok(diagnosed(Diagnosis::HostKeyUnverified)),
        (None, None) => {
            let d = match hostkeys::scan(host, *port, timeout).await {
                Some(key) => {
                    clients::set_host_keys(&mut c, client_id, None, Some(&key)).await?;
                    Diagnosis::HostKeyUnverified
                }
                None => Diagnosis::Unreachable,
            };
            return Ok(diagnosed(d));
        }
        (Some(key), None) => key.clone(),
    };
    let data_dir = &engine.config.data_dir;
    let known_hosts = hostkeys::write_known_hosts(data_dir, client_id, host, *port, &pinned)
        .map_err(|e| DomainError::Internal(e.to_string()))?;
    let empty = tempfile::tempdir()?;
    let ssh_options = crate::db::paging::strings(row.ssh_options.clone());
    let backup_key = keys::private_key_path(data_dir, client_id);
    let reach = KeyReach {
        user,
        host,
        port: *port,
        key: &backup_key,
        known_hosts: &known_hosts,
        ssh_options: &ssh_options,
        timeout_secs: timeout,
        rsync: &engine.config.rsync,
        empty_dir: empty.path(),
    };
    let (backup, version) = match probe_keys::probe(&reach).await {
        KeyFound::State(s, v) => (s, v),
        KeyFound::Failed(d) => {
            if d == Diagnosis::HostKeyMismatch {
                if let Some(new_key) = hostkeys::scan(host, *port, timeout).await {
                    clients::set_host_keys(&mut c, client_id, Some(&pinned), Some(&new_key))
                        .await?;
                }
            }
            return Ok(diagnosed(d));
        }
    };
    let restore = restore_state(&row, data_dir, reach).await;
    Ok(judge(
        row.key_mode,
        &row.key_root,
        Found {
            backup: Some(backup),
            restore,
            version,
        },
    ))
}

/// The restore key's state: clients in `rrsync` mode that have one.
async fn restore_state(
    row: &ClientRow,
    data_dir: &std::path::Path,
    reach: KeyReach<'_>,
) -> Option<KeyState> {
    if row.key_mode != KeyMode::Rrsync || row.restore_public_key.is_none() {
        return None;
    }
    let key = keys::restore_key_path(data_dir, row.id);
    match probe_keys::probe(&KeyReach { key: &key, ..reach }).await {
        KeyFound::State(s, _) => Some(s),
        KeyFound::Failed(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use KeyState::*;

    fn found(backup: KeyState, restore: Option<KeyState>, version: Option<&str>) -> Found {
        Found {
            backup: Some(backup),
            restore,
            version: version.map(str::to_owned),
        }
    }

    #[test]
    fn restricted_clients() {
        let t = judge(KeyMode::Rrsync, "/", found(ReadOnly, Some(Missing), None));
        assert!(t.ok && t.code.is_none() && t.warnings.is_empty());
        assert_eq!(
            (t.backup_key, t.restore_key),
            (Some(ReadOnly), Some(Missing))
        );
        let t = judge(KeyMode::Rrsync, "/", found(Missing, None, None));
        assert_eq!((t.ok, t.code.as_deref()), (false, Some("auth_refused")));
        let t = judge(KeyMode::Rrsync, "/", found(Broken, None, None));
        assert_eq!((t.ok, t.code.as_deref()), (false, Some("rsync_missing")));
        // A plain line on a restricted client works from `/` only, and is worth a word.
        let t = judge(
            KeyMode::Rrsync,
            "/",
            found(
                Unrestricted,
                None,
                Some("rsync  version 3.2.7  protocol version 31"),
            ),
        );
        assert!(t.ok);
        assert_eq!(t.warnings, ["key_unrestricted", "rsync_unfixed"]);
        let t = judge(KeyMode::Rrsync, "/home", found(Unrestricted, None, None));
        assert_eq!(
            (t.ok, t.code.as_deref()),
            (false, Some("key_mode_mismatch"))
        );
        // Keys that may do more than their job work, and say so.
        let t = judge(KeyMode::Rrsync, "/", found(ReadWrite, Some(ReadOnly), None));
        assert!(t.ok);
        assert_eq!(t.warnings, ["backup_key_writes", "restore_key_reads"]);
    }

    #[test]
    fn plain_clients() {
        let t = judge(
            KeyMode::Plain,
            "/",
            found(
                Unrestricted,
                None,
                Some("rsync  version 3.4.1  protocol version 32"),
            ),
        );
        assert!(t.ok);
        assert_eq!(t.warnings, ["key_unrestricted"]);
        let t = judge(KeyMode::Plain, "/", found(ReadOnly, None, None));
        assert_eq!(
            (t.ok, t.code.as_deref()),
            (false, Some("key_mode_mismatch"))
        );
    }
}
