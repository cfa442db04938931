//! Query parameters shared by list endpoints.

use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::domain::PageRequest;

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
    pub fn page(&self) -> PageRequest {
        PageRequest {
            page: self.page,
            per_page: self.per_page,
        }
    }
}

/// Sort orders of clients.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema, Default)]
pub enum ClientSort {
    #[default]
    #[serde(rename = "id")]
    Id,
    #[serde(rename = "-id")]
    IdDesc,
    #[serde(rename = "name")]
    Name,
    #[serde(rename = "-name")]
    NameDesc,
}

/// Sort orders of jobs.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema, Default)]
pub enum JobSort {
    #[default]
    #[serde(rename = "id")]
    Id,
    #[serde(rename = "-id")]
    IdDesc,
    #[serde(rename = "name")]
    Name,
    #[serde(rename = "-name")]
    NameDesc,
    #[serde(rename = "priority")]
    Priority,
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
}
