//! Business rules and transactions, free of HTTP types. Handlers and the CLI both call these.

pub mod access;
pub mod accounts;
pub mod actor;
pub mod audit;
pub mod client_keys;
pub mod client_rekey;
pub mod clients;
pub mod connection_test;
pub mod copies;
pub mod daemon_login;
pub mod dashboard;
pub mod job_tokens;
pub mod jobs;
pub mod late;
pub mod locations;
pub mod logs;
pub mod metrics;
pub mod notifications;
pub mod policies;
pub mod queue;
pub mod references;
pub mod replication_accesses;
pub mod replication_catalog;
pub mod replications;
pub mod restores;
pub mod runs;
pub mod scripts;
pub mod sessions;
pub mod settings;
pub mod snapshots;
pub mod tokens;
pub mod two_factor;
pub mod users;
pub mod webhooks;

pub use actor::{merge_patch, Actor, PageRequest};

use crate::db::DbError;

pub use shared::validate::{check_len, check_range, Issue as FieldIssue};

/// Failures of domain operations.
#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    #[error("validation failed: {0:?}")]
    Validation(Vec<FieldIssue>),
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("rate limited for {0:?}")]
    RateLimited(std::time::Duration),
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("bad request")]
    BadRequest,
    /// A conflict reported to the command line only (an account that already exists);
    /// the API's conflicts carry their own code (`Code`), `Duplicate` or `InUse`.
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("{0} is already in use")]
    Duplicate(&'static str),
    #[error("in use by {0:?}")]
    InUse(Vec<shared::common::Ref>),
    /// A failure the API reports with this code (paths, downloads, restore previews, and
    /// each kind of conflict: `run_in_progress`, `no_pending_host_key`, …).
    #[error("{0:?}")]
    Code(shared::ErrorCode),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("internal error: {0}")]
    Internal(String),
}

/// `Err(Validation)` when there are issues.
pub fn ensure_valid(issues: Vec<FieldIssue>) -> Result<(), DomainError> {
    if issues.is_empty() {
        Ok(())
    } else {
        Err(DomainError::Validation(issues))
    }
}

/// Maps a unique violation to `Duplicate(field)`.
pub fn unique_to_duplicate(field: &'static str) -> impl FnOnce(DbError) -> DomainError {
    move |e| {
        if e.is_unique_violation() {
            DomainError::Duplicate(field)
        } else {
            e.into()
        }
    }
}

/// File-system work under a domain operation (client keys, trees) failing is the server's
/// fault, never the caller's: a 500 with the cause in the log.
impl From<crate::views::Undecodable> for DomainError {
    fn from(e: crate::views::Undecodable) -> Self {
        DomainError::Internal(e.0)
    }
}

/// File-system work under a domain operation failing is the server's fault (see above).
impl From<std::io::Error> for DomainError {
    fn from(e: std::io::Error) -> Self {
        DomainError::Internal(e.to_string())
    }
}
