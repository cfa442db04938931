//! The one error shape of the API and its stable, snake_case error codes.

use serde::{Deserialize, Serialize};

crate::text::text_enum! {
    /// Stable machine-readable error codes. Clients (the web app included) translate these;
    /// never rename one, only add.
    #[derive(Hash)]
    pub enum ErrorCode {
        /// The request could not be parsed (malformed JSON, wrong content type, bad query).
        BadRequest => "bad_request",
        /// One or more fields are invalid; see `fields`.
        ValidationFailed => "validation_failed",
        /// No valid credentials were presented.
        Unauthorized => "unauthorized",
        /// Username or password is wrong, or the account is disabled.
        InvalidCredentials => "invalid_credentials",
        /// A job's trigger token is missing or wrong, or names a job that does not exist
        /// (or, at the 2.x address, a job of another client). (401)
        InvalidTriggerToken => "invalid_trigger_token",
        /// A cookie-authenticated unsafe request lacked the CSRF header.
        CsrfHeaderMissing => "csrf_header_missing",
        /// The caller may not do this.
        Forbidden => "forbidden",
        /// The resource does not exist (or is not visible to the caller).
        NotFound => "not_found",
        /// The request conflicts with the current state: a duplicate name (see `fields`) or
        /// objects that use the one concerned (see `references`).
        Conflict => "conflict",
        /// Too many attempts; retry later.
        RateLimited => "rate_limited",
        /// The HTTP method is not supported on this path.
        MethodNotAllowed => "method_not_allowed",
        /// An unexpected server error; details are in the server log only.
        Internal => "internal",
        /// The database cannot be reached.
        DatabaseUnavailable => "database_unavailable",
        /// A path inside a snapshot is malformed (`..`, NUL byte, bad percent-encoding).
        InvalidPath => "invalid_path",
        /// Only regular files can be downloaded (this is a FIFO, socket, device or symlink).
        NotRegularFile => "not_regular_file",
        /// A restore preview could not be computed (client unreachable, host key, rsync).
        PreviewFailed => "preview_failed",
        /// Restores to this client are not enabled: its restore key is not installed
        /// there (or it has none yet). Install the `restore_key_line` of the client in
        /// the `authorized_keys` of its ssh user. (409)
        RestoreKeyMissing => "restore_key_missing",
        /// A run of the job (or of one of the client's jobs) is queued or running. (409)
        RunInProgress => "run_in_progress",
        /// The run has already finished. (409)
        RunFinished => "run_finished",
        /// No host key of the client awaits acceptance. (409)
        NoPendingHostKey => "no_pending_host_key",
        /// The first administrator stays an active administrator and cannot be deleted. (409)
        ProtectedUser => "protected_user",
        /// Users cannot delete their own account. (409)
        OwnAccount => "own_account",
        /// No free name was found for the copy. (409)
        NoFreeName => "no_free_name",
        /// The client (or job) is a copy made by replication: read-only until taken
        /// over. (409)
        CopiedReadOnly => "copied_read_only",
        /// The primary server did not answer (address, network, TLS). (502)
        PrimaryUnreachable => "primary_unreachable",
        /// The primary server refused the replication token, or answered something
        /// unusable. (502)
        PrimaryRefused => "primary_refused",
        /// The primary's ssh host key awaits acceptance. (409)
        HostKeyPending => "host_key_pending",
        /// The primary's ssh host key differs from the accepted one. (409)
        HostKeyMismatch => "host_key_mismatch",
        /// The password is right and the account signs in with a second factor: send the
        /// login again with `code`. (401)
        SecondFactorRequired => "second_factor_required",
        /// The code is wrong, expired or already used. (401)
        InvalidSecondFactor => "invalid_second_factor",
        /// This administrator must set up two-factor sign-in (`/api/me/totp`) before
        /// anything else: the settings require it. (403)
        TwoFactorSetupRequired => "two_factor_setup_required",
        /// Administrators must keep two-factor sign-in: the settings require it. (409)
        TwoFactorRequired => "two_factor_required",
        /// Two-factor sign-in is already on: a new secret replaces it only after turning it
        /// off, which takes a code. (409)
        TwoFactorAlreadyOn => "two_factor_already_on",
    }
}

impl ErrorCode {
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
    fn message_ids_are_fluent_style() {
        assert_eq!(
            ErrorCode::InvalidCredentials.message_id(),
            "error-invalid-credentials"
        );
    }
}
