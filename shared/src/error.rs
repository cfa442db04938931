//! The one error shape of the API and its stable, snake_case error codes.

use serde::{Deserialize, Serialize};

/// Stable machine-readable error codes. Clients (the web app included) translate these;
/// never rename one, only add.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request could not be parsed (malformed JSON, wrong content type, bad query).
    BadRequest,
    /// One or more fields are invalid; see `fields`.
    ValidationFailed,
    /// No valid credentials were presented.
    Unauthorized,
    /// Username or password is wrong, or the account is disabled.
    InvalidCredentials,
    /// A cookie-authenticated unsafe request lacked the CSRF header.
    CsrfHeaderMissing,
    /// The caller may not do this.
    Forbidden,
    /// The resource does not exist (or is not visible to the caller).
    NotFound,
    /// The request conflicts with the current state: a duplicate name (see `fields`) or
    /// objects that use the one concerned (see `references`).
    Conflict,
    /// Too many attempts; retry later.
    RateLimited,
    /// The HTTP method is not supported on this path.
    MethodNotAllowed,
    /// An unexpected server error; details are in the server log only.
    Internal,
    /// The database cannot be reached.
    DatabaseUnavailable,
    /// A path inside a snapshot is malformed (`..`, NUL byte, bad percent-encoding).
    InvalidPath,
    /// Only regular files can be downloaded (this is a FIFO, socket, device or symlink).
    NotRegularFile,
    /// A restore preview could not be computed (client unreachable, host key, rsync).
    PreviewFailed,
    /// A run of the job (or of one of the client's jobs) is queued or running. (409)
    RunInProgress,
    /// The run has already finished. (409)
    RunFinished,
    /// No host key of the client awaits acceptance. (409)
    NoPendingHostKey,
    /// The first administrator stays an active administrator and cannot be deleted. (409)
    ProtectedUser,
    /// Users cannot delete their own account. (409)
    OwnAccount,
    /// No free name was found for the copy. (409)
    NoFreeName,
}

impl ErrorCode {
    /// Every code, for translation-completeness checks.
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::BadRequest,
        ErrorCode::ValidationFailed,
        ErrorCode::Unauthorized,
        ErrorCode::InvalidCredentials,
        ErrorCode::CsrfHeaderMissing,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::Conflict,
        ErrorCode::RateLimited,
        ErrorCode::MethodNotAllowed,
        ErrorCode::Internal,
        ErrorCode::DatabaseUnavailable,
        ErrorCode::InvalidPath,
        ErrorCode::NotRegularFile,
        ErrorCode::PreviewFailed,
        ErrorCode::RunInProgress,
        ErrorCode::RunFinished,
        ErrorCode::NoPendingHostKey,
        ErrorCode::ProtectedUser,
        ErrorCode::OwnAccount,
        ErrorCode::NoFreeName,
    ];

    /// The snake_case wire name, e.g. `invalid_credentials`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::ValidationFailed => "validation_failed",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::InvalidCredentials => "invalid_credentials",
            ErrorCode::CsrfHeaderMissing => "csrf_header_missing",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::Internal => "internal",
            ErrorCode::DatabaseUnavailable => "database_unavailable",
            ErrorCode::InvalidPath => "invalid_path",
            ErrorCode::NotRegularFile => "not_regular_file",
            ErrorCode::PreviewFailed => "preview_failed",
            ErrorCode::RunInProgress => "run_in_progress",
            ErrorCode::RunFinished => "run_finished",
            ErrorCode::NoPendingHostKey => "no_pending_host_key",
            ErrorCode::ProtectedUser => "protected_user",
            ErrorCode::OwnAccount => "own_account",
            ErrorCode::NoFreeName => "no_free_name",
        }
    }

    /// The Fluent message id that translates this code: `error-` + the code with dashes.
    pub fn message_id(self) -> String {
        format!("error-{}", self.as_str().replace('_', "-"))
    }
}

/// A problem with one field of the request body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field, as named in the request body.
    pub field: String,
    /// Stable code of the problem, e.g. `required`, `too_long`.
    pub code: String,
    /// Human-readable, localised description.
    pub message: String,
}

/// The body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    /// Stable machine-readable code.
    pub code: ErrorCode,
    /// Human-readable message, localised after the request's `Accept-Language`.
    pub message: String,
    /// Per-field problems, for `validation_failed`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// Objects that block the operation, for `conflict` (e.g. the jobs using a policy).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<crate::common::Ref>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_match_serde() {
        for code in ErrorCode::ALL {
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }

    #[test]
    fn message_ids_are_fluent_style() {
        assert_eq!(
            ErrorCode::InvalidCredentials.message_id(),
            "error-invalid-credentials"
        );
    }
}
