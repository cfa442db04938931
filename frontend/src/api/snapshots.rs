//! The snapshot browser's endpoints: a snapshot, its directory listings and name search,
//! the versions of a file, download addresses, and restores with their dry run.
//!
//! Paths are the server's percent-encoded byte paths (`Entry::path`): they go into query
//! strings as they are, never encoded again.

use shared::runs::Snapshot;
use shared::snapshots::{
    EntryPage, EntrySort, RestorePreview, RestoreQueued, RestoreRequest, Version,
};

use super::query::encode;
use super::{get_json, post_json, ApiResult};

/// The wire name of a sort order (`-size`).
pub fn sort_name(sort: EntrySort) -> &'static str {
    match sort {
        EntrySort::Name => "name",
        EntrySort::NameDesc => "-name",
        EntrySort::Size => "size",
        EntrySort::SizeDesc => "-size",
        EntrySort::Mtime => "mtime",
        EntrySort::MtimeDesc => "-mtime",
    }
}

/// The sort order with wire name `name`, if any.
pub fn sort_from_name(name: &str) -> Option<EntrySort> {
    [
        EntrySort::Name,
        EntrySort::NameDesc,
        EntrySort::Size,
        EntrySort::SizeDesc,
        EntrySort::Mtime,
        EntrySort::MtimeDesc,
    ]
    .into_iter()
    .find(|s| sort_name(*s) == name)
}

/// What to list: a directory page, or the hits of a name search under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntriesQuery {
    /// The directory, percent-encoded as the server gave it (empty: the root).
    pub path: String,
    /// Name search (recursive under `path`); empty for a plain listing.
    pub q: String,
    pub page: i64,
    pub per_page: i64,
    pub sort: EntrySort,
}

impl EntriesQuery {
    /// `/api/snapshots/{id}/entries?…`: the path as is, the search text encoded.
    pub fn url(&self, snapshot_id: i64) -> String {
        let mut url = format!(
            "/api/snapshots/{snapshot_id}/entries?path={}&page={}&per_page={}",
            self.path, self.page, self.per_page
        );
        let q = self.q.trim();
        if q.is_empty() {
            url.push_str("&sort=");
            url.push_str(sort_name(self.sort));
        } else {
            url.push_str("&q=");
            url.push_str(&encode(q));
        }
        url
    }
}

/// `GET /api/snapshots/{id}`.
pub async fn snapshot(id: i64) -> ApiResult<Snapshot> {
    get_json(&format!("/api/snapshots/{id}")).await
}

/// `GET /api/snapshots/{id}/entries`: one page of a directory or of a search.
pub async fn entries(snapshot_id: i64, query: &EntriesQuery) -> ApiResult<EntryPage> {
    get_json(&query.url(snapshot_id)).await
}

/// `GET /api/snapshots/{id}/versions?path=`: the path in every snapshot of the job that
/// has it, newest first.
pub async fn versions(snapshot_id: i64, path: &str) -> ApiResult<Vec<Version>> {
    get_json(&format!(
        "/api/snapshots/{snapshot_id}/versions?path={path}"
    ))
    .await
}

/// The download address of a file, or of a directory as an archive (`tar.gz`, `zip`).
pub fn download_url(snapshot_id: i64, path: &str, format: Option<&str>) -> String {
    let mut path = format!("/api/snapshots/{snapshot_id}/download?path={path}");
    if let Some(format) = format {
        path.push_str("&format=");
        path.push_str(format);
    }
    super::url(&path)
}

/// `POST /api/restores` with `dry_run: true`: what the restore would change.
pub async fn preview(request: &RestoreRequest) -> ApiResult<RestorePreview> {
    let body = RestoreRequest {
        dry_run: true,
        ..request.clone()
    };
    post_json("/api/restores", &body).await
}

/// `POST /api/restores`: queues the restore; it then runs like a backup.
pub async fn restore(request: &RestoreRequest) -> ApiResult<RestoreQueued> {
    let body = RestoreRequest {
        dry_run: false,
        ..request.clone()
    };
    post_json("/api/restores", &body).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_go_into_urls_as_they_are() {
        let mut q = EntriesQuery {
            path: "docs/%3Cscript%3E".into(),
            q: String::new(),
            page: 2,
            per_page: 50,
            sort: EntrySort::SizeDesc,
        };
        assert_eq!(
            q.url(7),
            "/api/snapshots/7/entries?path=docs/%3Cscript%3E&page=2&per_page=50&sort=-size"
        );
        q.q = " a b ".into();
        assert!(q.url(7).ends_with("&q=a%20b"));
        assert_eq!(
            download_url(7, "docs", Some("zip")),
            "/api/snapshots/7/download?path=docs&format=zip"
        );
    }

    #[test]
    fn sorts_round_trip() {
        for name in ["name", "-name", "size", "-size", "mtime", "-mtime"] {
            assert_eq!(sort_from_name(name).map(sort_name), Some(name));
        }
        assert_eq!(sort_from_name("id"), None);
    }
}
