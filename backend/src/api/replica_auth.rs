//! `ReplicaCaller`: the extractor of the replication catalog endpoints. Only a replication
//! access token (`Authorization: Bearer ebr_…`) is accepted; users' sessions and API
//! tokens are not, and `AuthUser` never accepts a replication token (it does not know
//! them), so each credential opens exactly its own door.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use shared::ErrorCode;

use super::error::AppError;
use crate::domain::replication_accesses;
use crate::state::AppState;

/// The replica calling, authenticated by its access's token.
#[derive(Debug, Clone)]
pub struct ReplicaCaller {
    /// The replication access's id.
    pub access_id: i64,
    /// The access's name (for traces).
    pub name: String,
}

/// The bearer token of a request; no cookie: a replica is never a browser.
fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

impl FromRequest for ReplicaCaller {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| AppError::internal("AppState missing"))?;
            let token = bearer(&req).ok_or_else(|| AppError::new(ErrorCode::Unauthorized))?;
            let access = replication_accesses::authenticate(&state.pool, &token)
                .await?
                .ok_or_else(|| AppError::new(ErrorCode::Unauthorized))?;
            Ok(ReplicaCaller {
                access_id: access.id,
                name: access.name,
            })
        })
    }
}
