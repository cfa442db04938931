//! What a snapshot's `snapshot.json` says about its client and its job, so that
//! `elkarbackup recover` can recreate both (same ids, so that store paths still match) when
//! no catalog dump survives. Never a secret: no password, token or private key (the
//! client's public key and its pinned host key are public). Enumerations are kept as
//! their wire text and the nested objects read leniently: a file a newer server wrote
//! still gives its snapshot, whatever these parts hold.

use serde::{Deserialize, Deserializer, Serialize};

use crate::db::clients::ClientRow;
use crate::db::jobs::JobRow;
use crate::db::policies::PolicyRow;

/// The client as it was when the snapshot was taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientAbout {
    pub id: i64,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// `shared::clients::Connection` as JSON.
    pub connection: serde_json::Value,
    #[serde(default)]
    pub ssh_options: Vec<String>,
    #[serde(default)]
    pub rsync_options: Vec<String>,
    #[serde(default)]
    pub quota_bytes: Option<i64>,
    pub max_parallel_jobs: i32,
    pub active: bool,
    /// The owner's user name (operators), if any.
    #[serde(default)]
    pub owner: Option<String>,
    /// The public half of the client's key pair (what its `authorized_keys` holds).
    #[serde(default)]
    pub public_key: String,
    /// The pinned ssh host key.
    #[serde(default)]
    pub host_key: Option<String>,
    /// `shared::clients::KeyMode`'s wire name; snapshots taken before key modes existed
    /// were of clients with a plain key.
    #[serde(default = "plain")]
    pub key_mode: String,
    /// The keys' root (`rrsync` mode).
    #[serde(default = "slash")]
    pub key_root: String,
}

fn plain() -> String {
    shared::clients::KeyMode::Plain.as_str().to_owned()
}

fn slash() -> String {
    shared::client_keys::DEFAULT_ROOT.to_owned()
}

/// The job's policy, whole, so that a missing one can be made again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyAbout {
    pub id: i64,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub include_patterns: Vec<String>,
    #[serde(default)]
    pub exclude_patterns: Vec<String>,
    /// `shared::policies::Schedule` as JSON.
    pub schedule: serde_json::Value,
}

/// The job as it was when the snapshot was taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobAbout {
    pub id: i64,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub source_path: String,
    #[serde(default)]
    pub include_patterns: Option<Vec<String>>,
    #[serde(default)]
    pub exclude_patterns: Option<Vec<String>>,
    pub use_local_permissions: bool,
    pub notify_admin: bool,
    pub notify_owner: bool,
    #[serde(default)]
    pub notify_emails: Vec<String>,
    /// `shared::jobs::NotifyThreshold`'s wire name.
    pub notify_threshold: String,
    /// `shared::jobs::NotifyMode`'s wire name.
    pub notify_mode: String,
    pub late_grace_hours: i32,
    pub priority: i32,
    pub active: bool,
    /// The location the job backed up into.
    pub location_id: i64,
    pub policy: PolicyAbout,
}

fn texts(v: &[Option<String>]) -> Vec<String> {
    v.iter().flatten().cloned().collect()
}

/// What a snapshot says about `client`, whose owner is called `owner`.
pub fn client_about(client: &ClientRow, owner: Option<String>) -> ClientAbout {
    ClientAbout {
        id: client.id,
        name: client.name.clone(),
        description: client.description.clone(),
        connection: client.connection.clone(),
        ssh_options: texts(&client.ssh_options),
        rsync_options: texts(&client.rsync_options),
        quota_bytes: client.quota_bytes,
        max_parallel_jobs: client.max_parallel_jobs,
        active: client.active,
        owner,
        public_key: client.public_key.clone(),
        host_key: client.host_key.clone(),
        key_mode: client.key_mode.as_str().to_owned(),
        key_root: client.key_root.clone(),
    }
}

/// What a snapshot says about `job` and its `policy`.
pub fn job_about(job: &JobRow, policy: &PolicyRow) -> JobAbout {
    JobAbout {
        id: job.id,
        name: job.name.clone(),
        description: job.description.clone(),
        source_path: job.source_path.clone(),
        include_patterns: job.include_patterns.as_deref().map(texts),
        exclude_patterns: job.exclude_patterns.as_deref().map(texts),
        use_local_permissions: job.use_local_permissions,
        notify_admin: job.notify_admin,
        notify_owner: job.notify_owner,
        notify_emails: texts(&job.notify_emails),
        notify_threshold: job.notify_threshold.as_str().to_owned(),
        notify_mode: job.notify_mode.as_str().to_owned(),
        late_grace_hours: job.late_grace_hours,
        priority: job.priority,
        active: job.active,
        location_id: job.location_id,
        policy: PolicyAbout {
            id: policy.id,
            name: policy.name.clone(),
            description: policy.description.clone(),
            include_patterns: texts(&policy.include_patterns),
            exclude_patterns: texts(&policy.exclude_patterns),
            schedule: policy.schedule.clone(),
        },
    }
}

/// Reads an optional part leniently: absent, `null` or not understood are all `None`, so
/// the snapshot's own figures are never lost to it.
pub(super) fn lenient<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let v = Option::<serde_json::Value>::deserialize(d)?;
    Ok(v.and_then(|v| serde_json::from_value(v).ok()))
}
