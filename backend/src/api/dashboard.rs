//! `/api/dashboard`: the health board of the jobs the caller may see, and the storage of
//! every location with its forecast.

use actix_web::{get, web};
use shared::dashboard::{Dashboard, Storage};
use shared::ApiError;

use super::auth_user::AuthUser;
use super::error::ApiResult;
use super::params::DashboardQuery;
use crate::domain::dashboard;
use crate::state::AppState;

/// The health board: every visible job's state, counted, and one page of tiles.
///
/// Operators see the jobs of their own clients. The counts cover every visible job; the
/// tiles are ordered by client then job name and filtered by `health`. Each tile carries
/// the job's finished runs of the last 30 days (its strip). `next_runs` lists the next
/// scheduled runs.
#[utoipa::path(
    tag = "dashboard",
    security(("bearer" = []), ("cookie" = [])),
    params(DashboardQuery),
    responses(
        (status = 200, description = "Counts, one page of tiles, the next runs", body = Dashboard),
        (status = 400, description = "Malformed query", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
    )
)]
#[get("/dashboard")]
pub async fn get_dashboard(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<DashboardQuery>,
) -> ApiResult<web::Json<Dashboard>> {
    let page = super::params::page_request(query.page, query.per_page)?;
    Ok(web::Json(
        dashboard::board(
            &state.pool,
            state.config.tz(),
            user.actor(),
            query.health,
            page,
            chrono::Utc::now(),
        )
        .await?,
    ))
}

/// Every location's storage: free and used bytes and inodes now, one point per day over
/// the last year (sampled hourly by the server), and when it will be full.
#[utoipa::path(
    tag = "dashboard",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 200, description = "Storage of every location", body = Storage),
        (status = 401, description = "Not signed in", body = ApiError),
    )
)]
#[get("/dashboard/storage")]
pub async fn get_storage(
    state: web::Data<AppState>,
    _user: AuthUser,
) -> ApiResult<web::Json<Storage>> {
    Ok(web::Json(
        dashboard::storage(&state.pool, chrono::Utc::now()).await?,
    ))
}
