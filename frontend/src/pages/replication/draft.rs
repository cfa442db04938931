//! The replication source form's fields, as typed: loaded from a [`Replication`], read
//! back as a [`ReplicationBody`] with the problems of what is not a number or a time.

use chrono::NaiveTime;
use leptos::prelude::*;
use shared::replication::{LocationMapping, ReplicaRetention, Replication, ReplicationBody};
use shared::validate::Issue;

use crate::components::form::{parse_number, required_number};
use crate::scaffold::entity_form::Draft;

/// One row of the location mapping: a primary location id and the local location id.
#[derive(Debug, Clone, Copy)]
pub struct MappingRow {
    /// Tells rows apart while they are added and removed.
    pub key: u32,
    pub primary: RwSignal<String>,
    pub local: RwSignal<String>,
}

impl MappingRow {
    /// A row holding `primary` → `local` (strings as typed).
    pub fn new(key: u32, primary: String, local: String) -> Self {
        MappingRow {
            key,
            primary: RwSignal::new(primary),
            local: RwSignal::new(local),
        }
    }
}

/// The source form's fields.
#[derive(Debug, Clone, Copy)]
pub struct SourceDraft {
    pub name: RwSignal<String>,
    pub url: RwSignal<String>,
    /// A new token; empty keeps the stored one.
    pub token: RwSignal<String>,
    pub ssh_host: RwSignal<String>,
    pub ssh_port: RwSignal<String>,
    pub ssh_user: RwSignal<String>,
    pub locations: RwSignal<Vec<MappingRow>>,
    pub next_key: RwSignal<u32>,
    pub all_clients: RwSignal<bool>,
    /// Primary client ids, separated by commas or spaces.
    pub client_ids: RwSignal<String>,
    pub policy: RwSignal<String>,
    pub interval: RwSignal<String>,
    pub window_start: RwSignal<String>,
    pub window_end: RwSignal<String>,
    pub bwlimit: RwSignal<String>,
    /// `mirror` or `policy`.
    pub retention: RwSignal<String>,
    pub min_age: RwSignal<String>,
    pub delete_vanished: RwSignal<bool>,
    pub grace: RwSignal<String>,
    pub max_deletions: RwSignal<String>,
    pub active: RwSignal<bool>,
}

impl SourceDraft {
    /// The fields of a new source, with the server's defaults.
    pub fn new() -> Self {
        let s = |v: &str| RwSignal::new(v.to_owned());
        SourceDraft {
            name: s(""),
            url: s(""),
            token: s(""),
            ssh_host: s(""),
            ssh_port: s("22"),
            ssh_user: s("elkarbackup"),
            locations: RwSignal::new(vec![MappingRow::new(0, String::new(), String::new())]),
            next_key: RwSignal::new(1),
            all_clients: RwSignal::new(true),
            client_ids: s(""),
            policy: s(""),
            interval: s(""),
            window_start: s(""),
            window_end: s(""),
            bwlimit: s(""),
            retention: s("mirror"),
            min_age: s("7"),
            delete_vanished: RwSignal::new(false),
            grace: s("7"),
            max_deletions: s("10"),
            active: RwSignal::new(true),
        }
    }

    /// Adds an empty mapping row.
    pub fn add_row(self) {
        let key = self.next_key.get_untracked();
        self.next_key.set(key + 1);
        self.locations
            .update(|rows| rows.push(MappingRow::new(key, String::new(), String::new())));
    }
}

fn hhmm(t: Option<NaiveTime>) -> String {
    t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default()
}

/// An optional number; a problem for `field` when something else was typed.
fn optional(text: &str, field: &str, issues: &mut Vec<Issue>) -> Option<i32> {
    match parse_number(text) {
        Ok(n) => n.and_then(|n| i32::try_from(n).ok()),
        Err(()) => {
            issues.push(Issue::new(field, "invalid"));
            None
        }
    }
}

/// An optional `HH:MM` time; a problem for `field` when something else was typed.
fn time(text: &str, field: &str, issues: &mut Vec<Issue>) -> Option<NaiveTime> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let parsed = NaiveTime::parse_from_str(t, "%H:%M");
    if parsed.is_err() {
        issues.push(Issue::new(field, "time_format"));
    }
    parsed.ok()
}

/// The primary client ids typed, separated by commas or spaces.
pub fn parse_ids(text: &str) -> Result<Vec<i64>, ()> {
    text.split([',', ' ', '\n'])
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().parse().map_err(drop))
        .collect()
}

impl Draft<Replication> for SourceDraft {
    fn load(self, r: &Replication) {
        self.name.set(r.name.clone());
        self.url.set(r.url.clone());
        // The token is write-only: the field starts empty after every load and save.
        self.token.set(String::new());
        self.ssh_host.set(r.ssh_host.clone());
        self.ssh_port.set(r.ssh_port.to_string());
        self.ssh_user.set(r.ssh_user.clone());
        let rows: Vec<MappingRow> = (0u32..)
            .zip(&r.locations)
            .map(|(k, m)| MappingRow::new(k, m.primary.to_string(), m.local.to_string()))
            .collect();
        self.next_key.set(u32::try_from(rows.len()).unwrap_or(0));
        self.locations.set(rows);
        self.all_clients.set(r.all_clients);
        let ids: Vec<String> = r.client_ids.iter().map(i64::to_string).collect();
        self.client_ids.set(ids.join(", "));
        self.policy.set(r.policy.id.to_string());
        let opt = |v: Option<i32>| v.map(|v| v.to_string()).unwrap_or_default();
        self.interval.set(opt(r.interval_minutes));
        self.window_start.set(hhmm(r.window_start));
        self.window_end.set(hhmm(r.window_end));
        self.bwlimit.set(opt(r.bwlimit_kib));
        self.retention.set(r.retention.as_str().to_owned());
        self.min_age.set(r.min_age_days.to_string());
        self.delete_vanished.set(r.delete_vanished);
        self.grace.set(r.vanished_grace_days.to_string());
        self.max_deletions.set(r.max_deletions_per_run.to_string());
        self.active.set(r.active);
    }

    fn build(self) -> (ReplicationBody, Vec<Issue>) {
        let mut issues = Vec::new();
        let locations = self.locations.with(|rows| {
            rows.iter()
                .enumerate()
                .filter_map(|(i, row)| {
                    let (p, l) = (row.primary.get(), row.local.get());
                    if p.trim().is_empty() && l.trim().is_empty() {
                        return None;
                    }
                    match (p.trim().parse(), l.trim().parse()) {
                        (Ok(primary), Ok(local)) => Some(LocationMapping { primary, local }),
                        _ => {
                            issues.push(Issue::new(format!("locations.{i}"), "invalid"));
                            None
                        }
                    }
                })
                .collect()
        });
        let client_ids = parse_ids(&self.client_ids.get()).unwrap_or_else(|()| {
            issues.push(Issue::new("client_ids", "invalid"));
            Vec::new()
        });
        let port = required_number(
            &self.ssh_port.get(),
            "ssh_port",
            (1, 65535),
            22,
            &mut issues,
        );
        let token = Some(self.token.get().trim().to_owned()).filter(|t| !t.is_empty());
        let body = ReplicationBody {
            name: self.name.get().trim().to_owned(),
            url: self.url.get().trim().to_owned(),
            token,
            ssh_host: self.ssh_host.get().trim().to_owned(),
            ssh_port: u16::try_from(port).unwrap_or(22),
            ssh_user: self.ssh_user.get().trim().to_owned(),
            locations,
            all_clients: self.all_clients.get(),
            client_ids,
            policy_id: self.policy.get().parse().unwrap_or(0),
            interval_minutes: optional(&self.interval.get(), "interval_minutes", &mut issues),
            bwlimit_kib: optional(&self.bwlimit.get(), "bwlimit_kib", &mut issues),
            window_start: time(&self.window_start.get(), "window_start", &mut issues),
            window_end: time(&self.window_end.get(), "window_end", &mut issues),
            retention: if self.retention.get() == "policy" {
                ReplicaRetention::Policy
            } else {
                ReplicaRetention::Mirror
            },
            min_age_days: required_number(
                &self.min_age.get(),
                "min_age_days",
                (0, 3650),
                7,
                &mut issues,
            ),
            delete_vanished: self.delete_vanished.get(),
            vanished_grace_days: required_number(
                &self.grace.get(),
                "vanished_grace_days",
                (0, 3650),
                7,
                &mut issues,
            ),
            max_deletions_per_run: required_number(
                &self.max_deletions.get(),
                "max_deletions_per_run",
                (1, 10000),
                10,
                &mut issues,
            ),
            active: self.active.get(),
        };
        (body, issues)
    }
}

#[cfg(test)]
mod tests {
    use super::parse_ids;

    #[test]
    fn client_ids() {
        assert_eq!(parse_ids(" 1, 2 3"), Ok(vec![1, 2, 3]));
        assert_eq!(parse_ids(""), Ok(vec![]));
        assert!(parse_ids("1, x").is_err());
    }
}
