//! The catalog endpoints: clients, jobs, policies, scripts, backup locations, users and
//! settings. Lists answer one `Page`; `all_*` helpers walk every page.

use serde::de::DeserializeOwned;
use shared::clients::{Client, ClientInput};
use shared::common::{Page, MAX_PER_PAGE};
use shared::jobs::{Job, JobInput, Priorities, TriggerToken};
use shared::locations::{Location, LocationInput};
use shared::policies::{Policy, PolicyInput};
use shared::scripts::{Script, ScriptInput};
use shared::settings::{Settings, SettingsInput};
use shared::users::{User, UserInput};

use super::{delete, get_json, post_empty, post_json, put_json, put_no_content, ApiResult};
use super::{Failure, ListQuery};

/// Fetches every page of a list (at most 100 pages of 500 rows).
async fn all_pages<T: DeserializeOwned>(path: &str, base: ListQuery) -> ApiResult<Vec<T>> {
    let mut items = Vec::new();
    for page in 1..=100 {
        let query = ListQuery {
            page: Some(page),
            per_page: Some(MAX_PER_PAGE),
            ..base.clone()
        };
        let answer: Page<T> = get_json(&query.url(path)).await?;
        let done = answer.items.is_empty()
            || i64::try_from(items.len() + answer.items.len()).unwrap_or(i64::MAX) >= answer.total;
        items.extend(answer.items);
        if done {
            return Ok(items);
        }
    }
    Err(Failure::bare(0))
}

/// `GET /api/clients`: one page of clients, each with its jobs.
pub async fn clients(query: &ListQuery) -> ApiResult<Page<Client>> {
    get_json(&query.url("/api/clients")).await
}

/// Every client the user may see (operators: their own).
pub async fn all_clients() -> ApiResult<Vec<Client>> {
    all_pages("/api/clients", ListQuery::default()).await
}

/// `GET /api/clients/{id}`.
pub async fn client(id: i64) -> ApiResult<Client> {
    get_json(&format!("/api/clients/{id}")).await
}

/// `POST /api/clients`.
pub async fn create_client(body: &ClientInput) -> ApiResult<Client> {
    post_json("/api/clients", body).await
}

/// `PUT /api/clients/{id}`.
pub async fn update_client(id: i64, body: &ClientInput) -> ApiResult<Client> {
    put_json(&format!("/api/clients/{id}"), body).await
}

/// `DELETE /api/clients/{id}`: the client, its jobs and (in the background) their backups.
pub async fn delete_client(id: i64) -> ApiResult<()> {
    delete(&format!("/api/clients/{id}")).await
}

/// `POST /api/clients/{id}/clone`: a copy of the client and its jobs.
pub async fn clone_client(id: i64) -> ApiResult<Client> {
    post_empty(&format!("/api/clients/{id}/clone")).await
}

/// `POST /api/clients/{id}/public-key/regenerate`: a new ssh key pair for the client.
pub async fn regenerate_key(id: i64) -> ApiResult<Client> {
    post_empty(&format!("/api/clients/{id}/public-key/regenerate")).await
}

/// Makes or replaces a client's restore key.
pub async fn regenerate_restore_key(id: i64) -> ApiResult<Client> {
    post_empty(&format!("/api/clients/{id}/restore-key/regenerate")).await
}

/// Every job the user can see, in priority order.
pub async fn all_jobs_by_priority() -> ApiResult<Vec<Job>> {
    let base = ListQuery {
        sort: Some("priority".into()),
        ..ListQuery::default()
    };
    all_pages("/api/jobs", base).await
}

/// The ids of every late job the user can see (`GET /api/jobs?late=true`).
pub async fn late_job_ids() -> ApiResult<Vec<i64>> {
    let base = ListQuery {
        filters: vec![("late", "true".into())],
        ..ListQuery::default()
    };
    let jobs: Vec<Job> = all_pages("/api/jobs", base).await?;
    Ok(jobs.into_iter().map(|j| j.id).collect())
}

/// `GET /api/jobs/{id}`.
pub async fn job(id: i64) -> ApiResult<Job> {
    get_json(&format!("/api/jobs/{id}")).await
}

/// `POST /api/jobs`.
pub async fn create_job(body: &JobInput) -> ApiResult<Job> {
    post_json("/api/jobs", body).await
}

/// `PUT /api/jobs/{id}`.
pub async fn update_job(id: i64, body: &JobInput) -> ApiResult<Job> {
    put_json(&format!("/api/jobs/{id}"), body).await
}

/// `DELETE /api/jobs/{id}`.
pub async fn delete_job(id: i64) -> ApiResult<()> {
    delete(&format!("/api/jobs/{id}")).await
}

/// `POST /api/jobs/{id}/token`: a new trigger token, shown once.
pub async fn create_trigger_token(id: i64) -> ApiResult<TriggerToken> {
    post_empty(&format!("/api/jobs/{id}/token")).await
}

/// `DELETE /api/jobs/{id}/token`.
pub async fn delete_trigger_token(id: i64) -> ApiResult<()> {
    delete(&format!("/api/jobs/{id}/token")).await
}

/// `PUT /api/jobs/priorities`: every visible job id, first runs first.
pub async fn save_priorities(body: &Priorities) -> ApiResult<()> {
    put_no_content("/api/jobs/priorities", body).await
}

/// Every policy.
pub async fn all_policies() -> ApiResult<Vec<Policy>> {
    all_pages("/api/policies", ListQuery::default()).await
}

/// `GET /api/policies/{id}`.
pub async fn policy(id: i64) -> ApiResult<Policy> {
    get_json(&format!("/api/policies/{id}")).await
}

/// `POST /api/policies`.
pub async fn create_policy(body: &PolicyInput) -> ApiResult<Policy> {
    post_json("/api/policies", body).await
}

/// `PUT /api/policies/{id}`.
pub async fn update_policy(id: i64, body: &PolicyInput) -> ApiResult<Policy> {
    put_json(&format!("/api/policies/{id}"), body).await
}

/// `DELETE /api/policies/{id}` (a conflict names the jobs using it).
pub async fn delete_policy(id: i64) -> ApiResult<()> {
    delete(&format!("/api/policies/{id}")).await
}

/// Every script.
pub async fn all_scripts() -> ApiResult<Vec<Script>> {
    all_pages("/api/scripts", ListQuery::default()).await
}

/// `GET /api/script-library`.
pub async fn script_library() -> ApiResult<Vec<shared::script_library::LibraryScript>> {
    get_json("/api/script-library").await
}

/// `GET /api/scripts/{id}`.
pub async fn script(id: i64) -> ApiResult<Script> {
    get_json(&format!("/api/scripts/{id}")).await
}

/// `POST /api/scripts`.
pub async fn create_script(body: &ScriptInput) -> ApiResult<Script> {
    post_json("/api/scripts", body).await
}

/// `PUT /api/scripts/{id}`.
pub async fn update_script(id: i64, body: &ScriptInput) -> ApiResult<Script> {
    put_json(&format!("/api/scripts/{id}"), body).await
}

/// `DELETE /api/scripts/{id}`.
pub async fn delete_script(id: i64) -> ApiResult<()> {
    delete(&format!("/api/scripts/{id}")).await
}

/// Where a script's content is downloaded from.
pub fn script_content_url(id: i64) -> String {
    super::url(&format!("/api/scripts/{id}/content"))
}

/// Every backup location.
pub async fn all_locations() -> ApiResult<Vec<Location>> {
    all_pages("/api/locations", ListQuery::default()).await
}

/// `GET /api/locations/{id}`.
pub async fn location(id: i64) -> ApiResult<Location> {
    get_json(&format!("/api/locations/{id}")).await
}

/// `POST /api/locations`.
pub async fn create_location(body: &LocationInput) -> ApiResult<Location> {
    post_json("/api/locations", body).await
}

/// `PUT /api/locations/{id}`.
pub async fn update_location(id: i64, body: &LocationInput) -> ApiResult<Location> {
    put_json(&format!("/api/locations/{id}"), body).await
}

/// `DELETE /api/locations/{id}`.
pub async fn delete_location(id: i64) -> ApiResult<()> {
    delete(&format!("/api/locations/{id}")).await
}

/// Every user (administrators only).
pub async fn all_users() -> ApiResult<Vec<User>> {
    all_pages("/api/users", ListQuery::default()).await
}

/// `GET /api/users/{id}`.
pub async fn user(id: i64) -> ApiResult<User> {
    get_json(&format!("/api/users/{id}")).await
}

/// `POST /api/users`.
pub async fn create_user(body: &UserInput) -> ApiResult<User> {
    post_json("/api/users", body).await
}

/// `PUT /api/users/{id}`.
pub async fn update_user(id: i64, body: &UserInput) -> ApiResult<User> {
    put_json(&format!("/api/users/{id}"), body).await
}

/// `DELETE /api/users/{id}`.
pub async fn delete_user(id: i64) -> ApiResult<()> {
    delete(&format!("/api/users/{id}")).await
}

/// `GET /api/settings`.
pub async fn settings() -> ApiResult<Settings> {
    get_json("/api/settings").await
}

/// `PUT /api/settings`.
pub async fn save_settings(body: &SettingsInput) -> ApiResult<Settings> {
    put_json("/api/settings", body).await
}
