//! The backup engine's endpoints: running jobs, the queue and the clients' states, runs
//! and their logs, snapshots, and the client checks (host key acceptance, connection
//! test).

use gloo_net::http::Request;
use serde::Serialize;
use shared::clients::{Client, ConnectionTest};
use shared::common::Page;
use shared::events::{ClientState, QueueItem};
use shared::runs::{Run, Snapshot};
use web_sys::RequestCredentials;

use super::{failure_from, get_json, post_empty, post_json, ApiResult, Failure};

/// `POST /api/jobs/{id}/run`: queues the job now (a job already queued answers with its
/// queued run; a running one gets one follow-up run).
pub async fn run_job(id: i64) -> ApiResult<Run> {
    post_empty(&format!("/api/jobs/{id}/run")).await
}

/// The body of `POST /api/jobs/run`.
#[derive(Serialize)]
struct RunJobs<'a> {
    job_ids: &'a [i64],
}

/// `POST /api/jobs/run`: queues the chosen jobs in one request.
pub async fn run_jobs(ids: &[i64]) -> ApiResult<Vec<Run>> {
    post_json("/api/jobs/run", &RunJobs { job_ids: ids }).await
}

/// `POST /api/clients/{id}/run`: queues every active job of the client.
pub async fn run_client(id: i64) -> ApiResult<Vec<Run>> {
    post_empty(&format!("/api/clients/{id}/run")).await
}

/// `GET /api/queue`: the unfinished runs, executing ones first, then the queued ones in
/// dispatch order.
pub async fn queue() -> ApiResult<Vec<QueueItem>> {
    get_json("/api/queue").await
}

/// `GET /api/queue/clients`: the clients that are not idle.
pub async fn client_states() -> ApiResult<Vec<ClientState>> {
    get_json("/api/queue/clients").await
}

/// `GET /api/runs?job_id=…`: one page of a job's runs, newest first.
pub async fn runs(job_id: i64, page: i64, per_page: i64) -> ApiResult<Page<Run>> {
    get_json(&format!(
        "/api/runs?job_id={job_id}&page={page}&per_page={per_page}"
    ))
    .await
}

/// `GET /api/runs/{id}`.
pub async fn run(id: i64) -> ApiResult<Run> {
    get_json(&format!("/api/runs/{id}")).await
}

/// The address of a run's log, for reading and for the download link.
pub fn log_url(id: i64) -> String {
    super::url(&format!("/api/runs/{id}/log"))
}

/// `GET /api/runs/{id}/log`: the whole output, as text.
pub async fn run_log(id: i64) -> ApiResult<String> {
    let request = Request::get(&log_url(id))
        .credentials(RequestCredentials::SameOrigin)
        .header("Accept", "text/plain")
        .build()
        .map_err(|_| Failure::bare(0))?;
    let response = request.send().await.map_err(|_| Failure::bare(0))?;
    if !response.ok() {
        return Err(failure_from(&response).await);
    }
    response.text().await.map_err(|_| Failure::bare(0))
}

/// `POST /api/runs/{id}/abort`, in every unfinished state (409 when it has finished).
pub async fn abort_run(id: i64) -> ApiResult<Run> {
    post_empty(&format!("/api/runs/{id}/abort")).await
}

/// `GET /api/jobs/{id}/snapshots`.
pub async fn snapshots(job_id: i64) -> ApiResult<Vec<Snapshot>> {
    get_json(&format!("/api/jobs/{job_id}/snapshots")).await
}

/// `POST /api/clients/{id}/host-key/accept`: pins the pending host key.
pub async fn accept_host_key(id: i64) -> ApiResult<Client> {
    post_empty(&format!("/api/clients/{id}/host-key/accept")).await
}

/// `POST /api/clients/{id}/test`: connects to the client and looks for rsync.
pub async fn test_connection(id: i64) -> ApiResult<ConnectionTest> {
    post_empty(&format!("/api/clients/{id}/test")).await
}

/// Waits `ms` milliseconds (for polling).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            // Ignoring the error: without a timer the wait just ends at once.
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    // Ignoring the error: a timer promise never rejects.
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
