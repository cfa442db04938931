//! `/api/settings`: runtime settings, for administrators.

use actix_web::{get, put, web};
use shared::settings::{Settings, SettingsInput};
use shared::ApiError;

use super::auth_user::AuthUser;
use super::error::ApiResult;
use super::json::ApiJson;
use crate::domain::settings;
use crate::state::AppState;

/// The settings (admins).
///
/// The mail password is never returned; `mail_password_set` says whether one is stored.
#[utoipa::path(
    tag = "settings",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 200, description = "The settings", body = Settings),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
    )
)]
#[get("/settings")]
pub async fn get_settings(
    state: web::Data<AppState>,
    user: AuthUser,
) -> ApiResult<web::Json<Settings>> {
    Ok(web::Json(settings::get(&state.pool, user.actor()).await?))
}

/// Replace the settings (admins).
///
/// Omit `mail_password` to keep the stored one; send `""` to remove it.
#[utoipa::path(
    tag = "settings",
    security(("bearer" = []), ("cookie" = [])),
    request_body = SettingsInput,
    responses(
        (status = 200, description = "Saved", body = Settings),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 422, description = "Invalid fields", body = ApiError),
    )
)]
#[put("/settings")]
pub async fn put_settings(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ApiJson<SettingsInput>,
) -> ApiResult<web::Json<Settings>> {
    Ok(web::Json(
        settings::put(&state.pool, user.actor(), &body).await?,
    ))
}
