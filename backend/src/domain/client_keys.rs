//! A client's two ssh keys: the `authorized_keys` lines the API shows (from the client's
//! key mode and root and the server's address), the mode and root an input chooses, and
//! the check that the client's jobs lie beneath that root.

use shared::client_keys::{confines, key_line, reachable};
use shared::clients::{ClientInput, Connection, KeyMode, KeyPurpose};

use super::{ensure_valid, DomainError, FieldIssue};
use crate::db::clients::ClientRow;
use crate::db::{jobs, PgConn};

/// The backup key's `authorized_keys` line.
pub fn backup_line(row: &ClientRow, from: &str) -> String {
    key_line(
        row.key_mode,
        KeyPurpose::Backup,
        &row.key_root,
        from,
        &row.public_key,
    )
}

/// The restore key's line: `rrsync` mode only (a plain client restores with its one
/// key), once the key exists.
pub fn restore_line(row: &ClientRow, from: &str) -> Option<String> {
    let key = row.restore_public_key.as_deref()?;
    (row.key_mode == KeyMode::Rrsync)
        .then(|| key_line(row.key_mode, KeyPurpose::Restore, &row.key_root, from, key))
}

/// The key mode and root to store: the input's, else the current client's, else the
/// defaults of a new client (`rrsync`, `/`). A root is kept without its trailing `/`.
pub fn chosen(input: &ClientInput, current: Option<&ClientRow>) -> (KeyMode, String) {
    let mode = input
        .key_mode
        .or(current.map(|c| c.key_mode))
        .unwrap_or_default();
    let root = input
        .key_root
        .clone()
        .or(current.map(|c| c.key_root.clone()))
        .unwrap_or_else(|| shared::client_keys::DEFAULT_ROOT.to_owned());
    let trimmed = root.trim_end_matches('/');
    let root = if trimmed.is_empty() { "/" } else { trimmed };
    (mode, root.to_owned())
}

/// An ssh client in `rrsync` mode reaches only paths beneath its root: every job of the
/// client must lie there (`key_root`: `outside_key_root` otherwise).
pub async fn check_jobs_inside(
    c: &mut PgConn,
    client_id: i64,
    connection: &Connection,
    (mode, root): &(KeyMode, String),
) -> Result<(), DomainError> {
    if !confines(*mode, connection) {
        return Ok(());
    }
    let outside = jobs::of_clients(c, &[client_id])
        .await?
        .iter()
        .any(|j| !reachable(*mode, root, connection, &j.source_path));
    if outside {
        ensure_valid(vec![FieldIssue::new("key_root", "outside_key_root")])?;
    }
    Ok(())
}
