//! The replica's HTTP client to a primary's replication catalog: bearer token, timeouts,
//! and every failure sorted into "the primary refused us" or "the primary is unreachable".

use std::time::Duration;

use serde::de::DeserializeOwned;
use shared::replication::{Catalog, CatalogSnapshot};
use shared::runs::RunError;

/// How long one catalog request may take, connection included.
const TIMEOUT: Duration = Duration::from_secs(60);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);

/// A failed request: `PrimaryRefused` (401/403) or `PrimaryUnreachable` (network, TLS,
/// other statuses, an answer that is not the expected JSON), with the detail for the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrimaryError(pub RunError, pub String);

impl std::fmt::Display for PrimaryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.0, self.1)
    }
}

/// A primary's catalog, reached with a replication access token.
pub struct PrimaryClient {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl PrimaryClient {
    /// A client for the primary at `url` (its base address) with `token`.
    pub fn new(url: &str, token: &str) -> Result<Self, PrimaryError> {
        let http = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .connect_timeout(CONNECT_TIMEOUT)
            // A redirect could carry the token elsewhere: none are followed.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| PrimaryError(RunError::PrimaryUnreachable, e.to_string()))?;
        Ok(PrimaryClient {
            http,
            base: url.trim_end_matches('/').to_owned(),
            token: token.to_owned(),
        })
    }

    /// `GET /api/replication/catalog`.
    pub async fn catalog(&self) -> Result<Catalog, PrimaryError> {
        self.get("/api/replication/catalog").await
    }

    /// `GET /api/replication/jobs/{id}/snapshots`: the primary job's complete snapshots.
    pub async fn snapshots(
        &self,
        primary_job_id: i64,
    ) -> Result<Vec<CatalogSnapshot>, PrimaryError> {
        self.get(&format!("/api/replication/jobs/{primary_job_id}/snapshots"))
            .await
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, PrimaryError> {
        let unreachable = |d: String| PrimaryError(RunError::PrimaryUnreachable, d);
        let url = format!("{}{path}", self.base);
        let res = self
            .http
            .get(&url)
            .bearer_auth(&self.token)
            .header(reqwest::header::USER_AGENT, "ElkarBackup replica")
            .send()
            .await
            .map_err(|e| unreachable(format!("{url}: {}", error_chain(&e))))?;
        let status = res.status().as_u16();
        if let Some(code) = status_error(status) {
            return Err(PrimaryError(code, format!("{url}: HTTP {status}")));
        }
        let bytes = res
            .bytes()
            .await
            .map_err(|e| unreachable(format!("{url}: {}", error_chain(&e))))?;
        serde_json::from_slice(&bytes).map_err(|e| unreachable(format!("{url}: bad answer: {e}")))
    }
}

/// The error of an HTTP status: 401/403 refused, any other non-2xx unreachable.
pub fn status_error(status: u16) -> Option<RunError> {
    match status {
        200..=299 => None,
        401 | 403 => Some(RunError::PrimaryRefused),
        _ => Some(RunError::PrimaryUnreachable),
    }
}

/// An error with its causes (reqwest's own message hides the interesting part).
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cause = c.source();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_sort_into_refused_and_unreachable() {
        assert_eq!(status_error(200), None);
        assert_eq!(status_error(401), Some(RunError::PrimaryRefused));
        assert_eq!(status_error(403), Some(RunError::PrimaryRefused));
        assert_eq!(status_error(404), Some(RunError::PrimaryUnreachable));
        assert_eq!(status_error(502), Some(RunError::PrimaryUnreachable));
    }

    #[tokio::test]
    async fn a_closed_port_is_unreachable() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let c = PrimaryClient::new(&format!("http://127.0.0.1:{port}/"), "t").unwrap();
        let e = c.catalog().await.unwrap_err();
        assert_eq!(e.0, RunError::PrimaryUnreachable);
    }
}
