//! The Logs page's records (`GET /api/logs`, `GET /api/logs.csv`): a log record with the
//! names of what it is about, and the filters of the list as they travel in a query string.

use serde::{Deserialize, Serialize};

use crate::events::LogRecord;

/// A log record as the Logs page shows it: the record and the names of its client, job
/// and user (`None` when it names none, or the object was deleted since).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LogEntry {
    pub record: LogRecord,
    pub client_name: Option<String>,
    pub job_name: Option<String>,
    pub username: Option<String>,
}

/// The filters of the log list, as the query string has them (the server checks them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct LogQuery {
    /// Page number, from 1 (not used by the CSV export).
    #[cfg_attr(feature = "openapi", param(minimum = 1))]
    pub page: Option<i64>,
    /// Items per page, 1 to 500 (default 20; not used by the CSV export).
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 500))]
    pub per_page: Option<i64>,
    /// Only these levels: one or a comma list (`warning,error`) of `info`, `warning`,
    /// `error`.
    pub level: Option<String>,
    /// Only these sources: one or a comma list of `api`, `run`, `scheduler`,
    /// `dispatcher`, `audit`, `notification`, `system`.
    pub source: Option<String>,
    /// Only records about this client.
    pub client_id: Option<i64>,
    /// Only records about this job.
    pub job_id: Option<i64>,
    /// Only records about this run.
    pub run_id: Option<i64>,
    /// Only records of this user's actions.
    pub user_id: Option<i64>,
    /// Only records written at or after this instant (RFC 3339).
    pub from: Option<String>,
    /// Only records written before this instant (RFC 3339).
    pub to: Option<String>,
    /// Case-insensitive part of the code or the detail.
    pub q: Option<String>,
}

impl LogQuery {
    /// The filters (not the page) as `name=value` pairs in a fixed order; empty values
    /// are left out. Values are not encoded.
    pub fn filter_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let text = [
            ("level", &self.level),
            ("source", &self.source),
            ("from", &self.from),
            ("to", &self.to),
            ("q", &self.q),
        ];
        let ids = [
            ("client_id", self.client_id),
            ("job_id", self.job_id),
            ("run_id", self.run_id),
            ("user_id", self.user_id),
        ];
        for (name, value) in text.iter().take(2) {
            if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                out.push((*name, v.to_owned()));
            }
        }
        for (name, value) in ids {
            if let Some(v) = value {
                out.push((name, v.to_string()));
            }
        }
        for (name, value) in text.iter().skip(2) {
            if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                out.push((*name, v.to_owned()));
            }
        }
        out
    }
}

/// The columns of the CSV export, in order.
pub const CSV_COLUMNS: [&str; 14] = [
    "time",
    "level",
    "source",
    "code",
    "detail",
    "client_id",
    "client",
    "job_id",
    "job",
    "run_id",
    "user_id",
    "user",
    "address",
    "data",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_leave_out_empty_filters() {
        let q = LogQuery {
            page: Some(3),
            level: Some("warning,error".into()),
            source: Some(" ".into()),
            job_id: Some(7),
            q: Some(" disk ".into()),
            ..LogQuery::default()
        };
        assert_eq!(
            q.filter_pairs(),
            vec![
                ("level", "warning,error".to_owned()),
                ("job_id", "7".to_owned()),
                ("q", "disk".to_owned()),
            ]
        );
        assert!(LogQuery::default().filter_pairs().is_empty());
    }
}
