//! Addresses of ElkarBackup 2.x kept working after a migration: the job trigger URL that
//! upstream's users call from cron and curl (`POST /client/{c}/job/{j}/run`, `token=`).

use actix_web::{post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use shared::runs::Run;
use shared::ApiError;
use utoipa::ToSchema;

use super::error::{ApiResult, AppError};
use crate::domain::runs;
use crate::state::AppState;

/// The form upstream's trigger takes (`curl -d token=…`).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct UpstreamTrigger {
    /// The job's trigger token (from `POST /api/jobs/{id}/token`).
    #[serde(default)]
    pub token: String,
}

/// Start a job with its trigger token, at ElkarBackup 2.x's address.
///
/// For triggers written for ElkarBackup 2.x: `curl -X POST https://host/client/C/job/J/run
/// -d token=TOKEN`. It does what `POST /api/jobs/{id}/trigger` does, with the same token
/// check and rate limit; the token may also come as the query parameter `token`, as
/// upstream allowed. Unlike upstream, the job must belong to the client named.
#[utoipa::path(
    tag = "runs",
    params(
        ("client_id" = i64, Path, description = "The job's client id"),
        ("job_id" = i64, Path, description = "Job id"),
    ),
    request_body(content = UpstreamTrigger, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 202, description = "Queued", body = Run),
        (status = 401, description = "Missing or wrong token, or a job of another client (`invalid_trigger_token`)", body = ApiError),
        (status = 404, description = "An id is not a number", body = ApiError),
        (status = 429, description = "Too many wrong tokens; see `Retry-After`", body = ApiError),
    )
)]
#[post("/client/{client_id}/job/{job_id}/run")]
pub async fn upstream_trigger(
    state: web::Data<AppState>,
    req: HttpRequest,
    ids: web::Path<(i64, i64)>,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let (client_id, job_id) = ids.into_inner();
    let token = token_of(&body, req.query_string());
    let ip = req
        .peer_addr()
        .map(|a| a.ip())
        .ok_or_else(|| AppError::internal("request without peer address"))?;
    let run = runs::trigger(
        &state.engine,
        &state.limiter,
        job_id,
        Some(client_id),
        &token,
        ip,
    )
    .await?;
    Ok(HttpResponse::Accepted().json(run))
}

/// The address of [`upstream_trigger`], for the other methods' answer.
pub const PATH: &str = "/client/{client_id}/job/{job_id}/run";

/// The token of a form body, else of the query string (as upstream's `$request->get`);
/// empty when neither has one or the body is not a form.
fn token_of(body: &[u8], query: &str) -> String {
    let from = |bytes: &[u8]| {
        serde_urlencoded::from_bytes::<UpstreamTrigger>(bytes)
            .map(|f| f.token)
            .unwrap_or_default()
    };
    let token = from(body);
    if token.is_empty() {
        from(query.as_bytes())
    } else {
        token
    }
}

#[cfg(test)]
mod tests {
    use super::token_of;

    #[test]
    fn the_token_comes_from_the_form_then_the_query() {
        assert_eq!(token_of(b"token=abc", ""), "abc");
        assert_eq!(token_of(b"token=a%2Bb&x=1", "token=q"), "a+b");
        assert_eq!(token_of(b"", "token=q"), "q");
        assert_eq!(token_of(b"{\"token\":\"j\"}", ""), "");
        assert_eq!(token_of(b"", ""), "");
    }
}
