//! The API's error type: the only place where failures become HTTP statuses. Bodies are
//! `shared::ApiError`; 500s are opaque to the client and logged in full.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use shared::{ApiError, ErrorCode, FieldError, Language};

use crate::db::DbError;
use crate::domain::{DomainError, FieldIssue};
use crate::i18n::translations;

/// An error on its way to the client.
#[derive(Debug, Clone)]
pub struct AppError {
    pub code: ErrorCode,
    pub fields: Vec<FieldIssue>,
    /// Seconds to wait, for 429.
    pub retry_after: Option<u64>,
    /// What blocks the operation, for 409.
    pub references: Vec<shared::common::Ref>,
}

impl AppError {
    /// An error with only a code.
    pub fn new(code: ErrorCode) -> Self {
        AppError {
            code,
            fields: Vec::new(),
            retry_after: None,
            references: Vec::new(),
        }
    }

    /// An unexpected failure: logged here with its detail, opaque to the client.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!("internal error: {detail}");
        AppError::new(ErrorCode::Internal)
    }

    /// Renders the body in `lang`.
    pub fn body(&self, lang: Language) -> ApiError {
        let t = translations();
        ApiError {
            code: self.code,
            message: t.get(lang, &self.code.message_id(), &[]),
            fields: self
                .fields
                .iter()
                .map(|f| FieldError {
                    field: f.field.clone(),
                    code: f.code.to_owned(),
                    message: t.get(
                        lang,
                        &format!("validation-{}", f.code.replace('_', "-")),
                        &f.args,
                    ),
                })
                .collect(),
            references: self.references.clone(),
        }
    }
}

/// HTTP status of each code.
pub fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::BadRequest => StatusCode::BAD_REQUEST,
        ErrorCode::ValidationFailed => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::Unauthorized
        | ErrorCode::InvalidCredentials
        | ErrorCode::InvalidTriggerToken
        | ErrorCode::SecondFactorRequired
        | ErrorCode::InvalidSecondFactor => StatusCode::UNAUTHORIZED,
        ErrorCode::CsrfHeaderMissing | ErrorCode::Forbidden | ErrorCode::TwoFactorSetupRequired => {
            StatusCode::FORBIDDEN
        }
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::Conflict => StatusCode::CONFLICT,
        ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        ErrorCode::DatabaseUnavailable => StatusCode::SERVICE_UNAVAILABLE,
        ErrorCode::InvalidPath => StatusCode::BAD_REQUEST,
        ErrorCode::NotRegularFile => StatusCode::CONFLICT,
        ErrorCode::PreviewFailed | ErrorCode::PrimaryUnreachable | ErrorCode::PrimaryRefused => {
            StatusCode::BAD_GATEWAY
        }
        ErrorCode::RunInProgress
        | ErrorCode::RunFinished
        | ErrorCode::NoPendingHostKey
        | ErrorCode::ProtectedUser
        | ErrorCode::OwnAccount
        | ErrorCode::NoFreeName
        | ErrorCode::CopiedReadOnly
        | ErrorCode::RestoreKeyMissing
        | ErrorCode::HostKeyPending
        | ErrorCode::HostKeyMismatch
        | ErrorCode::TwoFactorRequired
        | ErrorCode::TwoFactorAlreadyOn => StatusCode::CONFLICT,
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code.as_str())
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        status_of(self.code)
    }

    fn error_response(&self) -> HttpResponse {
        let mut res = HttpResponse::build(self.status_code());
        if let Some(secs) = self.retry_after {
            res.insert_header((header::RETRY_AFTER, HeaderValue::from(secs)));
        }
        if self.code == ErrorCode::Unauthorized {
            res.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        let mut res = res.json(self.body(Language::En));
        // The localisation middleware re-renders the body in the caller's language.
        res.extensions_mut().insert(self.clone());
        res
    }
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::Connection(detail) => {
                tracing::error!("database unavailable: {detail}");
                AppError::new(ErrorCode::DatabaseUnavailable)
            }
            other => AppError::internal(other),
        }
    }
}

impl From<DomainError> for AppError {
    fn from(e: DomainError) -> Self {
        match e {
            DomainError::Validation(fields) => AppError {
                fields,
                ..AppError::new(ErrorCode::ValidationFailed)
            },
            DomainError::InvalidCredentials => AppError::new(ErrorCode::InvalidCredentials),
            DomainError::RateLimited(wait) => AppError {
                retry_after: Some(wait.as_secs().max(1)),
                ..AppError::new(ErrorCode::RateLimited)
            },
            DomainError::NotFound => AppError::new(ErrorCode::NotFound),
            DomainError::Forbidden => AppError::new(ErrorCode::Forbidden),
            DomainError::BadRequest => AppError::new(ErrorCode::BadRequest),
            DomainError::Conflict(_) => AppError::new(ErrorCode::Conflict),
            DomainError::Duplicate(field) => AppError {
                fields: vec![FieldIssue::new(field, "duplicate")],
                ..AppError::new(ErrorCode::Conflict)
            },
            DomainError::InUse(references) => AppError {
                references,
                ..AppError::new(ErrorCode::Conflict)
            },
            DomainError::Code(code) => AppError::new(code),
            DomainError::Db(db) => db.into(),
            DomainError::Internal(detail) => AppError::internal(detail),
        }
    }
}

/// Result type of handlers.
pub type ApiResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_status_and_message() {
        for code in ErrorCode::ALL {
            let s = status_of(code);
            assert!(s.is_client_error() || s.is_server_error());
            let body = AppError::new(code).body(Language::Eu);
            assert!(!body.message.is_empty());
        }
    }

    #[test]
    fn field_messages_are_localised_with_arguments() {
        let e: AppError = DomainError::Validation(vec![FieldIssue::with(
            "page_size",
            "out_of_range",
            &[("min", 5), ("max", 500)],
        )])
        .into();
        let es = e.body(Language::Es);
        assert_eq!(es.code, ErrorCode::ValidationFailed);
        assert_eq!(es.fields[0].message, "Debe estar entre 5 y 500.");
        assert_eq!(
            e.body(Language::En).fields[0].message,
            "Must be between 5 and 500."
        );
    }
}
