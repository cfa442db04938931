//! `/api/tokens`: personal API tokens for scripts. The secret is shown once, at creation.

use actix_web::{delete, get, post, web, HttpResponse};
use shared::{ApiError, CreateToken, TokenCreated, TokenInfo};

use super::auth_user::AuthUser;
use super::error::ApiResult;
use super::json::ApiJson;
use crate::domain::tokens;
use crate::state::AppState;

/// Your API tokens.
#[utoipa::path(
    tag = "tokens",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 200, description = "Your tokens, newest first (never the secrets)", body = [TokenInfo]),
        (status = 401, description = "Not signed in", body = ApiError),
    )
)]
#[get("/tokens")]
pub async fn list_tokens(
    state: web::Data<AppState>,
    user: AuthUser,
) -> ApiResult<web::Json<Vec<TokenInfo>>> {
    Ok(web::Json(tokens::list(&state.pool, user.user.id).await?))
}

/// Create an API token.
///
/// The response holds the secret; it is stored hashed and cannot be shown again. Use it as
/// `Authorization: Bearer <token>`. It acts with your permissions until revoked. With
/// two-factor sign-in on, it needs a fresh `code`: a session alone cannot make one.
#[utoipa::path(
    tag = "tokens",
    security(("bearer" = []), ("cookie" = [])),
    request_body = CreateToken,
    responses(
        (status = 201, description = "Created; `token` is the secret", body = TokenCreated),
        (status = 400, description = "Malformed request body", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Cookie session without the CSRF header", body = ApiError),
        (status = 422, description = "The name is empty or too long; for a user with two-factor sign-in, field `code` missing (`required`) or wrong (`invalid_code`)", body = ApiError),
        (status = 429, description = "Too many wrong codes; see `Retry-After`", body = ApiError),
    )
)]
#[post("/tokens")]
pub async fn create_token(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ApiJson<CreateToken>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let created = tokens::create(
        &state.pool,
        &state.limiter,
        user.actor(),
        &body.name,
        body.code.as_deref(),
    )
    .await?;
    Ok(HttpResponse::Created().json(created))
}

/// Revoke an API token.
#[utoipa::path(
    tag = "tokens",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Token id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Cookie session without the CSRF header", body = ApiError),
        (status = 404, description = "No such token of yours", body = ApiError),
    )
)]
#[delete("/tokens/{id}")]
pub async fn delete_token(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    tokens::revoke(&state.pool, user.actor(), path.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
