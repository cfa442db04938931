//! `GET /api/health`: liveness, version and database reachability, for monitoring.

use actix_web::{get, web, HttpResponse};
use shared::Health;

use crate::db;
use crate::state::AppState;

/// Server health.
///
/// Answers 200 when the database is reachable and 503 (same body) when it is not, so that
/// monitoring systems can alert on the status code alone. Needs no authentication.
#[utoipa::path(
    tag = "system",
    responses(
        (status = 200, description = "The server and its database work", body = Health),
        (status = 503, description = "The database cannot be reached", body = Health),
    )
)]
#[get("/health")]
pub async fn health(state: web::Data<AppState>) -> HttpResponse {
    let db_ok = db::ping(&state.pool).await;
    let body = Health {
        status: if db_ok { "ok" } else { "degraded" }.into(),
        version: env!("CARGO_PKG_VERSION").into(),
        database: if db_ok { "ok" } else { "unavailable" }.into(),
    };
    if db_ok {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::ServiceUnavailable().json(body)
    }
}
