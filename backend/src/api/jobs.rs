//! `/api/jobs`: what is backed up from each client, trigger tokens and priorities.

use actix_web::{delete, get, patch, post, put, web, HttpResponse};
use shared::common::Page;
use shared::jobs::{Job, JobInput, Priorities, TriggerToken};
use shared::ApiError;

use super::answers::{SaveAnswers, Saved};
use super::auth_user::AuthUser;
use super::error::ApiResult;
use super::json::ApiJson;
use super::params::{page_request, search, JobListQuery};
use crate::domain::jobs::{self, JobQuery};
use crate::state::AppState;

/// The errors of PUT and PATCH on a job (see [`SaveAnswers`]).
impl Saved for Job {
    const ERRORS: &'static [(u16, &'static str)] = &[(404, "No such job (or not yours)")];
}

/// List jobs.
///
/// Operators see only the jobs of clients they own.
#[utoipa::path(
    tag = "jobs",
    security(("bearer" = []), ("cookie" = [])),
    params(JobListQuery),
    responses(
        (status = 200, description = "One page of jobs", body = Page<Job>),
        (status = 400, description = "Malformed query", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
    )
)]
#[get("/jobs")]
pub async fn list_jobs(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<JobListQuery>,
) -> ApiResult<web::Json<Page<Job>>> {
    let q = query.into_inner();
    let page = page_request(q.page, q.per_page)?;
    search(&q.q)?;
    let sort = q.sort.unwrap_or_default();
    let filters = JobQuery {
        q: q.q,
        client_id: q.client_id,
        policy_id: q.policy_id,
        location_id: q.location_id,
        active: q.active,
        late: q.late,
    };
    let tz = state.config.tz();
    Ok(web::Json(
        jobs::list(&state.pool, tz, user.actor(), &filters, sort, page).await?,
    ))
}

/// Create a job.
///
/// Without `use_local_permissions` (the default, false) the snapshots keep every
/// permission, owner, ACL and extended attribute exactly. With `use_local_permissions`
/// true, permissions are rewritten; restored files will not get their original
/// permissions, and private files become readable by everyone.
#[utoipa::path(
    tag = "jobs",
    security(("bearer" = []), ("cookie" = [])),
    request_body = JobInput,
    responses(
        (status = 201, description = "Created", body = Job),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 422, description = "Invalid fields (`client_id` of a client not yours is `not_found`)", body = ApiError),
    )
)]
#[post("/jobs")]
pub async fn create_job(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ApiJson<JobInput>,
) -> ApiResult<HttpResponse> {
    let j = jobs::create(&state.pool, state.config.tz(), user.actor(), &body).await?;
    Ok(HttpResponse::Created().json(j))
}

/// Get a job.
#[utoipa::path(
    tag = "jobs",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Job id")),
    responses(
        (status = 200, description = "The job", body = Job),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such job (or not yours)", body = ApiError),
    )
)]
#[get("/jobs/{id:\\d+}")]
pub async fn get_job(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Job>> {
    let tz = state.config.tz();
    Ok(web::Json(
        jobs::get(&state.pool, tz, user.actor(), *id).await?,
    ))
}

/// Replace a job.
#[utoipa::path(
    tag = "jobs",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Job id")),
    request_body = JobInput,
    responses(SaveAnswers<Job>)
)]
#[put("/jobs/{id:\\d+}")]
pub async fn put_job(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ApiJson<JobInput>,
) -> ApiResult<web::Json<Job>> {
    Ok(web::Json(
        jobs::update(&state.pool, state.config.tz(), user.actor(), *id, &body).await?,
    ))
}

/// Change some fields of a job (JSON merge patch of `JobInput`).
#[utoipa::path(
    tag = "jobs",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Job id")),
    request_body(content = Object, description = "Fields of JobInput to change"),
    responses(SaveAnswers<Job>)
)]
#[patch("/jobs/{id:\\d+}")]
pub async fn patch_job(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ApiJson<serde_json::Value>,
) -> ApiResult<web::Json<Job>> {
    Ok(web::Json(
        jobs::patch(&state.pool, state.config.tz(), user.actor(), *id, &body).await?,
    ))
}

/// Delete a job.
///
/// Its backups are removed in the background.
#[utoipa::path(
    tag = "jobs",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Job id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such job (or not yours)", body = ApiError),
        (status = 409, description = "A run of it is queued or running", body = ApiError),
    )
)]
#[delete("/jobs/{id:\\d+}")]
pub async fn delete_job(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    jobs::delete(&state.pool, user.actor(), *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Create the job's trigger token.
///
/// Replaces any previous token. The token is stored hashed and shown only in this answer.
#[utoipa::path(
    tag = "jobs",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Job id")),
    responses(
        (status = 201, description = "The new token", body = TriggerToken),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such job (or not yours)", body = ApiError),
    )
)]
#[post("/jobs/{id:\\d+}/token")]
pub async fn create_trigger_token(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let t = jobs::create_token(&state.pool, user.actor(), *id).await?;
    Ok(HttpResponse::Created().json(t))
}

/// Remove the job's trigger token.
#[utoipa::path(
    tag = "jobs",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Job id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such job (or not yours)", body = ApiError),
    )
)]
#[delete("/jobs/{id:\\d+}/token")]
pub async fn delete_trigger_token(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    jobs::delete_token(&state.pool, user.actor(), *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Reorder jobs.
///
/// `job_ids` lists every job you can see, the first to run first. Operators reorder their
/// own jobs among the places they hold.
#[utoipa::path(
    tag = "jobs",
    security(("bearer" = []), ("cookie" = [])),
    request_body = Priorities,
    responses(
        (status = 204, description = "Saved"),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 422, description = "The list is not exactly your jobs (`mismatch`)", body = ApiError),
    )
)]
#[put("/jobs/priorities")]
pub async fn put_priorities(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ApiJson<Priorities>,
) -> ApiResult<HttpResponse> {
    jobs::set_priorities(&state.pool, user.actor(), &body.job_ids).await?;
    Ok(HttpResponse::NoContent().finish())
}
