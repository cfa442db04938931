//! Scripts: uploaded programs run on the server before or after clients' and jobs' backups.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::validate::{check_len, is_single_line, Issue};

/// Largest script accepted, in bytes.
pub const MAX_SCRIPT_BYTES: usize = 1024 * 1024;

/// Where a script may be attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScriptUses {
    #[serde(default)]
    pub client_pre: bool,
    #[serde(default)]
    pub client_post: bool,
    #[serde(default)]
    pub job_pre: bool,
    #[serde(default)]
    pub job_post: bool,
}

/// A script as written by `POST` and `PUT /api/scripts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScriptInput {
    #[cfg_attr(
        feature = "openapi",
        schema(example = "mysql-dump", min_length = 1, max_length = 100)
    )]
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub uses: ScriptUses,
    /// The program, base64-encoded (at most 1 MiB decoded). Required on creation; when
    /// absent on update the content is kept.
    #[serde(default)]
    pub content_base64: Option<String>,
}

crate::text::text_enum! {
    /// When an attached script runs: before or after what it guards.
    pub enum ScriptPhase {
        Pre => "pre",
        Post => "post",
    }
}

/// Something a script is attached to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScriptUsage {
    /// `client` or `job`.
    pub kind: String,
    pub id: i64,
    /// The client's name, or `client/job` for jobs.
    pub name: String,
    pub phase: ScriptPhase,
}

/// A script as returned by the API (the content is downloaded separately).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Script {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub uses: ScriptUses,
    pub size_bytes: i64,
    pub used_by: Vec<ScriptUsage>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ScriptInput {
    /// Field-level checks that need no database (content decoding is the server's).
    pub fn validate(&self) -> Vec<Issue> {
        let mut v = Vec::new();
        check_len(&mut v, "name", self.name.trim(), 1, 100);
        if !is_single_line(&self.name) || self.name.contains('/') {
            v.push(Issue::new("name", "invalid"));
        }
        check_len(&mut v, "description", &self.description, 0, 2000);
        v
    }
}
