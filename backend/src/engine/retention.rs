//! Retention over complete snapshots (DESIGN.md §4.6): levels are tags; a snapshot is kept
//! while it is among the newest `keep` snapshots of any level it carries; the newest
//! complete snapshot is never deleted. Pure: the caller moves the doomed ones to `.trash`.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use shared::policies::{LevelName, Schedule};

/// What retention needs to know of a complete snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub id: i64,
    pub taken_at: DateTime<Utc>,
    pub levels: Vec<LevelName>,
}

/// How many snapshots a level keeps under `schedule` (0 when the level is disabled).
pub fn keep_of(schedule: &Schedule, level: LevelName) -> usize {
    let l = schedule.level(level);
    if l.enabled {
        usize::try_from(l.keep).unwrap_or(0)
    } else {
        0
    }
}

/// The ids of the snapshots to delete, oldest first.
pub fn doomed(snapshots: &[Kept], schedule: &Schedule) -> Vec<i64> {
    let mut newest_first: Vec<&Kept> = snapshots.iter().collect();
    newest_first.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.id.cmp(&a.id)));
    let mut keep: HashSet<i64> = HashSet::new();
    if let Some(newest) = newest_first.first() {
        keep.insert(newest.id);
    }
    for level in LevelName::ALL {
        let n = keep_of(schedule, level);
        keep.extend(
            newest_first
                .iter()
                .filter(|s| s.levels.contains(&level))
                .take(n)
                .map(|s| s.id),
        );
    }
    let mut out: Vec<&Kept> = newest_first
        .into_iter()
        .filter(|s| !keep.contains(&s.id))
        .collect();
    out.sort_by_key(|a| a.taken_at);
    out.into_iter().map(|s| s.id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use shared::policies::{next_runs, Level};

    fn level(keep: i32, dow: &[u8], dom: &[u8]) -> Level {
        Level {
            enabled: true,
            keep,
            times: vec!["21:00".into()],
            days_of_week: dow.to_vec(),
            days_of_month: dom.to_vec(),
            months: vec![],
        }
    }

    fn policy() -> Schedule {
        Schedule {
            daily: level(5, &[], &[]),
            weekly: level(4, &[7], &[]),
            monthly: level(12, &[], &[1]),
            ..Schedule::default()
        }
    }

    /// A simulated year of nightly runs through the policy, retention after each one.
    #[test]
    fn a_year_of_runs_keeps_exactly_the_expected_snapshots() {
        let schedule = policy();
        let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let runs = next_runs(&schedule, &start, 365);
        assert_eq!(runs.len(), 365);
        let mut alive: Vec<Kept> = Vec::new();
        for (i, r) in runs.iter().enumerate() {
            alive.push(Kept {
                id: i as i64,
                taken_at: r.at,
                levels: r.levels.clone(),
            });
            let gone = doomed(&alive, &schedule);
            alive.retain(|s| !gone.contains(&s.id));
        }
        let mut days: Vec<String> = alive
            .iter()
            .map(|s| s.taken_at.format("%m-%d").to_string())
            .collect();
        days.sort();
        // 5 newest dailies (Dec 27–31), 4 newest Sundays (Dec 13, 20, 27 — 27 is daily too —
        // and Dec 6), 12 newest month starts (Jan 1 … Dec 1).
        let expected = [
            "01-01", "02-01", "03-01", "04-01", "05-01", "06-01", "07-01", "08-01", "09-01",
            "10-01", "11-01", "12-01", "12-06", "12-13", "12-20", "12-27", "12-28", "12-29",
            "12-30", "12-31",
        ];
        assert_eq!(days, expected);
    }

    #[test]
    fn the_newest_is_never_deleted_and_untagged_ones_go() {
        let s = Schedule {
            daily: level(1, &[], &[]),
            ..Schedule::default()
        };
        let t = |d: u32| Utc.with_ymd_and_hms(2026, 3, d, 21, 0, 0).unwrap();
        let snaps = vec![
            Kept {
                id: 1,
                taken_at: t(1),
                levels: vec![LevelName::Daily],
            },
            Kept {
                id: 2,
                taken_at: t(2),
                levels: vec![LevelName::Daily],
            },
            Kept {
                id: 3,
                taken_at: t(3),
                levels: vec![],
            },
        ];
        // 3 is newest (kept though untagged), 2 is the newest daily; 1 goes.
        assert_eq!(doomed(&snaps, &s), vec![1]);
        // A disabled policy still never deletes the newest.
        assert_eq!(doomed(&snaps, &Schedule::default()), vec![1, 2]);
        assert!(doomed(&[], &s).is_empty());
    }
}
