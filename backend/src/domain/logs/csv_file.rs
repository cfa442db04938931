//! The CSV export of log records: one header row, then one row per record, quoted by the
//! `csv` crate; a cell that a spreadsheet would read as a formula is defused.

use shared::logs::{LogEntry, CSV_COLUMNS};

/// A cell as written: text starting with `=`, `+`, `-`, `@` (or a tab or carriage return,
/// which some spreadsheets skip before reading a formula) gets a leading `'`, so that a
/// client name or a log detail can never run as a formula when the file is opened.
pub fn defused(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

fn id(v: Option<i64>) -> String {
    v.map(|i| i.to_string()).unwrap_or_default()
}

/// The cells of one record, in the order of [`CSV_COLUMNS`].
fn cells(e: &LogEntry) -> [String; CSV_COLUMNS.len()] {
    let r = &e.record;
    [
        r.at.to_rfc3339(),
        r.level.as_str().to_owned(),
        r.source.as_str().to_owned(),
        r.code.clone(),
        r.detail.clone(),
        id(r.client_id),
        e.client_name.clone().unwrap_or_default(),
        id(r.job_id),
        e.job_name.clone().unwrap_or_default(),
        id(r.run_id),
        id(r.user_id),
        e.username.clone().unwrap_or_default(),
        r.address.clone().unwrap_or_default(),
        r.data.as_ref().map(|d| d.to_string()).unwrap_or_default(),
    ]
}

/// The whole document.
pub fn document(entries: &[LogEntry]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_COLUMNS)?;
    for e in entries {
        w.write_record(cells(e).iter().map(|c| defused(c).into_owned()))?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use shared::events::{LogLevel, LogRecord, LogSource};

    fn entry(detail: &str, client: &str) -> LogEntry {
        LogEntry {
            record: LogRecord {
                id: 1,
                at: chrono::Utc.with_ymd_and_hms(2026, 12, 6, 10, 0, 0).unwrap(),
                level: LogLevel::Warning,
                source: LogSource::Engine,
                code: "run_finished".into(),
                detail: detail.into(),
                user_id: None,
                client_id: Some(3),
                job_id: None,
                run_id: Some(9),
                address: None,
                data: None,
            },
            client_name: Some(client.into()),
            job_name: None,
            username: None,
        }
    }

    #[test]
    fn header_quoting_and_formula_guard() {
        let doc = document(&[entry("a, \"b\"\nc", "=HYPERLINK(\"x\")")]).unwrap();
        let text = String::from_utf8(doc).unwrap();
        let mut lines = text.splitn(2, '\n');
        assert_eq!(lines.next().unwrap(), CSV_COLUMNS.join(","));
        assert_eq!(
            lines.next().unwrap(),
            "2026-12-06T10:00:00+00:00,warning,run,run_finished,\"a, \"\"b\"\"\nc\",3,\"'=HYPERLINK(\"\"x\"\")\",,,9,,,,\n"
        );
        for c in ["=1", "+1", "-1", "@a", "\tx"] {
            assert!(defused(c).starts_with('\''), "{c}");
        }
        assert_eq!(defused("pc-1"), "pc-1");
    }
}
