//! The write-only password of a client's rsync daemon login: what a save stores, keeps
//! or clears.

use shared::clients::{ClientInput, Connection};

use super::DomainError;
use crate::db::{clients, PgConn};

/// The password to store after saving `input` over `current` (pure): the input's when
/// given (`""` removes it), else the current one; always none once the client is no
/// longer an rsync-daemon client, so a secret never outlives its use.
pub fn next_password<'a>(input: &'a ClientInput, current: &'a str) -> &'a str {
    if !matches!(input.connection, Connection::RsyncDaemon { .. }) {
        return "";
    }
    input.daemon_password.as_deref().unwrap_or(current)
}

/// Stores the password [`next_password`] chooses for client `id`; true when it changed
/// (for the audit record, which names the field but never its value).
pub async fn store(
    t: &mut PgConn,
    id: i64,
    input: &ClientInput,
    current: &str,
) -> Result<bool, DomainError> {
    let next = next_password(input, current);
    if next == current {
        return Ok(false);
    }
    clients::set_daemon_password(t, id, next).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(connection: Connection, password: Option<&str>) -> ClientInput {
        let mut i: ClientInput = serde_json::from_value(
            serde_json::json!({"name": "nas", "connection": {"kind": "local"}}),
        )
        .expect("input");
        i.connection = connection;
        i.daemon_password = password.map(Into::into);
        i
    }

    #[test]
    fn kept_replaced_removed_and_dropped_with_the_kind() {
        let daemon = Connection::RsyncDaemon {
            host: "nas".into(),
            port: 873,
            user: Some("backup".into()),
        };
        assert_eq!(next_password(&input(daemon.clone(), None), "old"), "old");
        assert_eq!(
            next_password(&input(daemon.clone(), Some("new")), "old"),
            "new"
        );
        assert_eq!(next_password(&input(daemon, Some("")), "old"), "");
        // Switching to ssh forgets the password even when the input does not mention it.
        let ssh = Connection::Ssh {
            user: "root".into(),
            host: "pc".into(),
            port: 22,
        };
        assert_eq!(next_password(&input(ssh, None), "old"), "");
    }
}
