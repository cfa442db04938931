//! The `[replication]` section: the primary's managed `authorized_keys`, the programs its
//! forced command runs, and the ssh endpoint it advertises to replicas.

use std::path::PathBuf;

use serde::Deserialize;

use super::ConfigError;

/// Replication settings; `None` means the default, resolved at start-up.
#[derive(Debug, Clone)]
pub struct ReplicationConfig {
    /// The `authorized_keys` file the server writes (default
    /// `<data dir>/replication/authorized_keys`); point sshd's `AuthorizedKeysFile` for
    /// the service user at it.
    pub authorized_keys: Option<PathBuf>,
    /// The rrsync program (default `rrsync`, looked up on `PATH`).
    pub rrsync: PathBuf,
    /// The program sshd runs for a replica's key (default: this server's executable,
    /// whose `replication-gate` command picks the location and runs rrsync).
    pub gate: Option<PathBuf>,
    /// Host name replicas connect to (default: this machine's host name).
    pub ssh_host: Option<String>,
    /// sshd's port.
    pub ssh_port: u16,
    /// The user replicas log in as (default: the user the server runs as).
    pub ssh_user: Option<String>,
}

impl Default for ReplicationConfig {
    fn default() -> Self {
        ReplicationConfig {
            authorized_keys: None,
            rrsync: PathBuf::from("rrsync"),
            gate: None,
            ssh_host: None,
            ssh_port: 22,
            ssh_user: None,
        }
    }
}

/// The section in the TOML file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileReplication {
    authorized_keys: Option<PathBuf>,
    rrsync: Option<PathBuf>,
    gate: Option<PathBuf>,
    ssh_host: Option<String>,
    ssh_port: Option<u16>,
    ssh_user: Option<String>,
}

impl ReplicationConfig {
    pub(super) fn apply_file(&mut self, f: FileReplication) {
        self.authorized_keys = f.authorized_keys.or(self.authorized_keys.take());
        self.rrsync = f.rrsync.unwrap_or(self.rrsync.clone());
        self.gate = f.gate.or(self.gate.take());
        self.ssh_host = f.ssh_host.or(self.ssh_host.take());
        self.ssh_port = f.ssh_port.unwrap_or(self.ssh_port);
        self.ssh_user = f.ssh_user.or(self.ssh_user.take());
    }

    pub(super) fn apply_env(
        &mut self,
        env: &impl Fn(&str) -> Option<String>,
    ) -> Result<(), ConfigError> {
        let non_empty = |name: &str| env(name).filter(|v| !v.is_empty());
        if let Some(v) = non_empty("ELKARBACKUP_REPLICATION_AUTHORIZED_KEYS") {
            self.authorized_keys = Some(PathBuf::from(v));
        }
        if let Some(v) = non_empty("ELKARBACKUP_REPLICATION_RRSYNC") {
            self.rrsync = PathBuf::from(v);
        }
        if let Some(v) = non_empty("ELKARBACKUP_REPLICATION_GATE") {
            self.gate = Some(PathBuf::from(v));
        }
        if let Some(v) = non_empty("ELKARBACKUP_REPLICATION_SSH_HOST") {
            self.ssh_host = Some(v);
        }
        if let Some(v) = non_empty("ELKARBACKUP_REPLICATION_SSH_PORT") {
            self.ssh_port = v
                .parse()
                .map_err(|e: std::num::ParseIntError| ConfigError::Env {
                    name: "ELKARBACKUP_REPLICATION_SSH_PORT".into(),
                    reason: e.to_string(),
                    value: v,
                })?;
        }
        if let Some(v) = non_empty("ELKARBACKUP_REPLICATION_SSH_USER") {
            self.ssh_user = Some(v);
        }
        Ok(())
    }

    /// Paths go into the forced command sshd hands to a shell: only plain characters.
    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        let plain = |p: &PathBuf| {
            p.to_str().is_some_and(|s| {
                !s.is_empty()
                    && s.chars().all(|c| {
                        c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-' | '+')
                    })
            })
        };
        for (name, p) in [
            ("replication.rrsync", Some(&self.rrsync)),
            ("replication.gate", self.gate.as_ref()),
        ] {
            if let Some(p) = p {
                if !plain(p) {
                    return Err(ConfigError::Invalid(format!(
                        "{name} {p:?} may only have letters, digits and / . _ - +"
                    )));
                }
            }
        }
        if self.ssh_port == 0 {
            return Err(ConfigError::Invalid(
                "replication.ssh_port must not be 0".into(),
            ));
        }
        Ok(())
    }
}
