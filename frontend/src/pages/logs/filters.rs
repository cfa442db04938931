//! The Logs page's filters as the address holds them (`/logs?level=error&client_id=3&
//! from=2026-12-01&page=2`): read from the query string, written back to it, turned into
//! the API's query (days become instants in the browser's time zone), and matched against
//! records arriving live.

use chrono::{DateTime, Local, NaiveDate, TimeZone, Utc};
use shared::events::{LogRecord, LogSource};
use shared::logs::LogQuery;

use crate::api::query::encode;

/// The filters of the Logs page (not its page number).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// A level or a comma list (`warning,error`); empty for all.
    pub level: String,
    /// A source or a comma list; empty for all.
    pub source: String,
    pub client_id: Option<i64>,
    pub job_id: Option<i64>,
    pub run_id: Option<i64>,
    pub user_id: Option<i64>,
    /// Text in the code or the detail.
    pub q: String,
    /// The first day shown (`YYYY-MM-DD`), as the date field has it.
    pub from: String,
    /// The last day shown (`YYYY-MM-DD`).
    pub to: String,
}

impl Filters {
    /// The filters of an address's query string; `get` reads one parameter.
    pub fn read(get: impl Fn(&str) -> Option<String>) -> Self {
        let text = |name: &str| get(name).map(|v| v.trim().to_owned()).unwrap_or_default();
        let id = |name: &str| get(name).and_then(|v| v.trim().parse::<i64>().ok());
        Filters {
            level: text("level"),
            source: text("source"),
            client_id: id("client_id"),
            job_id: id("job_id"),
            run_id: id("run_id"),
            user_id: id("user_id"),
            q: text("q"),
            from: text("from"),
            to: text("to"),
        }
    }

    /// The address of the Logs page with these filters, on `page`.
    pub fn address(&self, page: i64) -> String {
        let mut parts: Vec<String> = self
            .pairs()
            .into_iter()
            .map(|(name, value)| format!("{name}={}", encode(&value)))
            .collect();
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        if parts.is_empty() {
            "/logs".to_owned()
        } else {
            format!("/logs?{}", parts.join("&"))
        }
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        LogQuery {
            level: Some(self.level.clone()),
            source: Some(self.source.clone()),
            client_id: self.client_id,
            job_id: self.job_id,
            run_id: self.run_id,
            user_id: self.user_id,
            from: Some(self.from.clone()),
            to: Some(self.to.clone()),
            q: Some(self.q.clone()),
            ..LogQuery::default()
        }
        .filter_pairs()
    }

    /// True when no filter is set.
    pub fn is_empty(&self) -> bool {
        self.pairs().is_empty()
    }

    /// The API's query: the days become instants (the start of `from`, the end of `to`,
    /// in the browser's time zone); text that is no day goes as it is, for the server to
    /// refuse.
    pub fn query(&self, page: Option<i64>, per_page: Option<i64>) -> LogQuery {
        let instant = |day: &str, after: bool| match day_start(day, after) {
            Some(t) => t.to_rfc3339(),
            None => day.to_owned(),
        };
        LogQuery {
            page,
            per_page,
            level: Some(self.level.clone()),
            source: Some(self.source.clone()),
            client_id: self.client_id,
            job_id: self.job_id,
            run_id: self.run_id,
            user_id: self.user_id,
            from: Some(instant(&self.from, false)),
            to: Some(instant(&self.to, true)),
            q: Some(self.q.clone()),
        }
    }

    /// Whether a record arriving live belongs to the list these filters show (what the
    /// server would answer); audit records only for administrators.
    pub fn matches(&self, r: &LogRecord, admin: bool) -> bool {
        let listed = |list: &str, name: &str| {
            list.trim().is_empty() || list.split(',').any(|v| v.trim() == name)
        };
        let same = |want: Option<i64>, got: Option<i64>| want.is_none() || want == got;
        let q = self.q.trim().to_lowercase();
        let after = |day: &str, t: &DateTime<Utc>, end: bool| match day_start(day, end) {
            Some(limit) if end => *t < limit,
            Some(limit) => *t >= limit,
            None => true,
        };
        (admin || r.source != LogSource::Audit)
            && listed(&self.level, r.level.as_str())
            && listed(&self.source, r.source.as_str())
            && same(self.client_id, r.client_id)
            && same(self.job_id, r.job_id)
            && same(self.run_id, r.run_id)
            && same(self.user_id, r.user_id)
            && (q.is_empty()
                || r.code.to_lowercase().contains(&q)
                || r.detail.to_lowercase().contains(&q))
            && after(&self.from, &r.at, false)
            && after(&self.to, &r.at, true)
    }
}

/// The start of day `day` (`YYYY-MM-DD`) in the browser's time zone; with `next`, of the
/// day after it. `None` for text that is no day.
fn day_start(day: &str, next: bool) -> Option<DateTime<Utc>> {
    let mut date = NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d").ok()?;
    if next {
        date = date.succ_opt()?;
    }
    let local = Local
        .from_local_datetime(&date.and_hms_opt(0, 0, 0)?)
        .earliest()?;
    Some(local.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::events::LogLevel;

    #[test]
    fn addresses_round_trip() {
        let f = Filters {
            level: "warning,error".into(),
            client_id: Some(3),
            q: "disk full".into(),
            from: "2026-12-01".into(),
            ..Filters::default()
        };
        let address = f.address(2);
        assert_eq!(
            address,
            "/logs?level=warning%2Cerror&client_id=3&from=2026-12-01&q=disk%20full&page=2"
        );
        let query: Vec<(String, String)> = vec![
            ("level".into(), "warning,error".into()),
            ("client_id".into(), "3".into()),
            ("from".into(), "2026-12-01".into()),
            ("q".into(), "disk full".into()),
            ("job_id".into(), "x".into()),
        ];
        let back = Filters::read(|n| query.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone()));
        assert_eq!(back, f);
        assert_eq!(Filters::default().address(1), "/logs");
        assert!(Filters::default().is_empty() && !f.is_empty());
    }

    #[test]
    fn days_become_instants_and_bad_text_goes_as_is() {
        let f = Filters {
            from: "2026-12-01".into(),
            to: "2026-12-01".into(),
            ..Filters::default()
        };
        let q = f.query(Some(1), Some(20));
        let from = DateTime::parse_from_rfc3339(q.from.as_deref().unwrap()).unwrap();
        let to = DateTime::parse_from_rfc3339(q.to.as_deref().unwrap()).unwrap();
        assert_eq!(to - from, chrono::TimeDelta::days(1));
        let bad = Filters {
            from: "yesterday".into(),
            ..Filters::default()
        };
        assert_eq!(bad.query(None, None).from.as_deref(), Some("yesterday"));
    }

    #[test]
    fn live_records_are_matched_like_the_server_does() {
        let r = LogRecord {
            id: 1,
            at: Utc::now(),
            level: LogLevel::Warning,
            source: LogSource::Engine,
            code: "run_finished".into(),
            detail: "Disk FULL".into(),
            user_id: None,
            client_id: Some(3),
            job_id: Some(4),
            run_id: Some(5),
            address: None,
            data: None,
        };
        let with = |f: Filters| f.matches(&r, false);
        assert!(with(Filters::default()));
        assert!(with(Filters {
            level: "warning,error".into(),
            ..Filters::default()
        }));
        assert!(!with(Filters {
            level: "error".into(),
            ..Filters::default()
        }));
        assert!(with(Filters {
            source: "run".into(),
            q: "disk full".into(),
            ..Filters::default()
        }));
        assert!(!with(Filters {
            client_id: Some(9),
            ..Filters::default()
        }));
        assert!(!with(Filters {
            user_id: Some(1),
            ..Filters::default()
        }));
        assert!(!with(Filters {
            to: "2000-01-01".into(),
            ..Filters::default()
        }));
        let audit = LogRecord {
            source: LogSource::Audit,
            ..r.clone()
        };
        assert!(!Filters::default().matches(&audit, false));
        assert!(Filters::default().matches(&audit, true));
    }
}
