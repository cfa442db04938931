//! The next scheduled runs on the dashboard, pure: each policy's schedule evaluated once,
//! its runs given to the scheduled jobs of that policy, the soonest kept.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use shared::common::Ref;
use shared::dashboard::NextRun;
use shared::policies::{next_runs, LevelName, Schedule};

/// A job the scheduler queues (active, of an active client that is no copy).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheduled {
    pub job: Ref,
    pub client: Ref,
    pub policy_id: i64,
}

/// A policy's next run: when, and the levels it serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyRun {
    pub at: DateTime<Utc>,
    pub levels: Vec<LevelName>,
}

/// The next `n` runs after `now` of each of the `policies` (read in `tz`), by policy id.
pub fn policy_runs<'a>(
    policies: impl IntoIterator<Item = (i64, &'a Schedule)>,
    tz: Tz,
    now: DateTime<Utc>,
    n: usize,
) -> HashMap<i64, Vec<PolicyRun>> {
    let from = now.with_timezone(&tz);
    policies
        .into_iter()
        .map(|(id, s)| {
            let runs = next_runs(s, &from, n)
                .into_iter()
                .map(|r| PolicyRun {
                    at: r.at.with_timezone(&Utc),
                    levels: r.levels,
                })
                .collect();
            (id, runs)
        })
        .collect()
}

/// The `n` soonest runs of the `jobs` (given in the board's order, which breaks ties
/// between runs at the same moment), from their policies' next runs `runs` (each policy's
/// soonest first, at least `n` of them when it has that many).
pub fn pick(runs: &HashMap<i64, Vec<PolicyRun>>, jobs: &[Scheduled], n: usize) -> Vec<NextRun> {
    let mut by_policy: HashMap<i64, Vec<usize>> = HashMap::new();
    for (i, j) in jobs.iter().enumerate() {
        by_policy.entry(j.policy_id).or_default().push(i);
    }
    // Within one moment only the first `n` jobs of a policy can make the cut, and each run
    // of a policy with jobs fills at least one place: `n` runs × `n` jobs per policy
    // bound the candidates, whatever the number of jobs.
    let mut candidates: Vec<(DateTime<Utc>, usize, &PolicyRun)> = Vec::new();
    for (policy, members) in &by_policy {
        for run in runs.get(policy).into_iter().flatten().take(n) {
            for &i in members.iter().take(n) {
                candidates.push((run.at, i, run));
            }
        }
    }
    candidates.sort_by_key(|(at, i, _)| (*at, *i));
    candidates
        .into_iter()
        .take(n)
        .filter_map(|(at, i, run)| {
            let j = jobs.get(i)?;
            Some(NextRun {
                job: j.job.clone(),
                client: j.client.clone(),
                at,
                levels: run.levels.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Europe::Madrid;
    use shared::policies::Level;

    fn scheduled(id: i64, policy_id: i64) -> Scheduled {
        Scheduled {
            job: Ref {
                id,
                name: format!("job{id}"),
            },
            client: Ref {
                id: 100,
                name: "pc".into(),
            },
            policy_id,
        }
    }

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Madrid
            .with_ymd_and_hms(2026, 11, d, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn run(at: DateTime<Utc>, level: LevelName) -> PolicyRun {
        PolicyRun {
            at,
            levels: vec![level],
        }
    }

    fn picked(v: &[NextRun]) -> Vec<(i64, DateTime<Utc>)> {
        v.iter().map(|r| (r.job.id, r.at)).collect()
    }

    #[test]
    fn soonest_first_ties_in_board_order() {
        let runs = HashMap::from([
            (
                1,
                vec![
                    run(at(2, 21), LevelName::Daily),
                    run(at(3, 21), LevelName::Daily),
                ],
            ),
            (
                2,
                vec![
                    run(at(2, 22), LevelName::Weekly),
                    run(at(2, 23), LevelName::Weekly),
                ],
            ),
            (3, vec![run(at(2, 1), LevelName::Daily)]),
        ]);
        // Job 7 comes first on the board; policy 3 has no scheduled job.
        let jobs = [scheduled(7, 2), scheduled(5, 1), scheduled(6, 1)];
        let got = pick(&runs, &jobs, 5);
        assert_eq!(
            picked(&got),
            vec![
                (5, at(2, 21)),
                (6, at(2, 21)),
                (7, at(2, 22)),
                (7, at(2, 23)),
                (5, at(3, 21)),
            ]
        );
        assert_eq!(got[2].levels, vec![LevelName::Weekly]);
        assert_eq!(got[2].client.name, "pc");
        assert_eq!(
            picked(&pick(&runs, &jobs, 2)),
            vec![(5, at(2, 21)), (6, at(2, 21))]
        );
    }

    #[test]
    fn many_jobs_of_one_policy_fill_the_list_at_its_first_run() {
        let runs = HashMap::from([(1, vec![run(at(2, 21), LevelName::Daily)])]);
        let jobs: Vec<Scheduled> = (0..3000).map(|i| scheduled(i, 1)).collect();
        let got = pick(&runs, &jobs, 10);
        assert_eq!(got.len(), 10);
        assert!(got.iter().all(|r| r.at == at(2, 21)));
        assert_eq!(
            got.iter().map(|r| r.job.id).collect::<Vec<_>>(),
            (0..10).collect::<Vec<_>>()
        );
    }

    #[test]
    fn no_jobs_or_no_runs_pick_nothing() {
        let runs = HashMap::from([(1, vec![run(at(2, 21), LevelName::Daily)])]);
        assert!(pick(&runs, &[], 10).is_empty());
        assert!(pick(&HashMap::new(), &[scheduled(1, 1)], 10).is_empty());
    }

    #[test]
    fn each_policy_is_read_in_the_time_zone() {
        let daily = Schedule {
            daily: Level {
                enabled: true,
                keep: 3,
                times: vec!["21:00".into()],
                ..Level::default()
            },
            ..Schedule::default()
        };
        let off = Schedule::default();
        let runs = policy_runs([(1, &daily), (2, &off)], Madrid, at(2, 22), 3);
        assert_eq!(
            runs[&1].iter().map(|r| r.at).collect::<Vec<_>>(),
            vec![at(3, 21), at(4, 21), at(5, 21)]
        );
        assert_eq!(runs[&1][0].levels, vec![LevelName::Daily]);
        assert!(runs[&2].is_empty(), "a schedule that never runs");
    }
}
