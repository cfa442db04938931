//! Localised names of the catalog's values, shared by lists and forms: run results,
//! connections, policy levels, weekdays and months.

use i18n_embed_fl::fl;
use shared::clients::Connection;
use shared::common::RunResult;
use shared::policies::LevelName;

use crate::i18n::LOADER;

/// The badge text of a run result; `None` = never run.
pub fn result_text(result: Option<RunResult>) -> String {
    match result {
        Some(RunResult::Ok) => fl!(LOADER, "result-ok"),
        Some(RunResult::Warning) => fl!(LOADER, "result-warning"),
        Some(RunResult::Failed) => fl!(LOADER, "result-failed"),
        Some(RunResult::Aborted) => fl!(LOADER, "result-aborted"),
        None => fl!(LOADER, "result-none"),
    }
}

/// The badge class of a run result.
pub fn result_class(result: Option<RunResult>) -> &'static str {
    match result {
        Some(RunResult::Ok) => "badge badge-ok",
        Some(RunResult::Warning) => "badge badge-warning",
        Some(RunResult::Failed) | Some(RunResult::Aborted) => "badge badge-failed",
        None => "badge badge-none",
    }
}

/// How bad a result is, for showing a client's worst.
pub fn severity(result: RunResult) -> u8 {
    match result {
        RunResult::Ok => 0,
        RunResult::Warning => 1,
        RunResult::Aborted => 2,
        RunResult::Failed => 3,
    }
}

/// A connection as people write it: `root@host`, `host::` (rsync daemon), or "this
/// server" for local directories. Ports are shown only when not the default.
pub fn connection_text(connection: &Connection) -> String {
    match connection {
        Connection::Local => fl!(LOADER, "connection-local-short"),
        Connection::Ssh { user, host, port } => {
            if *port == 22 {
                format!("{user}@{host}")
            } else {
                format!("{user}@{host}:{port}")
            }
        }
        Connection::RsyncDaemon { host, port, user } => {
            let login = user.as_deref().map(|u| format!("{u}@")).unwrap_or_default();
            if *port == 873 {
                format!("{login}{host}::")
            } else {
                format!("rsync://{login}{host}:{port}/")
            }
        }
    }
}

/// A policy level's name ("Daily").
pub fn level_name(level: LevelName) -> String {
    match level {
        LevelName::Hourly => fl!(LOADER, "level-hourly"),
        LevelName::Daily => fl!(LOADER, "level-daily"),
        LevelName::Weekly => fl!(LOADER, "level-weekly"),
        LevelName::Monthly => fl!(LOADER, "level-monthly"),
        LevelName::Yearly => fl!(LOADER, "level-yearly"),
    }
}

/// "5 daily", as in "keeps the last 5 daily, 4 weekly … snapshots".
pub fn level_keep(level: LevelName, count: i32) -> String {
    match level {
        LevelName::Hourly => fl!(LOADER, "keep-hourly", count = count),
        LevelName::Daily => fl!(LOADER, "keep-daily", count = count),
        LevelName::Weekly => fl!(LOADER, "keep-weekly", count = count),
        LevelName::Monthly => fl!(LOADER, "keep-monthly", count = count),
        LevelName::Yearly => fl!(LOADER, "keep-yearly", count = count),
    }
}

/// The short name of an ISO weekday (1 = Monday), from CLDR (see [`crate::dates`]).
pub fn weekday_short(day: u8) -> String {
    crate::dates::weekday_short(day)
}

/// The short name of a month (1 = January), from CLDR (see [`crate::dates`]).
pub fn month_short(month: u8) -> String {
    crate::dates::month_short(month)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections() {
        let ssh = Connection::Ssh {
            user: "root".into(),
            host: "h".into(),
            port: 2222,
        };
        assert_eq!(connection_text(&ssh), "root@h:2222");
        let daemon = Connection::RsyncDaemon {
            host: "nas".into(),
            port: 873,
            user: None,
        };
        assert_eq!(connection_text(&daemon), "nas::");
        let login = Connection::RsyncDaemon {
            host: "nas".into(),
            port: 8873,
            user: Some("backup".into()),
        };
        assert_eq!(connection_text(&login), "rsync://backup@nas:8873/");
        assert!(severity(RunResult::Failed) > severity(RunResult::Warning));
    }
}
