//! The names of the catalog's files in a location and the pure decisions about them:
//! what a dump is called, which dumps pruning removes, when a location is due a new one.
//!
//! ```text
//! <location>/.elkarbackup/            0700; never a store (store paths are <digits>/<digits>)
//!     location.json                  this location's id and name, and the catalog's id
//!     catalog/catalog-<UTC time>.dump   pg_dump --format=custom, 0600
//!     keys/client-<id>[.pub]         copies of the ssh key pairs, 0600 in a 0700 directory
//! ```

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};

/// The directory of the server's own files in a location. It starts with a dot, so it can
/// never be a store path (`<client id>/<job id>`, digits only).
pub const DIR: &str = ".elkarbackup";
/// The dumps, under [`DIR`].
pub const CATALOG_DIR: &str = "catalog";
/// The key copies, under [`DIR`].
pub const KEYS_DIR: &str = "keys";
/// The location's identity file, under [`DIR`].
pub const LOCATION_FILE: &str = "location.json";

const PREFIX: &str = "catalog-";
const SUFFIX: &str = ".dump";
const TIME: &str = "%Y-%m-%dT%H%M%SZ";

/// How old the newest dump of a location may get before it is due a new one.
pub const INTERVAL: TimeDelta = TimeDelta::hours(24);

/// The file name of a dump taken at `t`: `catalog-2026-12-10T030000Z.dump`.
pub fn dump_name(t: DateTime<Utc>) -> String {
    format!("{PREFIX}{}{SUFFIX}", t.format(TIME))
}

/// The time in a dump's file name; `None` for any other name (temporary files, files
/// someone else put there), which the server never touches.
pub fn dump_time(name: &str) -> Option<DateTime<Utc>> {
    let t = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let t = NaiveDateTime::parse_from_str(t, TIME).ok()?.and_utc();
    // Only the one spelling this server writes.
    (dump_name(t) == name).then_some(t)
}

/// The dumps among `names` that pruning removes to keep the newest `keep`: oldest first.
/// Names that are not dumps are never among them.
pub fn to_prune(names: &[String], keep: u32) -> Vec<String> {
    let mut dumps: Vec<(DateTime<Utc>, &String)> = names
        .iter()
        .filter_map(|n| Some((dump_time(n)?, n)))
        .collect();
    dumps.sort();
    let keep = usize::try_from(keep.max(1)).unwrap_or(usize::MAX);
    let extra = dumps.len().saturating_sub(keep);
    dumps
        .into_iter()
        .take(extra)
        .map(|(_, n)| n.clone())
        .collect()
}

/// The newest dump's time among `names`.
pub fn newest(names: &[String]) -> Option<DateTime<Utc>> {
    names.iter().filter_map(|n| dump_time(n)).max()
}

/// Whether a location whose newest dump was taken at `newest` is due a new one at `now`:
/// it has none, or that one is at least [`INTERVAL`] old. A dump dated in the future (a
/// clock set back) counts as current, so that the clock is not chased.
pub fn due(newest: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    match newest {
        None => true,
        Some(t) => now - t >= INTERVAL,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn a_dump_is_named_by_its_utc_time_and_only_that_name_is_one() {
        let t = at("2026-12-10T03:04:05Z");
        assert_eq!(dump_name(t), "catalog-2026-12-10T030405Z.dump");
        assert_eq!(dump_time("catalog-2026-12-10T030405Z.dump"), Some(t));
        for other in [
            "catalog-2026-12-10T030405Z.dump.tmp",
            ".catalog-2026-12-10T030405Z.dump",
            "catalog-2026-12-10T03:04:05Z.dump",
            "catalog-2026-13-10T030405Z.dump",
            "catalog-latest.dump",
            "notes.txt",
            "catalog-2026-12-10T030405Z.dump/",
        ] {
            assert_eq!(dump_time(other), None, "{other}");
        }
    }

    #[test]
    fn pruning_keeps_the_newest_and_never_touches_other_files() {
        let names: Vec<String> = [
            "catalog-2026-12-09T030000Z.dump",
            "README",
            "catalog-2026-12-07T030000Z.dump",
            ".catalog-x.tmp",
            "catalog-2026-12-10T030000Z.dump",
            "catalog-2026-12-08T030000Z.dump",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            to_prune(&names, 2),
            [
                "catalog-2026-12-07T030000Z.dump",
                "catalog-2026-12-08T030000Z.dump"
            ]
        );
        assert!(to_prune(&names, 4).is_empty());
        assert!(to_prune(&names, 7).is_empty());
        // At least one is always kept.
        assert_eq!(to_prune(&names, 0).len(), 3);
        assert_eq!(newest(&names), Some(at("2026-12-10T03:00:00Z")));
        assert_eq!(newest(&["README".to_string()]), None);
    }

    #[test]
    fn a_location_is_due_when_its_newest_dump_is_a_day_old() {
        let now = at("2026-12-10T03:00:00Z");
        assert!(due(None, now));
        assert!(due(Some(at("2026-12-09T03:00:00Z")), now));
        assert!(due(Some(at("2026-12-01T00:00:00Z")), now));
        assert!(!due(Some(at("2026-12-09T03:00:01Z")), now));
        assert!(!due(Some(at("2026-12-10T02:00:00Z")), now));
        assert!(!due(Some(at("2026-12-11T00:00:00Z")), now), "a future dump");
    }
}
