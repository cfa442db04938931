//! Clients: the machines backed up, how to reach them, and their limits.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use crate::client_keys::{KeyMode, KeyPurpose, KeyState};
pub use crate::client_options::{
    is_daemon_user, rsync_option_ok, ssh_option_ok, ValueKind, RSYNC_FLAGS, RSYNC_VALUED,
    SSH_OPTIONS,
};
use crate::common::{Ref, RunResult};
use crate::validate::{check_len, check_range, is_hostname, is_unix_user, Issue};

/// How the server reaches a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Connection {
    /// A directory of the server itself.
    Local,
    /// rsync over ssh as `user@host`, with the client's own key.
    Ssh {
        user: String,
        host: String,
        #[serde(default = "default_ssh_port")]
        port: u16,
    },
    /// An rsync daemon (`host::module`); the job's source path starts with the module.
    RsyncDaemon {
        host: String,
        #[serde(default = "default_rsync_port")]
        port: u16,
        /// The daemon's login for modules with `auth users`; none for open modules. Its
        /// password is the client's write-only `daemon_password`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        user: Option<String>,
    },
}

fn default_ssh_port() -> u16 {
    22
}
fn default_rsync_port() -> u16 {
    873
}
fn yes() -> bool {
    true
}
fn one() -> i32 {
    1
}

/// A client as written by `POST` and `PUT /api/clients`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClientInput {
    /// Unique name, 1 to 100 characters.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "fileserver", min_length = 1, max_length = 100)
    )]
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub connection: Connection,
    #[serde(default = "yes")]
    pub active: bool,
    /// The owning user; defaults to the creator. Only admins may set or change it.
    #[serde(default)]
    pub owner_id: Option<i64>,
    /// Disk quota in bytes; none means unlimited.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 0))]
    pub quota_bytes: Option<i64>,
    /// How many of its jobs may run at once (at least 1).
    #[serde(default = "one")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100))]
    pub max_parallel_jobs: i32,
    /// Extra ssh options, each `Name=value` from an allow-list (e.g. `ConnectTimeout=20`).
    #[serde(default)]
    pub ssh_options: Vec<String>,
    /// Extra rsync options from an allow-list (e.g. `--bwlimit=5000`, `--compress`).
    #[serde(default)]
    pub rsync_options: Vec<String>,
    /// Scripts run before the first job of a batch (ids of scripts allowed as client pre).
    #[serde(default)]
    pub pre_scripts: Vec<i64>,
    /// Scripts run after the last job of a batch.
    #[serde(default)]
    pub post_scripts: Vec<i64>,
    /// How the client's `authorized_keys` confines the server's keys (ssh clients):
    /// `rrsync` (read-only backup key, write-only restore key; the default for new
    /// clients) or `plain` (one key with a shell). Unchanged when absent on update.
    #[serde(default)]
    pub key_mode: Option<KeyMode>,
    /// The directory both keys are confined to in `rrsync` mode (default `/`); job paths
    /// and restore targets must lie beneath it. Unchanged when absent on update.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "/"))]
    pub key_root: Option<String>,
    /// The rsync daemon login's password (rsync-daemon clients with a `user`). Write-only:
    /// omit it to keep the stored one, send `""` to remove it. Given to rsync in its
    /// environment (`RSYNC_PASSWORD`), never on a command line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daemon_password: Option<String>,
}

/// State of the client's pinned ssh host key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HostKeyState {
    /// Never contacted.
    Unknown,
    /// Seen on first contact; waits for a user to accept it.
    Pending,
    /// Accepted: checked strictly on every connection.
    Accepted,
}

/// A job as listed inside its client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JobSummary {
    pub id: i64,
    pub name: String,
    pub source_path: String,
    pub active: bool,
    pub last_result: Option<RunResult>,
    pub last_run_at: Option<DateTime<Utc>>,
    pub size_bytes: i64,
}

/// A client as returned by the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Client {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub connection: Connection,
    pub active: bool,
    pub owner: Option<Ref>,
    pub quota_bytes: Option<i64>,
    pub max_parallel_jobs: i32,
    pub ssh_options: Vec<String>,
    pub rsync_options: Vec<String>,
    pub pre_scripts: Vec<Ref>,
    pub post_scripts: Vec<Ref>,
    /// The client's own public key, for its `authorized_keys`: the backup key.
    pub public_key: String,
    /// How the client's `authorized_keys` confines the server's keys.
    pub key_mode: KeyMode,
    /// The directory both keys are confined to in `rrsync` mode.
    pub key_root: String,
    /// The backup key's exact `authorized_keys` line.
    pub backup_key_line: String,
    /// The public half of the client's restore key (`rrsync` mode; none for clients made
    /// before restore keys until one is created).
    pub restore_public_key: Option<String>,
    /// The restore key's exact `authorized_keys` line, installed only where restores to
    /// this client are wanted.
    pub restore_key_line: Option<String>,
    pub host_key_state: HostKeyState,
    /// Whether an rsync daemon password is stored (it is never returned).
    #[serde(default)]
    pub daemon_password_set: bool,
    /// SHA256 fingerprint of the pinned (or pending) host key.
    pub host_key_fingerprint: Option<String>,
    /// Sum of its jobs' sizes.
    pub size_bytes: i64,
    pub jobs: Vec<JobSummary>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Set on a replica for a client (job) copied from a primary: read-only until an
    /// admin takes the client over.
    #[serde(default)]
    pub copy_of: Option<crate::replication::CopyOf>,
}

impl ClientInput {
    /// A daemon password only for rsync-daemon clients; at most 256 characters, no
    /// control characters (it travels in an environment variable).
    fn validate_daemon_password(&self, v: &mut Vec<Issue>) {
        let Some(p) = self.daemon_password.as_deref().filter(|p| !p.is_empty()) else {
            return;
        };
        if !matches!(self.connection, Connection::RsyncDaemon { .. }) {
            v.push(Issue::new("daemon_password", "not_allowed"));
        } else if p.chars().any(char::is_control) {
            v.push(Issue::new("daemon_password", "invalid"));
        } else {
            check_len(v, "daemon_password", p, 1, 256);
        }
    }

    /// Field-level checks that need no database.
    pub fn validate(&self) -> Vec<Issue> {
        let mut v = Vec::new();
        check_len(&mut v, "name", self.name.trim(), 1, 100);
        if !crate::validate::is_single_line(&self.name) {
            v.push(Issue::new("name", "invalid"));
        }
        check_len(&mut v, "description", &self.description, 0, 2000);
        match &self.connection {
            Connection::Local => {}
            Connection::Ssh { user, host, port } => {
                if user.is_empty() {
                    v.push(Issue::new("connection.user", "required"));
                } else if !is_unix_user(user) {
                    v.push(Issue::new("connection.user", "invalid"));
                }
                if host.is_empty() {
                    v.push(Issue::new("connection.host", "required"));
                } else if !is_hostname(host) {
                    v.push(Issue::new("connection.host", "invalid"));
                }
                check_range(&mut v, "connection.port", i64::from(*port), 1, 65535);
            }
            Connection::RsyncDaemon { host, port, user } => {
                if host.is_empty() {
                    v.push(Issue::new("connection.host", "required"));
                } else if !is_hostname(host) {
                    v.push(Issue::new("connection.host", "invalid"));
                }
                check_range(&mut v, "connection.port", i64::from(*port), 1, 65535);
                if user.as_deref().is_some_and(|u| !is_daemon_user(u)) {
                    v.push(Issue::new("connection.user", "invalid"));
                }
            }
        }
        self.validate_daemon_password(&mut v);
        if let Some(q) = self.quota_bytes {
            check_range(&mut v, "quota_bytes", q, 0, i64::MAX);
        }
        check_range(
            &mut v,
            "max_parallel_jobs",
            i64::from(self.max_parallel_jobs),
            1,
            100,
        );
        for (i, o) in self.ssh_options.iter().enumerate() {
            if !ssh_option_ok(o) {
                v.push(Issue::new(format!("ssh_options.{i}"), "not_allowed"));
            }
        }
        for (i, o) in self.rsync_options.iter().enumerate() {
            if !rsync_option_ok(o) {
                v.push(Issue::new(format!("rsync_options.{i}"), "not_allowed"));
            }
        }
        crate::client_keys::validate_root(&mut v, self.key_root.as_deref());
        v
    }
}

crate::text::text_enum! {
    /// How the client list is sorted: a field, descending with a leading `-`. The one list of
    /// these orders: the API's parameter, the query and the web app's address all use it.
    #[derive(Default)]
    pub enum ClientSort {
        #[default]
        Id => "id",
        IdDesc => "-id",
        Name => "name",
        NameDesc => "-name",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(connection: Connection) -> ClientInput {
        ClientInput {
            name: "fileserver".into(),
            description: String::new(),
            connection,
            active: true,
            owner_id: None,
            quota_bytes: None,
            max_parallel_jobs: 1,
            ssh_options: vec![],
            rsync_options: vec![],
            pre_scripts: vec![],
            post_scripts: vec![],
            key_mode: None,
            key_root: None,
            daemon_password: None,
        }
    }

    fn codes(c: &ClientInput) -> Vec<(String, &'static str)> {
        c.validate()
            .into_iter()
            .map(|i| (i.field, i.code))
            .collect()
    }

    #[test]
    fn valid_connections() {
        assert!(input(Connection::Local).validate().is_empty());
        let ssh = Connection::Ssh {
            user: "root".into(),
            host: "10.0.0.5".into(),
            port: 22,
        };
        assert!(input(ssh).validate().is_empty());
    }

    #[test]
    fn hostile_connection_values() {
        let c = input(Connection::Ssh {
            user: "-oProxyCommand=touch /tmp/x".into(),
            host: "host; rm -rf /".into(),
            port: 0,
        });
        assert_eq!(
            codes(&c),
            vec![
                ("connection.user".into(), "invalid"),
                ("connection.host".into(), "invalid"),
                ("connection.port".into(), "out_of_range"),
            ]
        );
    }

    #[test]
    fn daemon_login() {
        let daemon = |user: Option<&str>, password: Option<&str>| {
            let mut c = input(Connection::RsyncDaemon {
                host: "nas".into(),
                port: 873,
                user: user.map(Into::into),
            });
            c.daemon_password = password.map(Into::into);
            codes(&c)
        };
        assert!(daemon(None, None).is_empty());
        assert!(daemon(Some("backup"), Some("s3cret with spaces")).is_empty());
        assert!(daemon(Some("backup"), Some("")).is_empty());
        assert_eq!(
            daemon(Some("ev@l:x"), Some("a\nb")),
            vec![
                ("connection.user".into(), "invalid"),
                ("daemon_password".into(), "invalid"),
            ]
        );
        assert_eq!(
            daemon(Some("-x"), Some(&"p".repeat(257))),
            vec![
                ("connection.user".into(), "invalid"),
                ("daemon_password".into(), "too_long"),
            ]
        );
        let mut ssh = input(Connection::Local);
        ssh.daemon_password = Some("pw".into());
        assert_eq!(codes(&ssh), vec![("daemon_password".into(), "not_allowed")]);
        // Removing (`""`) is fine whatever the kind.
        ssh.daemon_password = Some(String::new());
        assert!(codes(&ssh).is_empty());
    }

    #[test]
    fn json_shape() {
        let c: ClientInput = serde_json::from_str(
            r#"{"name":"x","connection":{"kind":"ssh","user":"root","host":"h"}}"#,
        )
        .unwrap();
        assert_eq!(
            c.connection,
            Connection::Ssh {
                user: "root".into(),
                host: "h".into(),
                port: 22
            }
        );
        assert!(c.active);
        assert_eq!(c.max_parallel_jobs, 1);
    }
}

/// Result of `POST /api/clients/{id}/test`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConnectionTest {
    /// The server logged in and found rsync.
    pub ok: bool,
    /// What is wrong: `unreachable`, `host_key_unverified`, `host_key_mismatch`,
    /// `auth_refused` (the backup key is not installed), `rsync_missing` (rsync, or
    /// rrsync, cannot run through it) or `key_mode_mismatch` (the installed line does not
    /// match the client's key mode); for rsync daemons, `daemon_auth_failed` when the
    /// daemon refused the login to a module the client's jobs read.
    pub code: Option<String>,
    /// The client's `rsync --version` first line.
    pub rsync_version: Option<String>,
    /// What to look at even when the test passed: `rsync_unfixed` when the client's
    /// rsync is older than 3.4.0, the first upstream release with the fixes for the
    /// vulnerabilities published in January 2025 (CVE-2024-12084…12088; distributions
    /// also fix older versions); `key_unrestricted` when the backup key runs any
    /// command on the client (install the restricted line); `backup_key_writes` and
    /// `restore_key_reads` when a key may do more than its job.
    #[serde(default)]
    pub warnings: Vec<String>,
    /// What the backup key allowed (ssh clients whose host answered and is trusted).
    #[serde(default)]
    pub backup_key: Option<KeyState>,
    /// What the restore key allowed (ssh clients in `rrsync` mode).
    #[serde(default)]
    pub restore_key: Option<KeyState>,
}
