//! Jobs: one source path of one client, backed up by a policy into a location.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::common::{Ref, RunResult};
use crate::validate::{check_len, check_range, is_single_line, Issue};

// Most talkative first.
crate::text::text_enum! {
    /// Which runs send notifications.
    #[derive(Default)]
    pub enum NotifyThreshold {
        /// Every run.
        All => "all",
        /// Warnings and failures.
        Warning => "warning",
        /// Failures only.
        #[default]
        Error => "error",
        /// Never.
        None => "none",
    }
}

crate::text::text_enum! {
    /// How often a failing job notifies.
    #[derive(Default)]
    pub enum NotifyMode {
        /// The first failure, and one message when the job recovers.
        #[default]
        Changes => "changes",
        /// Every failed run.
        EveryFailure => "every_failure",
    }
}

/// Who is told about a job's runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notifications {
    /// All administrators.
    #[serde(default)]
    pub admin: bool,
    /// The client's owner.
    #[serde(default = "yes")]
    pub owner: bool,
    /// Further addresses.
    #[serde(default)]
    pub emails: Vec<String>,
    #[serde(default)]
    pub threshold: NotifyThreshold,
    /// Whether a job that keeps failing notifies once (and on recovery) or every time.
    #[serde(default)]
    pub mode: NotifyMode,
}

impl Default for Notifications {
    fn default() -> Self {
        Notifications {
            admin: false,
            owner: true,
            emails: Vec::new(),
            threshold: NotifyThreshold::Error,
            mode: NotifyMode::Changes,
        }
    }
}

fn yes() -> bool {
    true
}

fn grace_hours() -> i32 {
    24
}

/// A job as written by `POST` and `PUT /api/jobs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JobInput {
    /// The client backed up. Changing it on an existing job moves the job: its next run
    /// backs up that client's `source_path` into a new series of snapshots; the older
    /// snapshots stay where they are, browsable and restorable, until retention removes
    /// them.
    pub client_id: i64,
    #[cfg_attr(
        feature = "openapi",
        schema(example = "home", min_length = 1, max_length = 100)
    )]
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Absolute path on the client (for rsync daemons: `module/path`).
    #[cfg_attr(feature = "openapi", schema(example = "/home/"))]
    pub source_path: String,
    pub policy_id: i64,
    /// Where new snapshots are stored. Changing it starts a new series there (hard-linked
    /// to the newest snapshot when both are on one filesystem); the older snapshots stay
    /// in their location until retention removes them.
    pub location_id: i64,
    /// rsync include patterns, one per entry; none means the policy's.
    #[serde(default)]
    pub include: Option<Vec<String>>,
    /// rsync exclude patterns, one per entry; none means the policy's.
    #[serde(default)]
    pub exclude: Option<Vec<String>>,
    /// Off by default: the snapshot keeps every permission exactly. When on, rsync runs
    /// with `--chmod=Fug=rwX,Dug=rwx,Fo=r,Do=rx`: permissions are rewritten; restored files
    /// will not get their original permissions, and private files become readable by
    /// everyone.
    #[serde(default)]
    pub use_local_permissions: bool,
    #[serde(default)]
    pub notifications: Notifications,
    /// Hours past its last expected run that the job may go without a successful
    /// snapshot before it is late.
    #[serde(default = "grace_hours")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 8760))]
    pub late_grace_hours: i32,
    #[serde(default = "yes")]
    pub active: bool,
    /// Ids of scripts allowed as job pre scripts.
    #[serde(default)]
    pub pre_scripts: Vec<i64>,
    /// Ids of scripts allowed as job post scripts.
    #[serde(default)]
    pub post_scripts: Vec<i64>,
}

/// A job as returned by the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Job {
    pub id: i64,
    pub client: Ref,
    pub name: String,
    pub description: String,
    pub source_path: String,
    pub policy: Ref,
    pub location: Ref,
    pub include: Option<Vec<String>>,
    pub exclude: Option<Vec<String>>,
    /// When true, permissions are rewritten (`--chmod=Fug=rwX,Dug=rwx,Fo=r,Do=rx`);
    /// restored files will not get their original permissions, and private files become
    /// readable by everyone.
    pub use_local_permissions: bool,
    pub notifications: Notifications,
    pub late_grace_hours: i32,
    /// Late: active (with an active client), and no successful snapshot since an expected
    /// run of its policy more than `late_grace_hours` ago (or, never backed up, since the
    /// first expected run after its creation).
    #[serde(default)]
    pub late: bool,
    /// Since when it is late: the expected run it missed plus the grace. `null` when not late.
    #[serde(default)]
    pub late_since: Option<DateTime<Utc>>,
    /// Lower runs first.
    pub priority: i32,
    pub active: bool,
    pub pre_scripts: Vec<Ref>,
    pub post_scripts: Vec<Ref>,
    /// Whether a trigger token exists (the token itself is shown only when created).
    pub has_trigger_token: bool,
    pub size_bytes: i64,
    pub last_result: Option<RunResult>,
    pub last_run_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Set on a replica for a client (job) copied from a primary: read-only until an
    /// admin takes the client over.
    #[serde(default)]
    pub copy_of: Option<crate::replication::CopyOf>,
}

/// A freshly created trigger token, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TriggerToken {
    /// Send it as the `X-Trigger-Token` header of `POST /api/jobs/{id}/trigger`.
    pub token: String,
}

/// `PUT /api/jobs/priorities`: every job id, first runs first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Priorities {
    pub job_ids: Vec<i64>,
}

/// Checks one rsync filter pattern: not empty, single line, not an option.
pub fn pattern_ok(p: &str) -> bool {
    !p.trim().is_empty() && is_single_line(p) && !p.starts_with('-') && p.len() <= 1024
}

/// A plausible e-mail address (one `@`, something on both sides, no spaces or controls).
pub fn email_ok(e: &str) -> bool {
    let Some((local, domain)) = e.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && e.len() <= 254
        && !e
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>,;\"".contains(c))
}

/// Validates patterns of one list, naming each bad entry.
pub fn validate_patterns(v: &mut Vec<Issue>, field: &str, list: &[String]) {
    for (i, p) in list.iter().enumerate() {
        if !pattern_ok(p) {
            v.push(Issue::new(format!("{field}.{i}"), "invalid"));
        }
    }
}

impl JobInput {
    /// Field-level checks that need no database.
    pub fn validate(&self) -> Vec<Issue> {
        let mut v = Vec::new();
        check_len(&mut v, "name", self.name.trim(), 1, 100);
        if !is_single_line(&self.name) {
            v.push(Issue::new("name", "invalid"));
        }
        check_len(&mut v, "description", &self.description, 0, 2000);
        check_len(&mut v, "source_path", &self.source_path, 1, 4096);
        if !self.source_path.is_empty()
            && (!is_single_line(&self.source_path) || self.source_path.starts_with('-'))
        {
            v.push(Issue::new("source_path", "invalid"));
        }
        if let Some(l) = &self.include {
            validate_patterns(&mut v, "include", l);
        }
        if let Some(l) = &self.exclude {
            validate_patterns(&mut v, "exclude", l);
        }
        for (i, e) in self.notifications.emails.iter().enumerate() {
            if !email_ok(e) {
                v.push(Issue::new(format!("notifications.emails.{i}"), "invalid"));
            }
        }
        check_range(
            &mut v,
            "late_grace_hours",
            i64::from(self.late_grace_hours),
            1,
            8760,
        );
        v
    }
}

crate::text::text_enum! {
    /// How the job list is sorted: a field, descending with a leading `-`. The one list of
    /// these orders: the API's parameter, the query and the web app's address all use it.
    #[derive(Default)]
    pub enum JobSort {
        #[default]
        Id => "id",
        IdDesc => "-id",
        Name => "name",
        NameDesc => "-name",
        Priority => "priority",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(pattern_ok("*.tmp"));
        assert!(pattern_ok("/home/*/.cache/"));
        assert!(!pattern_ok("--delete"));
        assert!(!pattern_ok("a\nb"));
        assert!(!pattern_ok("a\0b"));
        assert!(!pattern_ok("  "));
    }

    #[test]
    fn emails() {
        assert!(email_ok("admin@herria.eus"));
        assert!(!email_ok("admin"));
        assert!(!email_ok("a@b"));
        assert!(!email_ok("a b@c.d"));
        assert!(!email_ok("a@c.d>"));
    }
}
