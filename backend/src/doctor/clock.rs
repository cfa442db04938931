//! Time: the configured time zone (which one, where it came from, and whether the machine's
//! own differs), the system clock against the database server's, and whether NTP keeps the
//! clock synchronised.

use chrono::{DateTime, TimeDelta, Utc};

use super::finding::{Check, Finding, Status};

/// The most the system clock and the database server's may differ: schedules, leases and
/// the takeover of runs compare times written by both.
pub const MAX_SKEW: TimeDelta = TimeDelta::seconds(60);

/// Where the configured time zone came from, as far as can be told afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneSources {
    /// `ELKARBACKUP_TIME_ZONE`.
    pub env: Option<String>,
    /// `TZ`, without a leading `:`.
    pub tz: Option<String>,
    /// `/etc/timezone`.
    pub etc_timezone: Option<String>,
    /// The zone `/etc/localtime` links to (`…/zoneinfo/Europe/Madrid` → `Europe/Madrid`).
    pub localtime: Option<String>,
}

impl ZoneSources {
    /// Reads the environment and the two files.
    pub fn read() -> Self {
        let clean = |s: String| {
            let t = s.trim().trim_start_matches(':').to_owned();
            (!t.is_empty()).then_some(t)
        };
        let localtime = std::fs::read_link("/etc/localtime").ok().and_then(|p| {
            let s = p.to_string_lossy().into_owned();
            s.split_once("zoneinfo/").map(|(_, zone)| zone.to_owned())
        });
        ZoneSources {
            env: std::env::var("ELKARBACKUP_TIME_ZONE").ok().and_then(clean),
            tz: std::env::var("TZ").ok().and_then(clean),
            etc_timezone: std::fs::read_to_string("/etc/timezone")
                .ok()
                .and_then(clean),
            localtime,
        }
    }
}

fn is_utc(zone: &str) -> bool {
    matches!(
        zone,
        "UTC" | "Etc/UTC" | "Etc/Universal" | "Universal" | "Zulu" | "Etc/Zulu"
    )
}

/// The time-zone finding for `zone` (already validated by the configuration) at `now`: where
/// it came from, the time there, and a warning when the default UTC hides a machine set to
/// another zone.
pub fn evaluate_zone(zone: chrono_tz::Tz, sources: &ZoneSources, now: DateTime<Utc>) -> Finding {
    let name = zone.name();
    let local = now
        .with_timezone(&zone)
        .format("%Y-%m-%d %H:%M %Z (UTC%:z)");
    let same = |s: &Option<String>| s.as_deref() == Some(name);
    let key = if same(&sources.env) {
        "doctor-time-zone-env"
    } else if same(&sources.tz) {
        "doctor-time-zone-tz"
    } else if same(&sources.etc_timezone) {
        "doctor-time-zone-etc"
    } else if name == "UTC" {
        "doctor-time-zone-default"
    } else {
        "doctor-time-zone-file"
    };
    let system = sources
        .localtime
        .as_deref()
        .filter(|s| s.parse::<chrono_tz::Tz>().is_ok());
    if key == "doctor-time-zone-default" {
        if let Some(system) = system.filter(|s| !is_utc(s)) {
            return Finding::new(Check::TimeZone, Status::Warning, "doctor-time-zone-differs")
                .arg("zone", name)
                .arg("machine", system)
                .arg("now", local);
        }
    }
    Finding::new(Check::TimeZone, Status::Ok, key)
        .arg("zone", name)
        .arg("now", local)
}

/// Compares the database server's clock (`database`, read between `before` and `after` on
/// the system clock) with the system clock at the middle of that interval.
pub fn evaluate_skew(
    before: DateTime<Utc>,
    database: DateTime<Utc>,
    after: DateTime<Utc>,
) -> Finding {
    let middle = before + (after - before) / 2;
    let skew = database - middle;
    let seconds = skew.num_milliseconds() as f64 / 1000.0;
    let (status, key) = if skew.abs() > MAX_SKEW {
        (Status::Problem, "doctor-clock-skew")
    } else {
        (Status::Ok, "doctor-clock-ok")
    };
    Finding::new(Check::Clock, status, key)
        .arg("seconds", format!("{seconds:+.1}"))
        .arg("max", MAX_SKEW.num_seconds())
}

/// Whether NTP keeps the clock synchronised: `Some(true)`/`Some(false)` as timedatectl
/// says, `None` when nothing tells (no timedatectl, no systemd): a note, not a problem.
pub fn evaluate_ntp(synchronised: Option<bool>) -> Finding {
    let (status, key) = match synchronised {
        Some(true) => (Status::Ok, "doctor-ntp-yes"),
        Some(false) => (Status::Warning, "doctor-ntp-no"),
        None => (Status::Note, "doctor-ntp-unknown"),
    };
    Finding::new(Check::Clock, status, key)
}

/// Asks `timedatectl show -p NTPSynchronized --value` (`yes`/`no`); `None` when it is
/// missing, fails, or says something else.
pub async fn ntp_synchronised() -> Option<bool> {
    let out = async_process::Command::new("timedatectl")
        .args(["show", "-p", "NTPSynchronized", "--value"])
        .stdin(std::process::Stdio::null())
        .output()
        .await
        .ok()?;
    if !out.status.success() {
        return None;
    }
    match String::from_utf8_lossy(&out.stdout).trim() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn the_clock_agrees_within_a_minute_either_way() {
        let t = at("2026-03-29T00:59:30Z");
        let after = t + TimeDelta::milliseconds(200);
        let f = evaluate_skew(t, t + TimeDelta::milliseconds(100), after);
        assert_eq!((f.status, f.get("seconds")), (Status::Ok, Some("+0.0")));
        let f = evaluate_skew(t, t + TimeDelta::seconds(60), t);
        assert_eq!(f.status, Status::Ok, "60 s is still within");
        let f = evaluate_skew(t, t + TimeDelta::seconds(61), t);
        assert_eq!((f.status, f.key), (Status::Problem, "doctor-clock-skew"));
        assert_eq!(f.get("seconds"), Some("+61.0"));
        let f = evaluate_skew(t, t - TimeDelta::seconds(300), t);
        assert_eq!(
            (f.status, f.get("seconds")),
            (Status::Problem, Some("-300.0"))
        );
        // The middle of a slow query is what is compared.
        let f = evaluate_skew(t, t + TimeDelta::seconds(50), t + TimeDelta::seconds(100));
        assert_eq!((f.status, f.get("seconds")), (Status::Ok, Some("+0.0")));
    }

    #[test]
    fn ntp_unknown_is_a_note_not_a_problem() {
        assert_eq!(evaluate_ntp(Some(true)).status, Status::Ok);
        assert_eq!(evaluate_ntp(Some(false)).status, Status::Warning);
        assert_eq!(evaluate_ntp(None).status, Status::Note);
    }

    #[test]
    fn the_zone_says_where_it_came_from() {
        let now = at("2026-07-01T12:00:00Z");
        let none = ZoneSources {
            env: None,
            tz: None,
            etc_timezone: None,
            localtime: None,
        };
        let madrid = chrono_tz::Tz::Europe__Madrid;
        let f = evaluate_zone(madrid, &none, now);
        assert_eq!((f.status, f.key), (Status::Ok, "doctor-time-zone-file"));
        assert_eq!(f.get("now"), Some("2026-07-01 14:00 CEST (UTC+02:00)"));
        let env = ZoneSources {
            env: Some("Europe/Madrid".into()),
            etc_timezone: Some("Europe/Madrid".into()),
            ..none.clone()
        };
        assert_eq!(evaluate_zone(madrid, &env, now).key, "doctor-time-zone-env");
        let etc = ZoneSources {
            etc_timezone: Some("Europe/Madrid".into()),
            ..none.clone()
        };
        assert_eq!(evaluate_zone(madrid, &etc, now).key, "doctor-time-zone-etc");
        let tz = ZoneSources {
            tz: Some("Europe/Madrid".into()),
            ..none.clone()
        };
        assert_eq!(evaluate_zone(madrid, &tz, now).key, "doctor-time-zone-tz");
        let utc = evaluate_zone(chrono_tz::Tz::UTC, &none, now);
        assert_eq!(
            (utc.status, utc.key),
            (Status::Ok, "doctor-time-zone-default")
        );
        // The default UTC on a machine set to Madrid: a warning naming both.
        let machine = ZoneSources {
            localtime: Some("Europe/Madrid".into()),
            ..none.clone()
        };
        let f = evaluate_zone(chrono_tz::Tz::UTC, &machine, now);
        assert_eq!(
            (f.status, f.key),
            (Status::Warning, "doctor-time-zone-differs")
        );
        assert_eq!(f.get("machine"), Some("Europe/Madrid"));
        let utc_machine = ZoneSources {
            localtime: Some("Etc/UTC".into()),
            ..none
        };
        assert_eq!(
            evaluate_zone(chrono_tz::Tz::UTC, &utc_machine, now).status,
            Status::Ok
        );
    }
}
