//! `/api/logs` and `/api/logs.csv`: the log records, filtered, newest first; as pages of
//! JSON or as one CSV file.

use actix_web::{get, http::header, web, HttpResponse};
use shared::common::Page;
use shared::logs::{LogEntry, LogQuery};
use shared::ApiError;

use super::auth_user::AuthUser;
use super::error::ApiResult;
use super::params::page_request;
use crate::domain::logs;
use crate::state::AppState;

/// List log records, newest first.
///
/// Every filter narrows the list; `level` and `source` take one value or a comma list.
/// `from` and `to` are RFC 3339 instants (encode `+` as `%2B`); `from` is included, `to`
/// is not. Operators see only the records about their own clients and no audit records;
/// administrators see everything.
#[utoipa::path(
    tag = "logs",
    security(("bearer" = []), ("cookie" = [])),
    params(LogQuery),
    responses(
        (status = 200, description = "One page of log records", body = Page<LogEntry>),
        (status = 400, description = "Malformed query (a page out of range, an id that is not a number)", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 422, description = "A filter is not valid (unknown level or source, a bad date, `from` after `to`)", body = ApiError),
    )
)]
#[get("/logs")]
pub async fn list_logs(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<LogQuery>,
) -> ApiResult<web::Json<Page<LogEntry>>> {
    let q = query.into_inner();
    let page = page_request(q.page, q.per_page)?;
    Ok(web::Json(
        logs::list(&state.pool, user.actor(), &q, page).await?,
    ))
}

/// Export log records as CSV.
///
/// The same filters and access as `GET /api/logs` (paging is ignored): at most 100,000
/// records, newest first, after a header row (`time,level,source,code,detail,client_id,
/// client,job_id,job,run_id,user_id,user,address,data`). Cells that a spreadsheet would
/// read as a formula (starting with `=`, `+`, `-` or `@`) are prefixed with `'`.
#[utoipa::path(
    tag = "logs",
    security(("bearer" = []), ("cookie" = [])),
    params(LogQuery),
    responses(
        (status = 200, description = "The records as CSV", content_type = "text/csv", body = String),
        (status = 400, description = "Malformed query", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 422, description = "A filter is not valid", body = ApiError),
    )
)]
#[get("/logs.csv")]
pub async fn export_logs(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<LogQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.into_inner();
    page_request(q.page, q.per_page)?;
    let body = logs::export_csv(&state.pool, user.actor(), &q).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"elkarbackup-logs.csv\"",
        ))
        .body(body))
}
