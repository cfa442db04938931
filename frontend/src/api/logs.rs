//! The Logs page's endpoints: `GET /api/logs` (a page of records) and the address of
//! `GET /api/logs.csv` (the same filters, as a download).

use shared::common::Page;
use shared::logs::{LogEntry, LogQuery};

use super::{get_json, ApiResult, ListQuery};

fn url(path: &str, q: &LogQuery, paged: bool) -> String {
    ListQuery {
        page: q.page.filter(|_| paged),
        per_page: q.per_page.filter(|_| paged),
        sort: None,
        q: None,
        filters: q.filter_pairs(),
    }
    .url(path)
}

/// `GET /api/logs?…`: one page of the records matching `q`, newest first.
pub async fn logs(q: &LogQuery) -> ApiResult<Page<LogEntry>> {
    get_json(&url("/api/logs", q, true)).await
}

/// The address of the CSV export of the records matching `q` (its filters, not its page).
pub fn csv_url(q: &LogQuery) -> String {
    super::url(&url("/api/logs.csv", q, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_carry_the_filters() {
        let q = LogQuery {
            page: Some(2),
            per_page: Some(50),
            level: Some("warning,error".into()),
            client_id: Some(3),
            from: Some("2026-12-01T00:00:00+01:00".into()),
            q: Some("a b".into()),
            ..LogQuery::default()
        };
        assert_eq!(
            url("/api/logs", &q, true),
            "/api/logs?page=2&per_page=50&level=warning%2Cerror&client_id=3&from=2026-12-01T00%3A00%3A00%2B01%3A00&q=a%20b"
        );
        assert_eq!(
            csv_url(&q),
            "/api/logs.csv?level=warning%2Cerror&client_id=3&from=2026-12-01T00%3A00%3A00%2B01%3A00&q=a%20b"
        );
    }
}
