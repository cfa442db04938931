//! Replication between two ElkarBackup servers: on the primary, *replication accesses*
//! (a read-only token and the replica's ssh key) and the catalog they may read; on the
//! replica, *replication sources* (which primary, how to reach it, what to copy, when,
//! how fast, and how long to keep it).

use chrono::{DateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::common::Ref;

// ---------------------------------------------------------------------------------------
// On the primary
// ---------------------------------------------------------------------------------------

/// `POST /api/replication-accesses` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplicationAccessBody {
    /// A name for the replica, e.g. `backup2.example.org`: 1 to 100 characters.
    #[cfg_attr(feature = "openapi", schema(example = "replica-office-2"))]
    pub name: String,
    /// The replica's ssh public key (`ssh-ed25519 AAAA… comment`), as its replication
    /// source page shows it.
    pub public_key: String,
    /// Only from this address or network (sshd's `from="…"` pattern, e.g. `192.0.2.7`
    /// or `192.0.2.0/24`); empty or absent: from anywhere.
    #[serde(default)]
    pub from_address: Option<String>,
}

/// A replication access as listed: never the token itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplicationAccess {
    pub id: i64,
    pub name: String,
    /// The first characters of the token, to tell tokens apart.
    pub token_prefix: String,
    pub public_key: String,
    /// SHA256 fingerprint of the public key.
    pub key_fingerprint: Option<String>,
    pub from_address: Option<String>,
    /// The `authorized_keys` line the server installed for this access.
    pub authorized_keys_line: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked: the token and the key no longer work.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A freshly created replication access: the token is shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplicationAccessCreated {
    #[serde(flatten)]
    pub access: ReplicationAccess,
    /// The secret, for the replica's source form. Shown once.
    pub token: String,
    /// What the replica needs besides the token: the ssh user, host and port of this
    /// server, as configured (`replication.ssh_*` in the configuration file).
    pub ssh: SshEndpoint,
}

/// Where a replica reaches the primary's store over ssh.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SshEndpoint {
    pub host: String,
    pub port: u16,
    pub user: String,
}

/// `GET /api/replication/catalog`: what a replica may know of the primary, and nothing
/// else: its locations, clients and jobs (no secrets, no scripts, no users).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Catalog {
    /// The primary's instance URL (settings), to name it on the replica.
    pub instance_url: String,
    pub locations: Vec<CatalogLocation>,
    pub clients: Vec<CatalogClient>,
    pub jobs: Vec<CatalogJob>,
}

/// A backup location of the primary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CatalogLocation {
    pub id: i64,
    pub name: String,
}

/// A client of the primary: what a replica needs to show it and, after a take-over,
/// to back it up itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CatalogClient {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub connection: crate::clients::Connection,
    pub ssh_options: Vec<String>,
    pub rsync_options: Vec<String>,
}

/// A job of the primary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CatalogJob {
    pub id: i64,
    pub client_id: i64,
    pub name: String,
    pub description: String,
    pub source_path: String,
    pub include: Option<Vec<String>>,
    pub exclude: Option<Vec<String>>,
    pub use_local_permissions: bool,
    /// The primary location the job writes its snapshots to (a replica copies only
    /// jobs whose location it maps).
    #[serde(default)]
    pub location_id: Option<i64>,
}

/// `GET /api/replication/jobs/{id}/snapshots`: one complete snapshot of the primary,
/// with the figures of its `snapshot.json`. Oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CatalogSnapshot {
    pub id: i64,
    /// The snapshot's directory name, e.g. `2026-11-22T210000Z`.
    pub name: String,
    pub taken_at: DateTime<Utc>,
    pub levels: Vec<String>,
    /// The primary location holding it, and the store path in it: the data is at
    /// `<location>/<store_path>/snapshots/<name>/data/`.
    pub location_id: i64,
    pub store_path: String,
    /// `snapshot.json` as written beside the data.
    pub meta: ReplicaMeta,
}

/// The figures of a snapshot's `snapshot.json` a replica checks its copy against and
/// keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplicaMeta {
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub rsync_version: String,
    pub exit_code: i32,
    pub warnings: bool,
    /// Entries in the snapshot (rsync's "Number of files", the top directory included).
    pub files: u64,
    /// Bytes in the snapshot (rsync's "Total file size").
    pub total_bytes: u64,
    pub transferred_bytes: u64,
    pub rewritten_permissions: bool,
}

// ---------------------------------------------------------------------------------------
// On the replica
// ---------------------------------------------------------------------------------------

crate::text::text_enum! {
    /// How a replica decides which copied snapshots to delete.
    #[derive(Default)]
    pub enum ReplicaRetention {
        /// Keep what the primary keeps: a snapshot the primary no longer lists is
        /// deleted only when `delete_vanished` is on, after the grace period.
        #[default]
        Mirror => "mirror",
        /// The levels and keeps of the source's policy, counted on the replica.
        Policy => "policy",
    }
}

/// A primary location copied into a local one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocationMapping {
    /// The location's id on the primary.
    pub primary: i64,
    /// The local location its snapshots are copied into.
    pub local: i64,
}

/// `POST`/`PUT /api/replications` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplicationBody {
    /// 1 to 100 characters; shown as "copy of <name>" on copied clients.
    pub name: String,
    /// The primary's address, e.g. `https://backup1.example.org`.
    pub url: String,
    /// The primary's replication access token. Write-only: absent or empty on update
    /// keeps the stored one.
    #[serde(default)]
    pub token: Option<String>,
    pub ssh_host: String,
    #[serde(default = "default_ssh_port")]
    pub ssh_port: u16,
    pub ssh_user: String,
    pub locations: Vec<LocationMapping>,
    #[serde(default = "yes")]
    pub all_clients: bool,
    /// Primary client ids, when not all.
    #[serde(default)]
    pub client_ids: Vec<i64>,
    pub policy_id: i64,
    /// Run every this many minutes (5 to 10080); absent: at the policy's times.
    #[serde(default)]
    pub interval_minutes: Option<i32>,
    /// Bandwidth limit in KiB/s (rsync's `--bwlimit`).
    #[serde(default)]
    pub bwlimit_kib: Option<i32>,
    /// Copy only between these local times (`HH:MM`); both or neither.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "22:00"))]
    pub window_start: Option<NaiveTime>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "06:00"))]
    pub window_end: Option<NaiveTime>,
    #[serde(default)]
    pub retention: ReplicaRetention,
    /// Never delete a copied snapshot younger than this (days since it arrived).
    #[serde(default = "seven")]
    pub min_age_days: i32,
    /// Delete snapshots the primary no longer lists (off by default).
    #[serde(default)]
    pub delete_vanished: bool,
    #[serde(default = "seven")]
    pub vanished_grace_days: i32,
    #[serde(default = "ten")]
    pub max_deletions_per_run: i32,
    #[serde(default = "yes")]
    pub active: bool,
}

fn default_ssh_port() -> u16 {
    22
}
fn yes() -> bool {
    true
}
fn seven() -> i32 {
    7
}
fn ten() -> i32 {
    10
}

/// A replication source as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Replication {
    pub id: i64,
    pub name: String,
    pub url: String,
    /// Whether a token is stored (it is never shown).
    pub has_token: bool,
    pub ssh_host: String,
    pub ssh_port: u16,
    pub ssh_user: String,
    /// The replica's public key for this source: give it to the primary's admin.
    pub public_key: String,
    pub host_key_state: crate::clients::HostKeyState,
    pub host_key_fingerprint: Option<String>,
    pub locations: Vec<LocationMapping>,
    pub all_clients: bool,
    pub client_ids: Vec<i64>,
    pub policy: Ref,
    pub interval_minutes: Option<i32>,
    pub bwlimit_kib: Option<i32>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub window_start: Option<NaiveTime>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub window_end: Option<NaiveTime>,
    pub retention: ReplicaRetention,
    pub min_age_days: i32,
    pub delete_vanished: bool,
    pub vanished_grace_days: i32,
    pub max_deletions_per_run: i32,
    pub active: bool,
    pub last_sync_at: Option<DateTime<Utc>>,
    /// Why the last catalog sync failed, if it did.
    pub last_error: Option<String>,
    /// The clients copied from this source.
    pub clients: Vec<Ref>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/replications/{id}/run` answer: what the catalog sync found and queued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplicationStarted {
    /// Copied clients created or updated.
    pub clients: usize,
    /// Runs queued, one per copied job.
    pub runs: Vec<i64>,
}

/// Marks a client or job copied from a primary: read-only until taken over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CopyOf {
    /// The replication source, while it exists.
    pub replication: Option<Ref>,
    /// The primary's name (the source's name when it was copied).
    pub primary: String,
}
