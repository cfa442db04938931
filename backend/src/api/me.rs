//! `/api/me`: the signed-in user's preferences, password and sessions.

use actix_web::{delete, get, put, web, HttpResponse};
use shared::{ApiError, ChangePassword, Preferences, SessionInfo};

use super::auth_user::AuthUser;
use super::error::ApiResult;
use super::json::ApiJson;
use crate::domain::{accounts, sessions};
use crate::state::AppState;

/// Your preferences.
#[utoipa::path(
    tag = "me",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 200, description = "Language and page size", body = Preferences),
        (status = 401, description = "Not signed in", body = ApiError),
    )
)]
#[get("/me/preferences")]
pub async fn get_preferences(user: AuthUser) -> ApiResult<web::Json<Preferences>> {
    Ok(web::Json(accounts::preferences_of(&user.user)))
}

/// Change your preferences.
///
/// The language is used by the web app on every device you sign in from.
#[utoipa::path(
    tag = "me",
    security(("bearer" = []), ("cookie" = [])),
    request_body = Preferences,
    responses(
        (status = 200, description = "Saved", body = Preferences),
        (status = 400, description = "Malformed request body", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Cookie session without the CSRF header", body = ApiError),
        (status = 422, description = "A value is out of range (`fields` says which)", body = ApiError),
    )
)]
#[put("/me/preferences")]
pub async fn put_preferences(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ApiJson<Preferences>,
) -> ApiResult<web::Json<Preferences>> {
    let saved = accounts::set_preferences(&state.pool, user.user.id, &body).await?;
    Ok(web::Json(saved))
}

/// Change your password.
///
/// Requires the current password. Your other sessions end (all of them, when called with
/// an API token); API tokens stay valid.
#[utoipa::path(
    tag = "me",
    security(("bearer" = []), ("cookie" = [])),
    request_body = ChangePassword,
    responses(
        (status = 204, description = "Changed"),
        (status = 400, description = "Malformed request body", body = ApiError),
        (status = 401, description = "Not signed in, or the current password is wrong (`invalid_credentials`)", body = ApiError),
        (status = 403, description = "Cookie session without the CSRF header", body = ApiError),
        (status = 422, description = "The new password is too short, too long or too easy to guess (`too_weak`, with the reason)", body = ApiError),
    )
)]
#[put("/me/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ApiJson<ChangePassword>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    accounts::change_password(
        &state.pool,
        user.actor(),
        user.session,
        body.current_password,
        body.new_password,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Your sessions.
///
/// Every browser signed in as you, the most recently used first, with where and when each
/// signed in; `current` is the one asking. End the ones you do not recognise.
#[utoipa::path(
    tag = "me",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 200, description = "Your live sessions", body = [SessionInfo]),
        (status = 401, description = "Not signed in", body = ApiError),
    )
)]
#[get("/me/sessions")]
pub async fn list_sessions(
    state: web::Data<AppState>,
    user: AuthUser,
) -> ApiResult<web::Json<Vec<SessionInfo>>> {
    Ok(web::Json(
        sessions::list(&state.pool, user.user.id, user.session).await?,
    ))
}

/// End one of your sessions.
///
/// It is refused from its next request on (401). Ending the current one signs you out
/// like `POST /api/auth/logout`, without clearing the cookie.
#[utoipa::path(
    tag = "me",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = String, Path, description = "Session id, from `GET /api/me/sessions`")),
    responses(
        (status = 204, description = "Ended"),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Cookie session without the CSRF header", body = ApiError),
        (status = 404, description = "No such session of yours", body = ApiError),
    )
)]
#[delete("/me/sessions/{id}")]
pub async fn end_session(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    sessions::end(&state.pool, user.actor(), &user.user.username, &path).await?;
    Ok(HttpResponse::NoContent().finish())
}
