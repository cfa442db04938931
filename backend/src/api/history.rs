//! `/api/jobs/{id}/history` and `/api/clients/{id}/history`: the figures behind the job
//! and client charts.

use actix_web::{get, web};
use shared::dashboard::{ClientHistory, JobHistory};
use shared::ApiError;

use super::auth_user::AuthUser;
use super::error::ApiResult;
use crate::domain::dashboard::history;
use crate::state::AppState;

/// A job's last 100 finished backups: result, duration, files, size and new bytes.
#[utoipa::path(
    tag = "jobs",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Job id")),
    responses(
        (status = 200, description = "The job's runs, oldest first", body = JobHistory),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such job (or not yours)", body = ApiError),
    )
)]
#[get("/jobs/{id}/history")]
pub async fn get_job_history(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<JobHistory>> {
    Ok(web::Json(
        history::job(&state.pool, user.actor(), *id).await?,
    ))
}

/// A client's size now, its quota, and its size per day over the last year.
#[utoipa::path(
    tag = "clients",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Client id")),
    responses(
        (status = 200, description = "The client's size history, oldest first", body = ClientHistory),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such client (or not yours)", body = ApiError),
    )
)]
#[get("/clients/{id}/history")]
pub async fn get_client_history(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<ClientHistory>> {
    Ok(web::Json(
        history::client(&state.pool, user.actor(), *id).await?,
    ))
}
