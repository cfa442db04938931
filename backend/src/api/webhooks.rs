//! `/api/webhooks`: the addresses notified of the events they want, and their test
//! (administrators). The secret is write-only.

use actix_web::{delete, get, post, put, web, HttpResponse};
use shared::notifications::{DeliveryReport, Webhook, WebhookInput};
use shared::ApiError;

use super::auth_user::AuthUser;
use super::error::ApiResult;
use super::json::ApiJson;
use crate::domain::webhooks;
use crate::state::AppState;

/// List webhooks (admins).
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 200, description = "Every webhook, by name", body = Vec<Webhook>),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
    )
)]
#[get("/webhooks")]
pub async fn list_webhooks(
    state: web::Data<AppState>,
    user: AuthUser,
) -> ApiResult<web::Json<Vec<Webhook>>> {
    Ok(web::Json(webhooks::list(&state.pool, user.actor()).await?))
}

/// Create a webhook (admins).
///
/// Each notification it wants is posted as a `WebhookBody`; with a secret, the header
/// `X-ElkarBackup-Signature: sha256=<hex>` holds the HMAC-SHA256 of the body's bytes.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = []), ("cookie" = [])),
    request_body = WebhookInput,
    responses(
        (status = 201, description = "Created", body = Webhook),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 409, description = "The name is taken", body = ApiError),
        (status = 422, description = "Invalid fields", body = ApiError),
    )
)]
#[post("/webhooks")]
pub async fn create_webhook(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ApiJson<WebhookInput>,
) -> ApiResult<HttpResponse> {
    let w = webhooks::create(&state.pool, user.actor(), &body).await?;
    Ok(HttpResponse::Created().json(w))
}

/// Get a webhook (admins).
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Webhook id")),
    responses(
        (status = 200, description = "The webhook", body = Webhook),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 404, description = "No such webhook", body = ApiError),
    )
)]
#[get("/webhooks/{id}")]
pub async fn get_webhook(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Webhook>> {
    Ok(web::Json(
        webhooks::get(&state.pool, user.actor(), *id).await?,
    ))
}

/// Replace a webhook (admins). Omit `secret` to keep the stored one; `""` removes it.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Webhook id")),
    request_body = WebhookInput,
    responses(
        (status = 200, description = "Saved", body = Webhook),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 404, description = "No such webhook", body = ApiError),
        (status = 409, description = "The name is taken", body = ApiError),
        (status = 422, description = "Invalid fields", body = ApiError),
    )
)]
#[put("/webhooks/{id}")]
pub async fn put_webhook(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ApiJson<WebhookInput>,
) -> ApiResult<web::Json<Webhook>> {
    Ok(web::Json(
        webhooks::put(&state.pool, user.actor(), *id, &body).await?,
    ))
}

/// Delete a webhook and its queued notifications (admins).
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Webhook id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 404, description = "No such webhook", body = ApiError),
    )
)]
#[delete("/webhooks/{id}")]
pub async fn delete_webhook(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    webhooks::delete(&state.pool, user.actor(), *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Post a test body (event `test`) to a webhook now (admins).
///
/// Not through the outbox: the answer has the webhook's reply or the exact error.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Webhook id")),
    responses(
        (status = 200, description = "The webhook's answer", body = DeliveryReport),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 404, description = "No such webhook", body = ApiError),
    )
)]
#[post("/webhooks/{id}/test")]
pub async fn test_webhook(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<DeliveryReport>> {
    Ok(web::Json(
        webhooks::test(&state.pool, user.actor(), *id).await?,
    ))
}
