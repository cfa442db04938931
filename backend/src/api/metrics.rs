//! `GET /metrics` (outside `/api`): Prometheus metrics, for an administrator's token or a
//! caller from an allowed address.

use actix_web::{get, web, FromRequest, HttpRequest, HttpResponse};
use prometheus_client::encoding::prometheus_text::CONTENT_TYPE;
use shared::ApiError;

use super::auth_user::AuthUser;
use super::error::ApiResult;
use crate::domain::{metrics, settings};
use crate::state::AppState;

/// Prometheus metrics.
///
/// The Prometheus text format (version 0.0.4), read from the catalog at each scrape. Jobs
/// are labelled `client`, `job` and `job_id`, locations `location`; jobs that never ran
/// show 0, deleted jobs disappear. Needs an administrator's API token (`Authorization:
/// Bearer`), unless the caller's address is in the settings' `metrics_allowed_addresses`
/// (the address of the TCP peer: behind a reverse proxy, that of the proxy).
#[utoipa::path(
    tag = "metrics",
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The metrics", body = String,
            content_type = "text/plain; version=0.0.4; charset=utf-8"),
        (status = 401, description = "No valid token, and not from an allowed address", body = ApiError),
        (status = 403, description = "The token is not an administrator's", body = ApiError),
    )
)]
#[get("/metrics")]
pub async fn get_metrics(req: HttpRequest, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let allowed: Vec<String> = settings::load(&state.pool)
        .await?
        .metrics_allowed_addresses
        .into_iter()
        .flatten()
        .collect();
    let from_allowed = req
        .peer_addr()
        .is_some_and(|a| metrics::address_allowed(&allowed, a.ip()));
    if !from_allowed {
        AuthUser::extract(&req).await?.require_admin()?;
    }
    let scrape = metrics::gather(&state.pool, state.config.tz(), chrono::Utc::now()).await?;
    Ok(HttpResponse::Ok()
        .content_type(CONTENT_TYPE)
        .body(scrape.render()?))
}
