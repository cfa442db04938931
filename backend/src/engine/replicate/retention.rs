//! Retention of a copied job, independent of the primary's: which local snapshots the
//! primary no longer lists, and which of them (mode `mirror`) or of all (mode `policy`)
//! go now. Only snapshots received at least `min_age_days` ago are ever deleted, so a
//! flood of new snapshots from a compromised primary cannot push history out; at most
//! `max_deletions` per run. Pure.

use chrono::{DateTime, Duration, Utc};
use shared::policies::{LevelName, Schedule};
use shared::replication::ReplicaRetention;

use crate::engine::retention::{doomed, Kept};

/// What replica retention needs to know of a local snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    pub id: i64,
    pub taken_at: DateTime<Utc>,
    pub levels: Vec<LevelName>,
    /// When it arrived here (`None`: a snapshot of this server's own, e.g. from before a
    /// take-over: its taken_at counts).
    pub received_at: Option<DateTime<Utc>>,
    pub vanished_at: Option<DateTime<Utc>>,
}

/// The source's retention settings.
#[derive(Debug, Clone)]
pub struct Rules<'a> {
    pub mode: ReplicaRetention,
    pub min_age_days: i32,
    pub delete_vanished: bool,
    pub vanished_grace_days: i32,
    pub max_deletions: i32,
    /// The source policy's schedule (mode `policy`).
    pub schedule: &'a Schedule,
}

/// The ids of the snapshots to delete now, oldest first, at most `max_deletions`.
pub fn doomed_copies(copies: &[Copy], rules: &Rules<'_>, now: DateTime<Utc>) -> Vec<i64> {
    let old_enough = |c: &Copy| {
        c.received_at.unwrap_or(c.taken_at) <= now - Duration::days(rules.min_age_days.into())
    };
    let mut out: Vec<&Copy> = match rules.mode {
        ReplicaRetention::Mirror => copies
            .iter()
            .filter(|c| rules.delete_vanished && old_enough(c))
            .filter(|c| {
                c.vanished_at
                    .is_some_and(|v| v <= now - Duration::days(rules.vanished_grace_days.into()))
            })
            .collect(),
        ReplicaRetention::Policy => {
            let eligible: Vec<Kept> = copies
                .iter()
                .filter(|c| old_enough(c))
                .map(|c| Kept {
                    id: c.id,
                    taken_at: c.taken_at,
                    levels: c.levels.clone(),
                })
                .collect();
            let gone = doomed(&eligible, rules.schedule);
            copies.iter().filter(|c| gone.contains(&c.id)).collect()
        }
    };
    out.sort_by_key(|c| (c.taken_at, c.id));
    out.truncate(usize::try_from(rules.max_deletions).unwrap_or(0));
    out.into_iter().map(|c| c.id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use shared::policies::Level;

    fn day(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, d, 12, 0, 0).unwrap()
    }

    fn copy(id: i64, taken: u32, received: u32, vanished: Option<u32>) -> Copy {
        Copy {
            id,
            taken_at: day(taken),
            levels: vec![LevelName::Daily],
            received_at: Some(day(received)),
            vanished_at: vanished.map(day),
        }
    }

    fn rules(mode: ReplicaRetention, schedule: &Schedule) -> Rules<'_> {
        Rules {
            mode,
            min_age_days: 7,
            delete_vanished: true,
            vanished_grace_days: 3,
            max_deletions: 10,
            schedule,
        }
    }

    #[test]
    fn mirror_deletes_only_vanished_past_grace_and_old_enough_and_only_when_asked() {
        let s = Schedule::default();
        let now = day(20);
        let copies = vec![
            copy(1, 1, 1, Some(10)),  // vanished 10 days ago, received 19 ago: goes
            copy(2, 2, 2, Some(19)),  // vanished yesterday: grace
            copy(3, 3, 15, Some(10)), // received 5 days ago: too young
            copy(4, 4, 4, None),      // still listed
        ];
        assert_eq!(
            doomed_copies(&copies, &rules(ReplicaRetention::Mirror, &s), now),
            [1]
        );
        let mut off = rules(ReplicaRetention::Mirror, &s);
        off.delete_vanished = false;
        assert!(
            doomed_copies(&copies, &off, now).is_empty(),
            "off by default"
        );
    }

    #[test]
    fn policy_counts_only_old_enough_copies_so_a_flood_cannot_push_history_out() {
        let s = Schedule {
            daily: Level {
                enabled: true,
                keep: 2,
                times: vec!["21:00".into()],
                ..Level::default()
            },
            ..Schedule::default()
        };
        let now = day(28);
        // Five old copies, then a flood of ten received today.
        let mut copies: Vec<Copy> = (1..=5).map(|i| copy(i, i as u32, i as u32, None)).collect();
        copies.extend((10..20).map(|i| copy(i, 20 + (i as u32 % 5), 28, None)));
        let gone = doomed_copies(&copies, &rules(ReplicaRetention::Policy, &s), now);
        // Of the old ones the policy keeps the newest two; the flood counts for nothing.
        assert_eq!(gone, [1, 2, 3]);
    }

    #[test]
    fn deletions_are_capped_oldest_first() {
        let s = Schedule::default();
        let copies: Vec<Copy> = (1..=6)
            .map(|i| copy(i, i as u32, i as u32, Some(1)))
            .collect();
        let mut r = rules(ReplicaRetention::Mirror, &s);
        r.max_deletions = 2;
        assert_eq!(doomed_copies(&copies, &r, day(28)), [1, 2]);
        r.max_deletions = 0;
        assert!(doomed_copies(&copies, &r, day(28)).is_empty());
    }
}
