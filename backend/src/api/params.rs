//! Query parameters shared by list endpoints.

use serde::Deserialize;
use utoipa::IntoParams;

use super::error::AppError;
use crate::domain::PageRequest;
use shared::clients::ClientSort;
use shared::jobs::JobSort;

/// Checks paging parameters: pages from 1, sizes 1 to 500; out of range is a bad request.
pub fn page_request(page: Option<i64>, per_page: Option<i64>) -> Result<PageRequest, AppError> {
    let bad = || AppError::new(shared::ErrorCode::BadRequest);
    if page.is_some_and(|p| p < 1) {
        return Err(bad());
    }
    if per_page.is_some_and(|p| !(1..=shared::common::MAX_PER_PAGE).contains(&p)) {
        return Err(bad());
    }
    Ok(PageRequest { page, per_page })
}

/// The search text, refused when it holds a NUL (PostgreSQL cannot compare it).
pub fn search(q: &Option<String>) -> Result<Option<&str>, AppError> {
    match q.as_deref() {
        Some(q) if q.contains('\0') => Err(AppError::new(shared::ErrorCode::BadRequest)),
        other => Ok(other),
    }
}

/// Paging and name search.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Page number, from 1.
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Items per page, 1 to 500 (default 20).
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<i64>,
    /// Case-insensitive part of the name.
    pub q: Option<String>,
}

impl ListParams {
    /// The page request.
    pub fn page(&self) -> Result<PageRequest, AppError> {
        page_request(self.page, self.per_page)
    }

    /// The search text.
    pub fn q(&self) -> Result<Option<&str>, AppError> {
        search(&self.q)
    }
}

/// Query of `GET /api/clients`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ClientListQuery {
    /// Page number, from 1.
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Items per page, 1 to 500 (default 20).
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<i64>,
    /// Case-insensitive part of the name.
    pub q: Option<String>,
    /// Sort order.
    #[param(inline)]
    pub sort: Option<ClientSort>,
}

/// Query of `GET /api/jobs`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JobListQuery {
    /// Page number, from 1.
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Items per page, 1 to 500 (default 20).
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<i64>,
    /// Case-insensitive part of the name.
    pub q: Option<String>,
    /// Sort order.
    #[param(inline)]
    pub sort: Option<JobSort>,
    /// Only jobs of this client.
    pub client_id: Option<i64>,
    /// Only jobs with this policy.
    pub policy_id: Option<i64>,
    /// Only jobs stored in this location.
    pub location_id: Option<i64>,
    /// Only active (or inactive) jobs.
    pub active: Option<bool>,
    /// Only late jobs (or only those that are not late).
    pub late: Option<bool>,
}

/// Query of `GET /api/dashboard`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DashboardQuery {
    /// Page number of the tiles, from 1.
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Tiles per page, 1 to 500 (default 20).
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<i64>,
    /// Only the tiles of jobs in this state (the counts still cover every job).
    #[param(inline)]
    pub health: Option<shared::dashboard::JobHealth>,
}
