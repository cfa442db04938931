//! `/api/replications` (on a replica, administrators): the primaries this server copies,
//! the acceptance of a primary's ssh host key, running a sync now; and
//! `/api/clients/{id}/take-over`, which turns a copied client into a normal one.

use actix_web::{delete, get, post, put, web, HttpResponse};
use shared::clients::Client;
use shared::replication::{Replication, ReplicationBody, ReplicationStarted};
use shared::runs::{RunError, RunTrigger};
use shared::{ApiError, ErrorCode};

use super::auth_user::AuthUser;
use super::error::{ApiResult, AppError};
use super::json::ApiJson;
use crate::domain::replications::{self, hostkey, run, takeover};
use crate::domain::DomainError;
use crate::replication::replica::sync::{sync, SyncError};
use crate::state::AppState;

/// List replication sources (admins).
#[utoipa::path(
    tag = "replication",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 200, description = "Every source, by name", body = Vec<Replication>),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
    )
)]
#[get("/replications")]
pub async fn list_replications(
    state: web::Data<AppState>,
    user: AuthUser,
) -> ApiResult<web::Json<Vec<Replication>>> {
    Ok(web::Json(
        replications::list(&state.engine, user.actor()).await?,
    ))
}

/// Add a replication source (admins).
///
/// Creates the replica's key pair for it (`public_key`: give it to the primary's
/// administrator) and fetches the primary's ssh host key, pending until accepted.
#[utoipa::path(
    tag = "replication",
    security(("bearer" = []), ("cookie" = [])),
    request_body = ReplicationBody,
    responses(
        (status = 201, description = "Created", body = Replication),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 409, description = "The name is taken", body = ApiError),
        (status = 422, description = "Invalid fields", body = ApiError),
    )
)]
#[post("/replications")]
pub async fn create_replication(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ApiJson<ReplicationBody>,
) -> ApiResult<HttpResponse> {
    let r = replications::create(&state.engine, user.actor(), &body).await?;
    Ok(HttpResponse::Created().json(r))
}

/// Get a replication source (admins). The token is never shown: `has_token` says
/// whether one is stored.
#[utoipa::path(
    tag = "replication",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Replication source id")),
    responses(
        (status = 200, description = "The source", body = Replication),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 404, description = "No such source", body = ApiError),
    )
)]
#[get("/replications/{id}")]
pub async fn get_replication(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Replication>> {
    Ok(web::Json(
        replications::get(&state.engine, user.actor(), *id).await?,
    ))
}

/// Replace a replication source (admins). Omit `token` (or send `""`) to keep the
/// stored one; a new ssh host or port forgets the accepted host key.
#[utoipa::path(
    tag = "replication",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Replication source id")),
    request_body = ReplicationBody,
    responses(
        (status = 200, description = "Saved", body = Replication),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 404, description = "No such source", body = ApiError),
        (status = 409, description = "The name is taken", body = ApiError),
        (status = 422, description = "Invalid fields", body = ApiError),
    )
)]
#[put("/replications/{id}")]
pub async fn put_replication(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ApiJson<ReplicationBody>,
) -> ApiResult<web::Json<Replication>> {
    Ok(web::Json(
        replications::put(&state.engine, user.actor(), *id, &body).await?,
    ))
}

/// Delete a replication source (admins). Its copied clients stay, read-only, as copies
/// of the primary; take them over to back them up here.
#[utoipa::path(
    tag = "replication",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Replication source id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 404, description = "No such source", body = ApiError),
    )
)]
#[delete("/replications/{id}")]
pub async fn delete_replication(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    replications::delete(&state.engine, user.actor(), *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Accept the primary's pending ssh host key (admins).
#[utoipa::path(
    tag = "replication",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Replication source id")),
    responses(
        (status = 200, description = "The key is pinned", body = Replication),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 404, description = "No such source", body = ApiError),
        (status = 409, description = "No key awaits acceptance", body = ApiError),
    )
)]
#[post("/replications/{id}/host-key/accept")]
pub async fn accept_replication_host_key(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Replication>> {
    Ok(web::Json(
        hostkey::accept(&state.engine, user.actor(), *id).await?,
    ))
}

/// Sync a replication source now (admins): read the primary's catalog, update the
/// copied clients and jobs, queue one replication run per copied job.
///
/// Refused while the primary's host key is not accepted (`host_key_pending`) or has
/// changed (`host_key_mismatch`).
#[utoipa::path(
    tag = "replication",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Replication source id")),
    responses(
        (status = 202, description = "Synced; runs queued", body = ReplicationStarted),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 404, description = "No such source", body = ApiError),
        (status = 409, description = "Host key pending or changed", body = ApiError),
        (status = 502, description = "The primary is unreachable or refused", body = ApiError),
    )
)]
#[post("/replications/{id}/run")]
pub async fn run_replication(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let trigger = if user.session.is_some() {
        RunTrigger::Manual
    } else {
        RunTrigger::Api
    };
    let actor = user.actor();
    run::prepare(&state.engine, Some(actor), *id).await?;
    let started = sync(&state.engine, *id, trigger, Some(actor.user_id))
        .await
        .map_err(error_of)?;
    Ok(HttpResponse::Accepted().json(started))
}

/// The API's answer to a failed sync (which recorded it on the source already).
pub fn error_of(e: SyncError) -> AppError {
    match e {
        SyncError::NotFound => AppError::new(ErrorCode::NotFound),
        SyncError::Primary(code, _) => AppError::new(match code {
            RunError::PrimaryUnreachable | RunError::Unreachable => ErrorCode::PrimaryUnreachable,
            RunError::HostKeyMismatch => ErrorCode::HostKeyMismatch,
            RunError::HostKeyUnverified => ErrorCode::HostKeyPending,
            _ => ErrorCode::PrimaryRefused,
        }),
        SyncError::Db(e) => DomainError::Db(e).into(),
        SyncError::Internal(detail) => AppError::internal(detail),
    }
}

/// Take a copied client over (admins): it becomes a normal client of this server.
///
/// Its jobs keep their snapshots (the next backup links against them). The answer's
/// `public_key` is what to install on the client.
#[utoipa::path(
    tag = "clients",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Client id")),
    responses(
        (status = 200, description = "The client, now a normal one", body = Client),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 404, description = "No such client", body = ApiError),
        (status = 409, description = "The client is no copy", body = ApiError),
    )
)]
#[post("/clients/{id}/take-over")]
pub async fn take_over_client(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Client>> {
    Ok(web::Json(
        takeover::take_over(&state.engine, user.actor(), *id).await?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_errors_become_localised_codes() {
        let code = |e| error_of(e).code;
        let p = |r| SyncError::Primary(r, "x".into());
        assert_eq!(
            code(p(RunError::PrimaryUnreachable)),
            ErrorCode::PrimaryUnreachable
        );
        assert_eq!(code(p(RunError::PrimaryRefused)), ErrorCode::PrimaryRefused);
        assert_eq!(
            code(p(RunError::HostKeyMismatch)),
            ErrorCode::HostKeyMismatch
        );
        assert_eq!(code(SyncError::NotFound), ErrorCode::NotFound);
        assert_eq!(code(SyncError::Internal("x".into())), ErrorCode::Internal);
    }
}
