//! Browsing and restoring snapshots: directory entries, versions of a file, restores and
//! their dry-run preview.
//!
//! Paths inside a snapshot are bytes (a client may hold names that are not UTF-8). On the
//! wire they travel percent-encoded (`Entry::path`): pass that string back, as is, in the
//! `path` query parameter or in a restore's `path`. `name` is only for display.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What kind of filesystem object an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    File,
    Dir,
    Symlink,
    Fifo,
    Socket,
    CharDevice,
    BlockDevice,
}

impl EntryKind {
    /// Whether the entry can be downloaded as a file (specials never are).
    pub fn is_file(self) -> bool {
        self == EntryKind::File
    }
}

/// One entry of a snapshot directory (its own lstat: symlinks are never followed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Entry {
    /// The name for display; bytes that are not UTF-8 show as U+FFFD.
    pub name: String,
    /// The path from the snapshot root, percent-encoded bytes, lossless: pass it back as
    /// `path`.
    pub path: String,
    pub kind: EntryKind,
    /// Bytes (the apparent size; 0 for directories).
    pub size: i64,
    pub mtime: DateTime<Utc>,
    /// Permission bits (`st_mode & 0o7777`).
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    /// A symlink's target, for display (never followed).
    pub target: Option<String>,
}

/// How a directory listing is sorted: a field, descending with a leading `-`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum EntrySort {
    #[default]
    #[serde(rename = "name")]
    Name,
    #[serde(rename = "-name")]
    NameDesc,
    #[serde(rename = "size")]
    Size,
    #[serde(rename = "-size")]
    SizeDesc,
    #[serde(rename = "mtime")]
    Mtime,
    #[serde(rename = "-mtime")]
    MtimeDesc,
}

/// One page of a snapshot directory, directories first within the chosen order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntryPage {
    /// The listed directory (percent-encoded; empty for the snapshot root).
    pub path: String,
    pub items: Vec<Entry>,
    /// Entries in the directory (or search hits), on all pages.
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    /// A search stopped before the end of the snapshot (too many entries walked).
    pub truncated: bool,
}

/// One snapshot's copy of a path, for "versions of this file".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Version {
    pub snapshot_id: i64,
    pub snapshot_name: String,
    pub taken_at: DateTime<Utc>,
    /// What the path is in that snapshot.
    pub kind: EntryKind,
    pub size: i64,
    pub mtime: DateTime<Utc>,
    /// The same stored file as the next older version listed (unchanged in between).
    pub same_as_older: bool,
}

/// A restore of a snapshot's file or directory onto a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RestoreRequest {
    pub snapshot_id: i64,
    /// What to restore, percent-encoded from the snapshot root (`Entry::path`); empty for
    /// the whole snapshot.
    #[serde(default)]
    pub path: String,
    /// The client to restore onto (its own ssh key and pinned host key are used).
    pub client_id: i64,
    /// Directory on the client receiving the restored entry. Default: where it was backed
    /// up from (the job's source path plus the entry's parent directory).
    #[serde(default)]
    pub target_path: Option<String>,
    /// Write over `target_path` itself. When false (the default) the entry goes into a new
    /// directory `<target_path>/restore-<UTC time>/`, so nothing existing is touched.
    #[serde(default)]
    pub overwrite: bool,
    /// With `overwrite`: delete files in the restored directory that the snapshot lacks.
    #[serde(default)]
    pub delete: bool,
    /// Only compute what would change (created, overwritten, deleted); nothing is written.
    #[serde(default)]
    pub dry_run: bool,
}

/// What a restore would do to one path on the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeAction {
    /// Does not exist yet: created.
    Create,
    /// Exists with other content: overwritten.
    Overwrite,
    /// Same content, other attributes (permissions, owner, time): updated.
    Attributes,
    /// Not in the snapshot: deleted (only with `delete`).
    Delete,
}

/// One line of a dry run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Change {
    pub action: ChangeAction,
    /// `None` for deletions (rsync does not say).
    pub kind: Option<EntryKind>,
    /// Path on the client, relative to the destination directory (rsync's escaping of
    /// unprintable bytes, `\#ooo`).
    pub path: String,
}

/// The result of a dry run: what the restore would change, nothing written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RestorePreview {
    /// The directory on the client the entry would be restored into.
    pub destination: String,
    /// The first changes (at most 1,000).
    pub changes: Vec<Change>,
    pub creates: i64,
    pub overwrites: i64,
    pub attributes: i64,
    pub deletes: i64,
    /// More changes than listed.
    pub truncated: bool,
    /// The snapshot was taken with rewritten permissions (`use_local_permissions`): the
    /// restored files will not get their original permissions.
    pub rewritten_permissions: bool,
}

/// A restore accepted: the queued run, and where it writes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RestoreQueued {
    pub run: crate::runs::Run,
    pub destination: String,
}
