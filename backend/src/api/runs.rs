//! `/api/runs` and the run-related actions on jobs and clients: run now, abort, logs,
//! snapshots, host-key acceptance.

use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;
use shared::common::Page;
use shared::runs::{Run, RunTrigger, Snapshot};
use shared::ApiError;
use utoipa::IntoParams;

use super::auth_user::AuthUser;
use super::error::ApiResult;
use super::params::page_request;
use crate::domain::runs;
use crate::state::AppState;

/// Query of `GET /api/runs`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RunListQuery {
    /// Page number, from 1.
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Items per page, 1 to 500 (default 20).
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<i64>,
    /// Only runs of this job.
    pub job_id: Option<i64>,
    /// Only runs in this state.
    #[param(inline)]
    pub state: Option<shared::runs::RunState>,
}

/// Run a job now.
///
/// The run is queued and starts as soon as the limits allow; follow it with
/// `GET /api/runs/{id}` or the event stream. A job already queued keeps its one queued
/// run (returned); a job running now gets one follow-up run.
#[utoipa::path(
    tag = "runs",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Job id")),
    responses(
        (status = 202, description = "Queued", body = Run),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such job (or not yours)", body = ApiError),
    )
)]
#[post("/jobs/{id:\\d+}/run")]
pub async fn run_job(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let run = runs::run_now(&state.engine, user.actor(), *id, trigger_of(&user)).await?;
    Ok(HttpResponse::Accepted().json(run))
}

/// Body of `POST /api/jobs/run`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct RunJobs {
    /// The jobs to run (1 to 1000); all must be yours, else nothing is queued.
    pub job_ids: Vec<i64>,
}

fn trigger_of(user: &AuthUser) -> RunTrigger {
    if user.session.is_some() {
        RunTrigger::Manual
    } else {
        RunTrigger::Api
    }
}

/// Run several jobs now.
#[utoipa::path(
    tag = "runs",
    security(("bearer" = []), ("cookie" = [])),
    request_body = RunJobs,
    responses(
        (status = 202, description = "Queued, in the order given", body = Vec<Run>),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "A job does not exist (or is not yours); nothing queued", body = ApiError),
        (status = 422, description = "No jobs, or more than 1000", body = ApiError),
    )
)]
#[post("/jobs/run")]
pub async fn run_jobs(
    state: web::Data<AppState>,
    user: AuthUser,
    body: crate::api::json::ApiJson<RunJobs>,
) -> ApiResult<HttpResponse> {
    let runs = runs::run_many(
        &state.engine,
        user.actor(),
        &body.job_ids,
        trigger_of(&user),
    )
    .await?;
    Ok(HttpResponse::Accepted().json(runs))
}

/// Run every active job of a client now.
#[utoipa::path(
    tag = "runs",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Client id")),
    responses(
        (status = 202, description = "Queued", body = Vec<Run>),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such client (or not yours)", body = ApiError),
    )
)]
#[post("/clients/{id:\\d+}/run")]
pub async fn run_client(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let runs = runs::run_client(&state.engine, user.actor(), *id, trigger_of(&user)).await?;
    Ok(HttpResponse::Accepted().json(runs))
}

/// List runs, newest first.
#[utoipa::path(
    tag = "runs",
    security(("bearer" = []), ("cookie" = [])),
    params(RunListQuery),
    responses(
        (status = 200, description = "One page of runs", body = Page<Run>),
        (status = 400, description = "Malformed query", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
    )
)]
#[get("/runs")]
pub async fn list_runs(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<RunListQuery>,
) -> ApiResult<web::Json<Page<Run>>> {
    let q = query.into_inner();
    let page = page_request(q.page, q.per_page)?;
    let st = q.state;
    Ok(web::Json(
        runs::list(&state.pool, user.actor(), q.job_id, st, page).await?,
    ))
}

/// Get a run.
#[utoipa::path(
    tag = "runs",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Run id")),
    responses(
        (status = 200, description = "The run", body = Run),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such run (or not yours)", body = ApiError),
    )
)]
#[get("/runs/{id}")]
pub async fn get_run(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Run>> {
    Ok(web::Json(runs::get(&state.pool, user.actor(), *id).await?))
}

/// A run's full log (rsync and script output).
#[utoipa::path(
    tag = "runs",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Run id")),
    responses(
        (status = 200, description = "The log", content_type = "text/plain", body = String),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such run (or not yours)", body = ApiError),
    )
)]
#[get("/runs/{id}/log")]
pub async fn run_log(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let bytes = runs::log(&state.engine, user.actor(), *id).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("inline; filename=\"run-{}.log\"", *id),
        ))
        .body(bytes))
}

/// Abort a run.
///
/// Kills rsync, ssh and scripts of the run (their whole process group); the run ends as
/// `aborted`.
#[utoipa::path(
    tag = "runs",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Run id")),
    responses(
        (status = 200, description = "Abort requested or done", body = Run),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such run (or not yours)", body = ApiError),
        (status = 409, description = "The run has already finished", body = ApiError),
    )
)]
#[post("/runs/{id}/abort")]
pub async fn abort_run(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Run>> {
    Ok(web::Json(
        runs::abort(&state.engine, user.actor(), *id).await?,
    ))
}

/// A job's snapshots, newest first.
#[utoipa::path(
    tag = "runs",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Job id")),
    responses(
        (status = 200, description = "The snapshots", body = [Snapshot]),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such job (or not yours)", body = ApiError),
    )
)]
#[get("/jobs/{id:\\d+}/snapshots")]
pub async fn job_snapshots(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Vec<Snapshot>>> {
    Ok(web::Json(
        runs::snapshots_of(&state.pool, user.actor(), *id).await?,
    ))
}

/// Accept the client's pending ssh host key.
///
/// Backups refuse to run (`host_key_unverified`) until the key seen on first contact, or
/// after a change (`host_key_mismatch`), is accepted. Compare `host_key_fingerprint` with
/// `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on the client first.
#[utoipa::path(
    tag = "clients",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Client id")),
    responses(
        (status = 200, description = "The client with the key pinned", body = shared::clients::Client),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such client (or not yours)", body = ApiError),
        (status = 409, description = "No key awaits acceptance", body = ApiError),
    )
)]
#[post("/clients/{id}/host-key/accept")]
pub async fn accept_host_key(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<shared::clients::Client>> {
    Ok(web::Json(
        runs::accept_host_key(&state.pool, user.actor(), *id).await?,
    ))
}

/// Test the connection to a client.
///
/// Checks the host key (recording it as pending on first contact), logs in with the
/// client's own key and runs `rsync --version` there. `code` says what is wrong.
#[utoipa::path(
    tag = "clients",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Client id")),
    responses(
        (status = 200, description = "The diagnosis", body = shared::clients::ConnectionTest),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such client (or not yours)", body = ApiError),
    )
)]
#[post("/clients/{id}/test")]
pub async fn test_client(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<shared::clients::ConnectionTest>> {
    Ok(web::Json(
        crate::domain::connection_test::test_connection(&state.engine, user.actor(), *id).await?,
    ))
}

/// Start a job with its trigger token.
///
/// For scripts and other systems, without a login: send the job's token (from
/// `POST /api/jobs/{id}/token`) in the `X-Trigger-Token` header. Wrong tokens are
/// rate-limited.
#[utoipa::path(
    tag = "runs",
    params(
        ("id" = i64, Path, description = "Job id"),
        ("X-Trigger-Token" = String, Header, description = "The job's trigger token"),
    ),
    responses(
        (status = 202, description = "Queued", body = Run),
        (status = 401, description = "Missing or wrong token (`invalid_trigger_token`)", body = ApiError),
        (status = 404, description = "The id is not a job id (not a number)", body = ApiError),
        (status = 429, description = "Too many wrong tokens; see `Retry-After`", body = ApiError),
    )
)]
#[post("/jobs/{id:\\d+}/trigger")]
pub async fn trigger_job(
    state: web::Data<AppState>,
    req: actix_web::HttpRequest,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let token = req
        .headers()
        .get("x-trigger-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let ip = req
        .peer_addr()
        .map(|a| a.ip())
        .ok_or_else(|| super::error::AppError::internal("request without peer address"))?;
    let run = runs::trigger(&state.engine, &state.limiter, *id, None, &token, ip).await?;
    Ok(HttpResponse::Accepted().json(run))
}
