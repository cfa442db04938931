//! Business rules and transactions, free of HTTP types. Handlers and the CLI both call these.

pub mod accounts;
pub mod sessions;
pub mod tokens;

use crate::db::DbError;

/// A problem with one input field; translated by the API layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldIssue {
    /// The field name as in the request body.
    pub field: &'static str,
    /// `required`, `too_short`, `too_long`, `out_of_range` or `invalid`.
    pub code: &'static str,
    /// Integer arguments of the message (`min`, `max`).
    pub args: Vec<(&'static str, i64)>,
}

impl FieldIssue {
    /// An issue without arguments.
    pub fn new(field: &'static str, code: &'static str) -> Self {
        FieldIssue {
            field,
            code,
            args: Vec::new(),
        }
    }

    /// An issue with arguments.
    pub fn with(field: &'static str, code: &'static str, args: &[(&'static str, i64)]) -> Self {
        FieldIssue {
            field,
            code,
            args: args.to_vec(),
        }
    }
}

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
    #[error("conflict: {0}")]
    Conflict(String),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("internal error: {0}")]
    Internal(String),
}

/// Checks a string's length in characters; pushes an issue when out of bounds.
pub fn check_len(
    issues: &mut Vec<FieldIssue>,
    field: &'static str,
    value: &str,
    min: usize,
    max: usize,
) {
    let n = value.chars().count();
    if n == 0 && min > 0 {
        issues.push(FieldIssue::new(field, "required"));
    } else if n < min {
        issues.push(FieldIssue::with(field, "too_short", &[("min", min as i64)]));
    } else if n > max {
        issues.push(FieldIssue::with(field, "too_long", &[("max", max as i64)]));
    }
}
