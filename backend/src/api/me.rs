//! `/api/me`: the signed-in user's preferences and password.

use actix_web::{get, put, web, HttpResponse};
use shared::{ApiError, ChangePassword, Preferences};

use super::auth_user::AuthUser;
use super::error::ApiResult;
use super::json::ApiJson;
use crate::domain::accounts;
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
/// Requires the current password. Other sessions stay signed in.
#[utoipa::path(
    tag = "me",
    security(("bearer" = []), ("cookie" = [])),
    request_body = ChangePassword,
    responses(
        (status = 204, description = "Changed"),
        (status = 400, description = "Malformed request body", body = ApiError),
        (status = 401, description = "Not signed in, or the current password is wrong (`invalid_credentials`)", body = ApiError),
        (status = 403, description = "Cookie session without the CSRF header", body = ApiError),
        (status = 422, description = "The new password is too short or too long", body = ApiError),
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
        body.current_password,
        body.new_password,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
