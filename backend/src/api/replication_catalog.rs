//! `/api/replication/…`: what a replica reads of this server, with its replication access
//! token only (`Authorization: Bearer ebr_…`).

use actix_web::{get, web};
use shared::replication::{Catalog, CatalogSnapshot};
use shared::ApiError;

use super::error::ApiResult;
use super::replica_auth::ReplicaCaller;
use crate::domain::replication_catalog;
use crate::state::AppState;

/// The replication catalog: locations, clients and jobs (replicas).
///
/// Clients this server copies from another are left out: a replica copies only what this
/// server backs up itself. No secrets, scripts or users.
#[utoipa::path(
    tag = "replication",
    security(("replica_token" = [])),
    responses(
        (status = 200, description = "The catalog", body = Catalog),
        (status = 401, description = "No valid replication access token", body = ApiError),
    )
)]
#[get("/replication/catalog")]
pub async fn get_catalog(
    state: web::Data<AppState>,
    _replica: ReplicaCaller,
) -> ApiResult<web::Json<Catalog>> {
    Ok(web::Json(replication_catalog::catalog(&state.pool).await?))
}

/// A job's complete snapshots, oldest first, with their `snapshot.json` figures (replicas).
///
/// The data is at `<location_id>/<store_path>/snapshots/<name>/data/` over ssh with the
/// replica's key. A snapshot whose metadata cannot be read is left out.
#[utoipa::path(
    tag = "replication",
    security(("replica_token" = [])),
    params(("id" = i64, Path, description = "Job id")),
    responses(
        (status = 200, description = "The snapshots, oldest first", body = Vec<CatalogSnapshot>),
        (status = 401, description = "No valid replication access token", body = ApiError),
        (status = 404, description = "No such job, or a copied one", body = ApiError),
    )
)]
#[get("/replication/jobs/{id}/snapshots")]
pub async fn job_snapshots(
    state: web::Data<AppState>,
    _replica: ReplicaCaller,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Vec<CatalogSnapshot>>> {
    Ok(web::Json(
        replication_catalog::snapshots(&state.pool, *id).await?,
    ))
}
