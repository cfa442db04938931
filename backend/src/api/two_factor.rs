//! `/api/me/totp`: the caller's two-factor sign-in (set up, confirm, recovery codes, turn
//! off), and `/api/users/{id}/totp`, an administrator's reset of someone else's.

use actix_web::{delete, get, post, web, HttpResponse};
use shared::two_factor::{
    RecoveryCodes, TotpCode, TotpDisable, TotpSetup, TotpSetupRequest, TotpStatus,
};
use shared::ApiError;

use super::auth_user::AuthUser;
use super::error::ApiResult;
use super::json::ApiJson;
use crate::domain::two_factor;
use crate::state::AppState;

/// Your second factor.
#[utoipa::path(
    tag = "me",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 200, description = "Whether it is on, since when, and the recovery codes left", body = TotpStatus),
        (status = 401, description = "Not signed in", body = ApiError),
    )
)]
#[get("/me/totp")]
pub async fn get_totp(
    state: web::Data<AppState>,
    user: AuthUser,
) -> ApiResult<web::Json<TotpStatus>> {
    Ok(web::Json(
        two_factor::status(&state.pool, user.actor()).await?,
    ))
}

/// Start setting up two-factor sign-in.
///
/// Checks your password and returns a new secret with its QR code, for an authenticator
/// app (any RFC 6238 app: 6 digits, 30 seconds). Nothing changes until you confirm it
/// with a code; calling this again replaces the secret waiting for confirmation. While
/// two-factor sign-in is on, turn it off first (that takes a code).
#[utoipa::path(
    tag = "me",
    security(("bearer" = []), ("cookie" = [])),
    request_body = TotpSetupRequest,
    responses(
        (status = 200, description = "The secret to enrol", body = TotpSetup),
        (status = 400, description = "Malformed request body", body = ApiError),
        (status = 401, description = "Not signed in, or the password is wrong (`invalid_credentials`)", body = ApiError),
        (status = 403, description = "Cookie session without the CSRF header", body = ApiError),
        (status = 409, description = "Two-factor sign-in is already on (`two_factor_already_on`)", body = ApiError),
    )
)]
#[post("/me/totp/setup")]
pub async fn setup_totp(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ApiJson<TotpSetupRequest>,
) -> ApiResult<web::Json<TotpSetup>> {
    let body = body.into_inner();
    Ok(web::Json(
        two_factor::begin_setup(&state.pool, user.actor(), body.password).await?,
    ))
}

/// Confirm two-factor sign-in.
///
/// With a code of the secret from `setup`, turns two-factor sign-in on and returns 10
/// recovery codes, shown this once: each signs in once in place of a code from the app.
#[utoipa::path(
    tag = "me",
    security(("bearer" = []), ("cookie" = [])),
    request_body = TotpCode,
    responses(
        (status = 200, description = "On; the recovery codes", body = RecoveryCodes),
        (status = 400, description = "Malformed request body", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Cookie session without the CSRF header", body = ApiError),
        (status = 422, description = "Field `code`: `invalid_code`, or `setup_not_started`", body = ApiError),
        (status = 429, description = "Too many wrong codes; see `Retry-After`", body = ApiError),
    )
)]
#[post("/me/totp/confirm")]
pub async fn confirm_totp(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ApiJson<TotpCode>,
) -> ApiResult<web::Json<RecoveryCodes>> {
    Ok(web::Json(
        two_factor::confirm(&state.pool, &state.limiter, user.actor(), &body.code).await?,
    ))
}

/// Make new recovery codes.
///
/// After a valid code, replaces your recovery codes (the old ones stop working) and
/// returns the new ones, shown this once.
#[utoipa::path(
    tag = "me",
    security(("bearer" = []), ("cookie" = [])),
    request_body = TotpCode,
    responses(
        (status = 200, description = "The new recovery codes", body = RecoveryCodes),
        (status = 400, description = "Malformed request body", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Cookie session without the CSRF header", body = ApiError),
        (status = 422, description = "Field `code`: `invalid_code`, or `not_enabled`", body = ApiError),
        (status = 429, description = "Too many wrong codes; see `Retry-After`", body = ApiError),
    )
)]
#[post("/me/totp/recovery-codes")]
pub async fn renew_recovery_codes(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ApiJson<TotpCode>,
) -> ApiResult<web::Json<RecoveryCodes>> {
    Ok(web::Json(
        two_factor::renew_recovery_codes(&state.pool, &state.limiter, user.actor(), &body.code)
            .await?,
    ))
}

/// Turn two-factor sign-in off.
///
/// Needs your password and a code (or a recovery code). Administrators cannot while the
/// settings require a second factor of them.
#[utoipa::path(
    tag = "me",
    security(("bearer" = []), ("cookie" = [])),
    request_body = TotpDisable,
    responses(
        (status = 204, description = "Off"),
        (status = 400, description = "Malformed request body", body = ApiError),
        (status = 401, description = "Not signed in, or the password is wrong (`invalid_credentials`)", body = ApiError),
        (status = 403, description = "Cookie session without the CSRF header", body = ApiError),
        (status = 409, description = "Required of administrators (`two_factor_required`)", body = ApiError),
        (status = 422, description = "Field `code`: `invalid_code`, or `not_enabled`", body = ApiError),
        (status = 429, description = "Too many wrong codes; see `Retry-After`", body = ApiError),
    )
)]
#[post("/me/totp/disable")]
pub async fn disable_totp(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ApiJson<TotpDisable>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    two_factor::disable(
        &state.pool,
        &state.limiter,
        user.actor(),
        body.password,
        &body.code,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Reset a user's second factor (admins).
///
/// For a lost phone: the user signs in with their password alone until they set up a new
/// second factor (at once, if they are an administrator and the settings require one).
/// Their recovery codes are deleted. Audited as `totp_reset`.
#[utoipa::path(
    tag = "users",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 204, description = "Reset"),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 404, description = "No such user", body = ApiError),
    )
)]
#[delete("/users/{id}/totp")]
pub async fn reset_user_totp(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    two_factor::reset(&state.pool, user.actor(), *id).await?;
    Ok(HttpResponse::NoContent().finish())
}
