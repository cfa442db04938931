//! The client form's editable state, and its conversion from a `Client` and to a
//! `ClientInput` (with the problems only the form can find: numbers that are not numbers).

use leptos::prelude::*;
use shared::clients::{Client, ClientInput, Connection, KeyMode};
use shared::validate::Issue;

use crate::components::form::{lines, parse_number, required_number};

/// Quota units offered, with their size in bytes.
pub const UNITS: [(&str, i64); 3] = [("MiB", 1 << 20), ("GiB", 1 << 30), ("TiB", 1 << 40)];

/// A quota in bytes as the form shows it: a number and a unit.
pub fn quota_text(bytes: i64) -> (String, String) {
    let (unit, size) = UNITS
        .iter()
        .rev()
        .find(|(_, size)| bytes >= *size)
        .copied()
        .unwrap_or(UNITS[0]);
    let value = bytes as f64 / size as f64;
    let mut text = format!("{value:.2}");
    while text.ends_with('0') {
        text.pop();
    }
    if text.ends_with('.') {
        text.pop();
    }
    (text, unit.to_owned())
}

/// The quota typed in the form, in bytes; `Err` when it is not a non-negative number.
pub fn quota_bytes(text: &str, unit: &str) -> Result<Option<i64>, ()> {
    let t = text.trim().replace(',', ".");
    if t.is_empty() {
        return Ok(None);
    }
    let value: f64 = t.parse().map_err(drop)?;
    let size = UNITS
        .iter()
        .find(|(u, _)| *u == unit)
        .map_or(1 << 30, |(_, s)| *s);
    if !value.is_finite() || value < 0.0 || value * size as f64 > i64::MAX as f64 {
        return Err(());
    }
    Ok(Some((value * size as f64).round() as i64))
}

/// Every field of the client form.
#[derive(Debug, Clone, Copy)]
pub struct ClientDraft {
    pub name: RwSignal<String>,
    pub description: RwSignal<String>,
    /// `local`, `ssh` or `rsync_daemon`.
    pub kind: RwSignal<String>,
    pub user: RwSignal<String>,
    pub host: RwSignal<String>,
    pub port: RwSignal<String>,
    pub active: RwSignal<bool>,
    /// The owner's user id, or empty for the default.
    pub owner: RwSignal<String>,
    pub quota: RwSignal<String>,
    pub quota_unit: RwSignal<String>,
    pub max_parallel: RwSignal<String>,
    pub ssh_options: RwSignal<String>,
    pub rsync_options: RwSignal<String>,
    pub pre_scripts: RwSignal<Vec<i64>>,
    pub post_scripts: RwSignal<Vec<i64>>,
    /// `rrsync` or `plain` (ssh clients).
    pub key_mode: RwSignal<String>,
    /// The directory the restricted keys are confined to.
    pub key_root: RwSignal<String>,
    /// The rsync daemon login (empty: an open module) and a new password for it.
    pub daemon_user: RwSignal<String>,
    pub daemon_password: RwSignal<String>,
    /// Whether the saved client has a daemon password (it is never sent back).
    pub daemon_password_set: RwSignal<bool>,
    /// Remove the stored daemon password on save.
    pub forget_daemon_password: RwSignal<bool>,
}

impl ClientDraft {
    /// A new client: over ssh as root, active, one job at a time.
    pub fn new() -> Self {
        ClientDraft {
            name: RwSignal::new(String::new()),
            description: RwSignal::new(String::new()),
            kind: RwSignal::new("ssh".to_owned()),
            user: RwSignal::new("root".to_owned()),
            host: RwSignal::new(String::new()),
            port: RwSignal::new("22".to_owned()),
            active: RwSignal::new(true),
            owner: RwSignal::new(String::new()),
            quota: RwSignal::new(String::new()),
            quota_unit: RwSignal::new("GiB".to_owned()),
            max_parallel: RwSignal::new("1".to_owned()),
            ssh_options: RwSignal::new(String::new()),
            rsync_options: RwSignal::new(String::new()),
            pre_scripts: RwSignal::new(Vec::new()),
            post_scripts: RwSignal::new(Vec::new()),
            key_mode: RwSignal::new(KeyMode::Rrsync.as_str().to_owned()),
            key_root: RwSignal::new("/".to_owned()),
            daemon_user: RwSignal::new(String::new()),
            daemon_password: RwSignal::new(String::new()),
            daemon_password_set: RwSignal::new(false),
            forget_daemon_password: RwSignal::new(false),
        }
    }

    /// Fills the form from a saved client.
    pub fn load(self, c: &Client) {
        self.name.set(c.name.clone());
        self.description.set(c.description.clone());
        match &c.connection {
            Connection::Local => {
                self.kind.set("local".to_owned());
                self.host.set(String::new());
            }
            Connection::Ssh { user, host, port } => {
                self.kind.set("ssh".to_owned());
                self.user.set(user.clone());
                self.host.set(host.clone());
                self.port.set(port.to_string());
            }
            Connection::RsyncDaemon { host, port, user } => {
                self.kind.set("rsync_daemon".to_owned());
                self.host.set(host.clone());
                self.port.set(port.to_string());
                self.daemon_user.set(user.clone().unwrap_or_default());
            }
        }
        self.daemon_password.set(String::new());
        self.daemon_password_set.set(c.daemon_password_set);
        self.forget_daemon_password.set(false);
        self.active.set(c.active);
        self.owner.set(
            c.owner
                .as_ref()
                .map(|o| o.id.to_string())
                .unwrap_or_default(),
        );
        match c.quota_bytes {
            Some(q) => {
                let (text, unit) = quota_text(q);
                self.quota.set(text);
                self.quota_unit.set(unit);
            }
            None => self.quota.set(String::new()),
        }
        self.max_parallel.set(c.max_parallel_jobs.to_string());
        self.ssh_options.set(c.ssh_options.join("\n"));
        self.rsync_options.set(c.rsync_options.join("\n"));
        self.pre_scripts
            .set(c.pre_scripts.iter().map(|r| r.id).collect());
        self.post_scripts
            .set(c.post_scripts.iter().map(|r| r.id).collect());
        self.key_mode.set(c.key_mode.as_str().to_owned());
        self.key_root.set(c.key_root.clone());
    }

    /// After the connection kind changed: moves the port to the new kind's default when
    /// it was the old one's.
    pub fn adjust_port(self, kind: &str) {
        let port = self.port.get_untracked();
        match kind {
            "ssh" if port.trim() == "873" || port.trim().is_empty() => self.port.set("22".into()),
            "rsync_daemon" if port.trim() == "22" || port.trim().is_empty() => {
                self.port.set("873".into());
            }
            _ => {}
        }
    }

    /// The request body, and the problems found on the way.
    pub fn build(self) -> (ClientInput, Vec<Issue>) {
        let mut issues = Vec::new();
        let port = match parse_number(&self.port.get()) {
            Ok(Some(p)) => u16::try_from(p).unwrap_or_else(|_| {
                issues.push(Issue::with(
                    "connection.port",
                    "out_of_range",
                    &[("min", 1), ("max", 65535)],
                ));
                0
            }),
            Ok(None) => {
                issues.push(Issue::new("connection.port", "required"));
                0
            }
            Err(()) => {
                issues.push(Issue::new("connection.port", "invalid"));
                0
            }
        };
        let connection = match self.kind.get().as_str() {
            "local" => Connection::Local,
            "rsync_daemon" => Connection::RsyncDaemon {
                host: self.host.get().trim().to_owned(),
                port,
                user: Some(self.daemon_user.get().trim().to_owned()).filter(|u| !u.is_empty()),
            },
            _ => Connection::Ssh {
                user: self.user.get().trim().to_owned(),
                host: self.host.get().trim().to_owned(),
                port,
            },
        };
        if connection == Connection::Local {
            issues.retain(|i| i.field != "connection.port");
        }
        let quota_bytes =
            quota_bytes(&self.quota.get(), &self.quota_unit.get()).unwrap_or_else(|()| {
                issues.push(Issue::new("quota_bytes", "invalid"));
                None
            });
        let max_parallel_jobs = required_number(
            &self.max_parallel.get(),
            "max_parallel_jobs",
            (1, 100),
            1,
            &mut issues,
        );
        let input = ClientInput {
            name: self.name.get().trim().to_owned(),
            description: self.description.get(),
            connection,
            active: self.active.get(),
            owner_id: self.owner.get().parse().ok(),
            quota_bytes,
            max_parallel_jobs,
            ssh_options: lines(&self.ssh_options.get()),
            rsync_options: lines(&self.rsync_options.get()),
            pre_scripts: self.pre_scripts.get(),
            post_scripts: self.post_scripts.get(),
            key_mode: Some(KeyMode::from_wire(&self.key_mode.get()).unwrap_or_default()),
            key_root: Some(match self.key_root.get().trim() {
                "" => "/".to_owned(),
                root => root.to_owned(),
            }),
            daemon_password: self.daemon_password_input(),
        };
        (input, issues)
    }
}

impl ClientDraft {
    /// What the form sends of the daemon password: nothing (keep) unless a new one was
    /// typed, or removal was asked; never anything for other kinds of client.
    fn daemon_password_input(self) -> Option<String> {
        if self.kind.get() != "rsync_daemon" {
            return None;
        }
        if self.forget_daemon_password.get() {
            return Some(String::new());
        }
        Some(self.daemon_password.get()).filter(|p| !p.is_empty())
    }
}

/// The form lifecycle sees the draft through [`Draft`].
impl crate::scaffold::entity_form::Draft<Client> for ClientDraft {
    fn load(self, entity: &Client) {
        ClientDraft::load(self, entity);
    }

    fn build(self) -> (ClientInput, Vec<Issue>) {
        ClientDraft::build(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_round_trip() {
        assert_eq!(quota_text(50 << 30), ("50".to_owned(), "GiB".to_owned()));
        assert_eq!(quota_text(1536 << 20), ("1.5".to_owned(), "GiB".to_owned()));
        assert_eq!(quota_text(100 << 20), ("100".to_owned(), "MiB".to_owned()));
        assert_eq!(quota_bytes("1,5", "GiB"), Ok(Some(1536 << 20)));
        assert_eq!(quota_bytes("", "GiB"), Ok(None));
        assert!(quota_bytes("-1", "GiB").is_err());
        assert!(quota_bytes("lots", "GiB").is_err());
    }
}
