//! `/api/auth`: login (JWT in the body and as an HttpOnly cookie), logout, current user.

use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use shared::{ApiError, LoginRequest, LoginResponse, Me, SESSION_COOKIE};

use super::auth_user::AuthUser;
use super::error::{ApiResult, AppError};
use super::json::ApiJson;
use crate::config::Config;
use crate::domain::accounts::me_of;
use crate::domain::sessions;
use crate::state::AppState;

/// The session cookie: HttpOnly, SameSite=Strict, Secure over HTTPS (built in or behind a
/// proxy), and sent only under the path prefix the server is served at.
fn session_cookie(value: String, max_age_secs: i64, config: &Config) -> Cookie<'static> {
    let path = if config.url_prefix.is_empty() {
        "/".to_owned()
    } else {
        config.url_prefix.clone()
    };
    Cookie::build(SESSION_COOKIE, value)
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(config.cookies_secure())
        .path(path)
        .max_age(CookieDuration::seconds(max_age_secs))
        .finish()
}

/// Sign in.
///
/// Returns a JWT for `Authorization: Bearer` and sets it as an HttpOnly, SameSite=Strict
/// session cookie for browsers. An account with two-factor sign-in also needs `code`: sent
/// without it, the right password gets 401 `second_factor_required`. Repeated failures
/// for one username from one address are refused with 429 for a while.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = LoginResponse),
        (status = 400, description = "Malformed request body", body = ApiError),
        (status = 401, description = "Wrong username or password (`invalid_credentials`); for an account with two-factor sign-in, no `code` (`second_factor_required`) or a wrong, expired or replayed one (`invalid_second_factor`)", body = ApiError),
        (status = 429, description = "Too many failed attempts; see `Retry-After`", body = ApiError),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: ApiJson<LoginRequest>,
) -> ApiResult<HttpResponse> {
    let ip = req
        .peer_addr()
        .map(|a| a.ip())
        .ok_or_else(|| AppError::internal("request without peer address"))?;
    let agent = req
        .headers()
        .get(actix_web::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let credentials = sessions::Credentials {
        username: &body.username,
        password: &body.password,
        code: body.code.as_deref(),
    };
    let done = sessions::login(state.sessions(), credentials, ip, agent).await?;
    let max_age = state.config.session_minutes * 60;
    Ok(HttpResponse::Ok()
        .cookie(session_cookie(done.token.clone(), max_age, &state.config))
        .json(LoginResponse {
            token: done.token,
            expires_at: done.expires_at,
            user: done.user,
        }))
}

/// Sign out.
///
/// Ends the session of the presented JWT and clears the cookie. With an API token it only
/// clears the cookie (revoke tokens with `DELETE /api/tokens/{id}`).
#[utoipa::path(
    tag = "auth",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Cookie session without the CSRF header", body = ApiError),
    )
)]
#[post("/auth/logout")]
pub async fn logout(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    if let Some(sid) = user.session {
        sessions::logout(&state.pool, sid, user.actor(), &user.user.username).await?;
    }
    let mut gone = session_cookie(String::new(), 0, &state.config);
    gone.make_removal();
    Ok(HttpResponse::NoContent().cookie(gone).finish())
}

/// The signed-in user.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 200, description = "The caller", body = Me),
        (status = 401, description = "Not signed in", body = ApiError),
    )
)]
#[get("/auth/me")]
pub async fn me(user: AuthUser) -> ApiResult<web::Json<Me>> {
    Ok(web::Json(me_of(&user.user, user.setup_required)))
}
