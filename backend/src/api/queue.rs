//! `/api/queue`: the unfinished runs and the clients' states (the Status page).

use actix_web::{get, web};
use shared::events::{ClientState, QueueItem};
use shared::ApiError;

use super::auth_user::AuthUser;
use super::error::ApiResult;
use crate::domain::queue;
use crate::state::AppState;

/// The queue: every unfinished run you may see.
///
/// Executing runs first (by start time), then queued ones in the order the dispatcher
/// takes them (queued time, then job priority). Each run carries its live `progress`.
#[utoipa::path(
    tag = "runs",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 200, description = "Unfinished runs", body = Vec<QueueItem>),
        (status = 401, description = "Not signed in", body = ApiError),
    )
)]
#[get("/queue")]
pub async fn get_queue(
    state: web::Data<AppState>,
    user: AuthUser,
) -> ApiResult<web::Json<Vec<QueueItem>>> {
    Ok(web::Json(queue::list(&state.pool, user.actor()).await?))
}

/// The clients that are not idle: queued, running their batch's scripts or jobs, or whose
/// last batch failed.
#[utoipa::path(
    tag = "runs",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 200, description = "Client states", body = Vec<ClientState>),
        (status = 401, description = "Not signed in", body = ApiError),
    )
)]
#[get("/queue/clients")]
pub async fn get_client_states(
    state: web::Data<AppState>,
    user: AuthUser,
) -> ApiResult<web::Json<Vec<ClientState>>> {
    Ok(web::Json(
        queue::busy_clients(&state.pool, user.actor()).await?,
    ))
}

/// The state of one client (idle, queued, pre_client, running, post_client, error).
#[utoipa::path(
    tag = "clients",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Client id")),
    responses(
        (status = 200, description = "The client's state", body = ClientState),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such client (or not yours)", body = ApiError),
    )
)]
#[get("/clients/{id}/state")]
pub async fn get_client_state(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<ClientState>> {
    Ok(web::Json(
        queue::client_state(&state.pool, user.actor(), *id).await?,
    ))
}
