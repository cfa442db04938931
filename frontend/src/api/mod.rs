//! The JSON API client: the only place that knows the server's URLs. Every call goes to
//! the same origin with the session cookie; unsafe methods carry the CSRF header.
//! Account calls live here, the catalog (clients, jobs, policies, …) in `catalog`.
//! Calls name the API's paths (`/api/jobs`, as in `openapi.yaml`); [`url`] alone turns
//! them into addresses under the path prefix the app is served at.

pub mod catalog;
#[allow(dead_code, reason = "the histories are for the job and client pages")]
pub mod dashboard;
pub mod logs;
pub mod notifications;
pub mod query;
pub mod replication;
pub mod runs;
pub mod snapshots;
pub mod two_factor;

pub use query::ListQuery;

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use shared::common::Ref;
use shared::{
    ApiError, ChangePassword, CreateToken, ErrorCode, FieldError, Health, LoginRequest,
    LoginResponse, Me, Preferences, TokenCreated, TokenInfo, CSRF_HEADER,
};
use web_sys::RequestCredentials;

use crate::i18n;

/// Why an API call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// HTTP status; 0 when the server could not be reached or answered nonsense.
    pub status: u16,
    /// The error code from the body, if the body was a readable `ApiError`.
    pub code: Option<ErrorCode>,
    /// Per-field problems, for `validation_failed`.
    pub fields: Vec<FieldError>,
    /// The server's own (localised) message; empty when there was no readable body.
    pub server_message: String,
    /// What blocks the operation, for `conflict` (e.g. the jobs using a policy).
    pub references: Vec<Ref>,
}

impl Failure {
    /// A failure without a readable body.
    pub fn bare(status: u16) -> Self {
        Failure {
            status,
            code: None,
            fields: Vec::new(),
            server_message: String::new(),
            references: Vec::new(),
        }
    }

    fn network() -> Self {
        Failure::bare(0)
    }

    /// True when the session is gone (expired, logged out elsewhere): the app must show
    /// the login page. A wrong password (`invalid_credentials`) is not that.
    pub fn session_expired(&self) -> bool {
        self.status == 401
            && !matches!(
                self.code,
                Some(
                    ErrorCode::InvalidCredentials
                        | ErrorCode::SecondFactorRequired
                        | ErrorCode::InvalidSecondFactor
                )
            )
    }

    /// The problem reported for one field of the request body, if any.
    pub fn field(&self, name: &str) -> Option<&FieldError> {
        self.fields.iter().find(|f| f.field == name)
    }

    /// A localised sentence describing the failure: the server's own message (it is
    /// localised after our `Accept-Language`, and the server owns the texts of its error
    /// codes); ours only when the server could not be reached or sent no readable body.
    pub fn message(&self) -> String {
        if !self.server_message.is_empty() {
            self.server_message.clone()
        } else if self.status == 0 && self.code.is_none() {
            i18n::network_error_text()
        } else {
            i18n::unknown_error_text()
        }
    }

    /// Like [`Failure::message`], but a conflict caused by objects that use the one
    /// concerned says so (the objects are in `references`).
    pub fn explain(&self) -> String {
        if self.code == Some(ErrorCode::Conflict) && !self.references.is_empty() {
            i18n::in_use_text()
        } else {
            self.message()
        }
    }

    /// True for a conflict that names no blocking objects (a name already taken; every
    /// other conflict has its own code).
    pub fn plain_conflict(&self) -> bool {
        self.code == Some(ErrorCode::Conflict) && self.references.is_empty()
    }
}

/// The result of an API call.
pub type ApiResult<T> = Result<T, Failure>;

/// The address of an API path (`/api/jobs?page=2`) under the app's path prefix: the one
/// place where API addresses are made, for requests, the event stream and download links.
pub fn url(path: &str) -> String {
    crate::paths::join(crate::paths::prefix(), path)
}

/// `GET path`, as JSON, with the session cookie.
pub(crate) fn get(path: &str) -> RequestBuilder {
    common(Request::get(&url(path)))
}

/// `GET path`, decoding the JSON answer.
pub(crate) async fn get_json<T: DeserializeOwned>(path: &str) -> ApiResult<T> {
    decode(send(get(path)).await?).await
}

/// `POST path` with a JSON body, decoding the JSON answer.
pub(crate) async fn post_json<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> ApiResult<T> {
    decode(send_json(unsafe_method(Request::post(&url(path))), body).await?).await
}

/// `POST path` without a body, decoding the JSON answer.
pub(crate) async fn post_empty<T: DeserializeOwned>(path: &str) -> ApiResult<T> {
    decode(send(unsafe_method(Request::post(&url(path)))).await?).await
}

/// `PUT path` with a JSON body, decoding the JSON answer.
pub(crate) async fn put_json<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> ApiResult<T> {
    decode(send_json(unsafe_method(Request::put(&url(path))), body).await?).await
}

/// `PUT path` with a JSON body, for answers without a body (204).
pub(crate) async fn put_no_content<B: Serialize>(path: &str, body: &B) -> ApiResult<()> {
    send_json(unsafe_method(Request::put(&url(path))), body)
        .await
        .map(drop)
}

/// `DELETE path`.
pub(crate) async fn delete(path: &str) -> ApiResult<()> {
    send(unsafe_method(Request::delete(&url(path))))
        .await
        .map(drop)
}

/// POST, PUT, PATCH and DELETE: the server refuses them without the CSRF header.
fn unsafe_method(builder: RequestBuilder) -> RequestBuilder {
    common(builder).header(CSRF_HEADER, "1")
}

fn common(builder: RequestBuilder) -> RequestBuilder {
    builder
        .credentials(RequestCredentials::SameOrigin)
        .header("Accept", "application/json")
        // So that the server's own messages (e.g. for field errors) are in our language.
        .header("Accept-Language", i18n::current().tag())
}

async fn send(builder: RequestBuilder) -> ApiResult<Response> {
    let request = builder.build().map_err(|_| Failure::network())?;
    let response = request.send().await.map_err(|_| Failure::network())?;
    if response.ok() {
        Ok(response)
    } else {
        Err(failure_from(&response).await)
    }
}

async fn send_json<B: Serialize>(builder: RequestBuilder, body: &B) -> ApiResult<Response> {
    let request = builder.json(body).map_err(|_| Failure::network())?;
    let response = request.send().await.map_err(|_| Failure::network())?;
    if response.ok() {
        Ok(response)
    } else {
        Err(failure_from(&response).await)
    }
}

pub(crate) async fn failure_from(response: &Response) -> Failure {
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    failure_from_body(status, &text)
}

/// The failure described by an error body. A code this app does not know yet still
/// keeps the server's (localised) message.
fn failure_from_body(status: u16, text: &str) -> Failure {
    if let Ok(body) = serde_json::from_str::<ApiError>(text) {
        return Failure {
            status,
            code: Some(body.code),
            fields: body.fields,
            server_message: body.message,
            references: body.references,
        };
    }
    let message = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("message")?.as_str().map(str::to_owned))
        .unwrap_or_default();
    Failure {
        server_message: message,
        ..Failure::bare(status)
    }
}

async fn decode<T: DeserializeOwned>(response: Response) -> ApiResult<T> {
    let status = response.status();
    response
        .json::<T>()
        .await
        .map_err(|_| Failure::bare(status))
}

/// `POST /api/auth/login`: signs in and sets the session cookie.
pub async fn login(body: &LoginRequest) -> ApiResult<LoginResponse> {
    post_json("/api/auth/login", body).await
}

/// `POST /api/auth/logout`: ends the session and clears the cookie.
pub async fn logout() -> ApiResult<()> {
    send(unsafe_method(Request::post(&url("/api/auth/logout"))))
        .await
        .map(drop)
}

/// `GET /api/auth/me`: the signed-in user, or a 401 failure.
pub async fn me() -> ApiResult<Me> {
    decode(send(get("/api/auth/me")).await?).await
}

/// `GET /api/me/preferences`.
pub async fn preferences() -> ApiResult<Preferences> {
    decode(send(get("/api/me/preferences")).await?).await
}

/// `PUT /api/me/preferences`: saves language and page size.
pub async fn save_preferences(body: &Preferences) -> ApiResult<Preferences> {
    put_json("/api/me/preferences", body).await
}

/// `PUT /api/me/password`.
pub async fn change_password(body: &ChangePassword) -> ApiResult<()> {
    put_no_content("/api/me/password", body).await
}

/// `GET /api/tokens`: the user's API tokens, without their secrets.
pub async fn tokens() -> ApiResult<Vec<TokenInfo>> {
    decode(send(get("/api/tokens")).await?).await
}

/// `POST /api/tokens`: creates a token; the answer holds its secret, shown once.
pub async fn create_token(body: &CreateToken) -> ApiResult<TokenCreated> {
    post_json("/api/tokens", body).await
}

/// `DELETE /api/tokens/{id}`: revokes a token.
pub async fn revoke_token(id: i64) -> ApiResult<()> {
    delete(&format!("/api/tokens/{id}")).await
}

/// `GET /api/me/sessions`: the user's live sessions.
pub async fn sessions() -> ApiResult<Vec<shared::SessionInfo>> {
    decode(send(get("/api/me/sessions")).await?).await
}

/// `DELETE /api/me/sessions/{id}`: ends one of the user's sessions.
pub async fn end_session(id: &str) -> ApiResult<()> {
    delete(&format!("/api/me/sessions/{id}")).await
}

/// `DELETE /api/users/{id}/sessions` (administrators): ends every session of a user.
pub async fn end_user_sessions(id: i64) -> ApiResult<()> {
    delete(&format!("/api/users/{id}/sessions")).await
}

/// `GET /api/health`: server status and version.
pub async fn health() -> ApiResult<Health> {
    decode(send(get("/api/health")).await?).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(status: u16, code: Option<ErrorCode>) -> Failure {
        Failure {
            code,
            ..Failure::bare(status)
        }
    }

    #[test]
    fn wrong_password_is_not_an_expired_session() {
        assert!(failure(401, Some(ErrorCode::Unauthorized)).session_expired());
        assert!(failure(401, None).session_expired());
        assert!(!failure(401, Some(ErrorCode::InvalidCredentials)).session_expired());
        assert!(!failure(403, Some(ErrorCode::Forbidden)).session_expired());
    }

    #[test]
    fn unknown_codes_keep_the_message() {
        let f = failure_from_body(502, r#"{"code":"some_new_code","message":"No se pudo"}"#);
        assert_eq!(
            (f.status, f.code, f.server_message.as_str()),
            (502, None, "No se pudo")
        );
        let f = failure_from_body(403, r#"{"code":"forbidden","message":"No"}"#);
        assert_eq!(f.code, Some(ErrorCode::Forbidden));
        assert_eq!(failure_from_body(500, "oops"), Failure::bare(500));
    }

    #[test]
    fn finds_field_errors() {
        let mut f = failure(422, Some(ErrorCode::ValidationFailed));
        f.fields.push(FieldError {
            field: "page_size".into(),
            code: "out_of_range".into(),
            message: "5..=500".into(),
        });
        assert!(f.field("page_size").is_some());
        assert!(f.field("language").is_none());
    }
}
