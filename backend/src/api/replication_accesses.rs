//! `/api/replication-accesses`: the replicas allowed to copy this server (administrators).
//! The token is shown once, on creation; DELETE revokes.

use actix_web::{get, post, web, HttpResponse};
use shared::replication::{ReplicationAccess, ReplicationAccessBody, ReplicationAccessCreated};
use shared::ApiError;

use super::auth_user::AuthUser;
use super::error::ApiResult;
use super::json::ApiJson;
use crate::domain::replication_accesses;
use crate::state::AppState;

/// List replication accesses, revoked ones included, newest first (admins).
#[utoipa::path(
    tag = "replication",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 200, description = "Every access", body = Vec<ReplicationAccess>),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
    )
)]
#[get("/replication-accesses")]
pub async fn list_replication_accesses(
    state: web::Data<AppState>,
    user: AuthUser,
) -> ApiResult<web::Json<Vec<ReplicationAccess>>> {
    Ok(web::Json(
        replication_accesses::list(&state.pool, user.actor(), &state.config).await?,
    ))
}

/// Create a replication access (admins).
///
/// Answers the token (shown this once) and the ssh endpoint a replica needs; installs the
/// replica's key in the managed `authorized_keys`, forced read-only through rrsync.
#[utoipa::path(
    tag = "replication",
    security(("bearer" = []), ("cookie" = [])),
    request_body = ReplicationAccessBody,
    responses(
        (status = 201, description = "Created", body = ReplicationAccessCreated),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 409, description = "An active access has this name", body = ApiError),
        (status = 422, description = "Invalid fields", body = ApiError),
    )
)]
#[post("/replication-accesses")]
pub async fn create_replication_access(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ApiJson<ReplicationAccessBody>,
) -> ApiResult<HttpResponse> {
    let created =
        replication_accesses::create(&state.pool, user.actor(), &body, &state.config).await?;
    Ok(HttpResponse::Created().json(created))
}

/// Get a replication access (admins).
#[utoipa::path(
    tag = "replication",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Access id")),
    responses(
        (status = 200, description = "The access", body = ReplicationAccess),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 404, description = "No such access", body = ApiError),
    )
)]
#[get("/replication-accesses/{id}")]
pub async fn get_replication_access(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<ReplicationAccess>> {
    Ok(web::Json(
        replication_accesses::get(&state.pool, user.actor(), *id, &state.config).await?,
    ))
}

/// Revoke a replication access (admins): its token and its ssh key stop working at once.
///
/// The access stays listed, with `revoked_at` set (who could replicate, and until when);
/// revoking it again changes nothing.
#[utoipa::path(
    tag = "replication",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Access id")),
    responses(
        (status = 200, description = "The access, revoked", body = ReplicationAccess),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 404, description = "No such access", body = ApiError),
    )
)]
#[post("/replication-accesses/{id}/revoke")]
pub async fn revoke_replication_access(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<ReplicationAccess>> {
    replication_accesses::revoke(&state.pool, user.actor(), *id, &state.config).await?;
    Ok(web::Json(
        replication_accesses::get(&state.pool, user.actor(), *id, &state.config).await?,
    ))
}
