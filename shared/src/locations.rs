//! Backup locations: directories on the server where snapshots are stored.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::validate::{check_len, check_range, is_single_line, Issue};

/// A location as written by `POST` and `PUT /api/locations`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocationInput {
    #[cfg_attr(
        feature = "openapi",
        schema(example = "Default", min_length = 1, max_length = 100)
    )]
    pub name: String,
    /// Absolute path of an existing, writable directory on the server.
    #[cfg_attr(feature = "openapi", schema(example = "/srv/backups"))]
    pub directory: String,
    #[serde(default = "one")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100))]
    pub max_parallel_jobs: i32,
    #[serde(default = "yes")]
    pub active: bool,
}

fn one() -> i32 {
    1
}
fn yes() -> bool {
    true
}

/// What the server sees of a location's directory right now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocationStatus {
    /// The directory exists and can be read.
    pub online: bool,
    pub writable: bool,
    pub free_bytes: Option<u64>,
    pub total_bytes: Option<u64>,
    pub free_inodes: Option<u64>,
    pub total_inodes: Option<u64>,
}

/// A location as returned by the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Location {
    pub id: i64,
    pub name: String,
    pub directory: String,
    pub max_parallel_jobs: i32,
    pub active: bool,
    pub status: LocationStatus,
    /// How many jobs store their snapshots here.
    pub job_count: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl LocationInput {
    /// Field-level checks that need no file system.
    pub fn validate(&self) -> Vec<Issue> {
        let mut v = Vec::new();
        check_len(&mut v, "name", self.name.trim(), 1, 100);
        check_len(&mut v, "directory", &self.directory, 1, 1024);
        if !self.directory.is_empty()
            && (!self.directory.starts_with('/')
                || !is_single_line(&self.directory)
                || self.directory.split('/').any(|c| c == ".."))
        {
            v.push(Issue::new("directory", "invalid"));
        }
        check_range(
            &mut v,
            "max_parallel_jobs",
            i64::from(self.max_parallel_jobs),
            1,
            100,
        );
        v
    }
}
