//! The dashboard's endpoints: the health board, the locations' storage, and the
//! histories a job's and a client's charts draw.

use shared::dashboard::{ClientHistory, Dashboard, JobHealth, JobHistory, Storage};

use super::{get_json, ApiResult, ListQuery};

/// `GET /api/dashboard?health=&page=&per_page=`: the counts per state, one page of tiles
/// (only the jobs in `health` when given) and the next scheduled runs.
pub async fn dashboard(
    health: Option<JobHealth>,
    page: i64,
    per_page: i64,
) -> ApiResult<Dashboard> {
    get_json(&dashboard_url(health, page, per_page)).await
}

fn dashboard_url(health: Option<JobHealth>, page: i64, per_page: i64) -> String {
    let query = ListQuery {
        page: Some(page),
        per_page: Some(per_page),
        filters: health
            .map(|h| ("health", h.as_str().to_owned()))
            .into_iter()
            .collect(),
        ..ListQuery::default()
    };
    query.url("/api/dashboard")
}

/// `GET /api/dashboard/storage`: every location's use now, its daily history and when
/// it will be full.
pub async fn storage() -> ApiResult<Storage> {
    get_json("/api/dashboard/storage").await
}

/// `GET /api/jobs/{id}/history`: the job's last finished backups, oldest first.
pub async fn job_history(id: i64) -> ApiResult<JobHistory> {
    get_json(&format!("/api/jobs/{id}/history")).await
}

/// `GET /api/clients/{id}/history`: the client's size now, its quota and its size per
/// day.
pub async fn client_history(id: i64) -> ApiResult<ClientHistory> {
    get_json(&format!("/api/clients/{id}/history")).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashboard_urls() {
        assert_eq!(
            dashboard_url(None, 1, 100),
            "/api/dashboard?page=1&per_page=100"
        );
        assert_eq!(
            dashboard_url(Some(JobHealth::NeverRan), 2, 100),
            "/api/dashboard?page=2&per_page=100&health=never_ran"
        );
    }
}
