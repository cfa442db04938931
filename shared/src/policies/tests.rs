use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Madrid;

use super::*;

fn level(keep: i32, times: &[&str], dow: &[u8], dom: &[u8], months: &[u8]) -> Level {
    Level {
        enabled: true,
        keep,
        times: times.iter().map(|s| s.to_string()).collect(),
        days_of_week: dow.to_vec(),
        days_of_month: dom.to_vec(),
        months: months.to_vec(),
    }
}

fn default_policy() -> Schedule {
    Schedule {
        daily: level(5, &["21:00"], &[1, 2, 3, 4, 5], &[], &[]),
        weekly: level(4, &["21:00"], &[1], &[], &[]),
        monthly: level(12, &["21:00"], &[], &[1], &[]),
        ..Schedule::default()
    }
}

fn fmt<Tz: TimeZone>(runs: &[PlannedRun<Tz>]) -> Vec<String>
where
    Tz::Offset: std::fmt::Display,
{
    runs.iter()
        .map(|r| {
            let levels: Vec<&str> = r.levels.iter().map(|l| l.as_str()).collect();
            format!("{} {}", r.at.format("%Y-%m-%d %H:%M %z"), levels.join("+"))
        })
        .collect()
}

#[test]
fn default_policy_week() {
    // Monday 23 November 2026, 10:00 in Madrid.
    let from = Madrid.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    let runs = next_runs(&default_policy(), &from, 7);
    assert_eq!(
        fmt(&runs),
        [
            "2026-11-23 21:00 +0100 daily+weekly",
            "2026-11-24 21:00 +0100 daily",
            "2026-11-25 21:00 +0100 daily",
            "2026-11-26 21:00 +0100 daily",
            "2026-11-27 21:00 +0100 daily",
            "2026-11-30 21:00 +0100 daily+weekly",
            "2026-12-01 21:00 +0100 daily+monthly",
        ]
    );
}

#[test]
fn strictly_after_from() {
    let from = Madrid.with_ymd_and_hms(2026, 11, 23, 21, 0, 0).unwrap();
    let runs = next_runs(&default_policy(), &from, 1);
    assert_eq!(fmt(&runs), ["2026-11-24 21:00 +0100 daily"]);
}

#[test]
fn spring_forward_gap_runs_after_the_gap() {
    // 28 March 2027: 02:00 → 03:00 in Madrid; 02:30 does not exist.
    let s = Schedule {
        daily: level(7, &["02:30"], &[], &[], &[]),
        ..Schedule::default()
    };
    let from = Madrid.with_ymd_and_hms(2027, 3, 27, 12, 0, 0).unwrap();
    let runs = next_runs(&s, &from, 3);
    assert_eq!(
        fmt(&runs),
        [
            "2027-03-28 03:00 +0200 daily",
            "2027-03-29 02:30 +0200 daily",
            "2027-03-30 02:30 +0200 daily",
        ]
    );
}

#[test]
fn fall_back_runs_once() {
    // 25 October 2026: 03:00 → 02:00; 02:30 happens twice, the backup once.
    let s = Schedule {
        hourly: level(24, &["02:30", "03:30"], &[], &[], &[]),
        ..Schedule::default()
    };
    let from = Madrid.with_ymd_and_hms(2026, 10, 25, 0, 0, 0).unwrap();
    let runs = next_runs(&s, &from, 3);
    assert_eq!(
        fmt(&runs),
        [
            "2026-10-25 02:30 +0200 hourly",
            "2026-10-25 03:30 +0100 hourly",
            "2026-10-26 02:30 +0100 hourly",
        ]
    );
}

#[test]
fn day_31_means_the_last_day_of_short_months() {
    let s = Schedule {
        monthly: level(12, &["23:00"], &[], &[31], &[]),
        ..Schedule::default()
    };
    let from = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
    let days: Vec<String> = next_runs(&s, &from, 5)
        .iter()
        .map(|r| r.at.format("%m-%d").to_string())
        .collect();
    assert_eq!(days, ["01-31", "02-28", "03-31", "04-30", "05-31"]);
}

#[test]
fn leap_years() {
    let s = Schedule {
        yearly: level(5, &["12:00"], &[], &[29], &[2]),
        ..Schedule::default()
    };
    let from = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
    let days: Vec<String> = next_runs(&s, &from, 3)
        .iter()
        .map(|r| r.at.format("%Y-%m-%d").to_string())
        .collect();
    assert_eq!(days, ["2027-02-28", "2028-02-29", "2029-02-28"]);
}

#[test]
fn days_of_month_both_30_and_31_run_once_in_april() {
    let s = Schedule {
        monthly: level(12, &["08:00"], &[], &[30, 31], &[4]),
        ..Schedule::default()
    };
    let runs = runs_on(&s, &Utc, NaiveDate::from_ymd_opt(2027, 4, 30).unwrap());
    assert_eq!(runs.len(), 1);
}

#[test]
fn disabled_levels_and_empty_schedules() {
    let mut s = default_policy();
    s.daily.enabled = false;
    s.weekly.enabled = false;
    s.monthly.enabled = false;
    let from = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    assert!(next_runs(&s, &from, 3).is_empty());
}

fn input(schedule: Schedule) -> PolicyInput {
    PolicyInput {
        name: "p".into(),
        description: String::new(),
        include: vec![],
        exclude: vec!["*.tmp".into()],
        schedule,
    }
}

fn issues(p: &PolicyInput) -> Vec<(String, &'static str)> {
    p.validate()
        .into_iter()
        .map(|i| (i.field, i.code))
        .collect()
}

#[test]
fn validation() {
    assert!(input(default_policy()).validate().is_empty());
    let mut s = default_policy();
    s.daily.keep = 0;
    s.weekly.times = vec![];
    s.monthly.times = vec!["25:00".into(), "9:00".into()];
    s.monthly.days_of_month = vec![32];
    assert_eq!(
        issues(&input(s)),
        [
            ("schedule.daily.keep".to_string(), "out_of_range"),
            ("schedule.weekly.times".to_string(), "required"),
            ("schedule.monthly.times.0".to_string(), "time_format"),
            ("schedule.monthly.times.1".to_string(), "time_format"),
            ("schedule.monthly.days_of_month".to_string(), "out_of_range"),
        ]
    );
    assert_eq!(
        issues(&input(Schedule::default())),
        [("schedule".to_string(), "required")]
    );
    let mut bad = input(default_policy());
    bad.exclude = vec!["--delete".into()];
    assert_eq!(issues(&bad), [("exclude.0".to_string(), "invalid")]);
}

/// Evaluates every minute from `from` for `minutes`, as the scheduler's tick does, and
/// returns each minute that queued something with its levels.
fn tick_minutes(s: &Schedule, from: chrono::DateTime<Utc>, minutes: i64) -> Vec<String> {
    let mut out = Vec::new();
    for m in 1..=minutes {
        let upto = from + chrono::Duration::minutes(m);
        let due = due_between(s, &Madrid, upto - chrono::Duration::minutes(1), upto);
        if !due.is_empty() {
            let levels: Vec<&str> = due.iter().map(|l| l.as_str()).collect();
            out.push(format!(
                "{} {}",
                upto.with_timezone(&Madrid).format("%Y-%m-%d %H:%M %z"),
                levels.join("+")
            ));
        }
    }
    out
}

#[test]
fn minute_ticks_over_a_week_fire_exactly_the_planned_runs() {
    let from = Madrid.with_ymd_and_hms(2026, 11, 23, 0, 0, 0).unwrap();
    let planned: Vec<String> = fmt(&next_runs(&default_policy(), &from, 100))
        .into_iter()
        .filter(|r| r.as_str() < "2026-11-30 00:00")
        .collect();
    let ticked = tick_minutes(&default_policy(), from.with_timezone(&Utc), 7 * 24 * 60);
    assert_eq!(ticked, planned);
    assert_eq!(ticked[0], "2026-11-23 21:00 +0100 daily+weekly");
    assert_eq!(ticked.len(), 5);
}

#[test]
fn every_level_fires_at_its_minute() {
    let s = Schedule {
        hourly: level(3, &["09:00", "13:00"], &[], &[], &[]),
        daily: level(5, &["21:00"], &[], &[], &[]),
        weekly: level(4, &["22:00"], &[7], &[], &[]),
        monthly: level(12, &["23:00"], &[], &[1], &[]),
        yearly: level(5, &["23:30"], &[], &[1], &[1]),
    };
    let from = Madrid.with_ymd_and_hms(2026, 12, 31, 0, 0, 0).unwrap();
    let ticked = tick_minutes(&s, from.with_timezone(&Utc), 4 * 24 * 60);
    assert_eq!(
        ticked,
        [
            "2026-12-31 09:00 +0100 hourly",
            "2026-12-31 13:00 +0100 hourly",
            "2026-12-31 21:00 +0100 daily",
            "2027-01-01 09:00 +0100 hourly",
            "2027-01-01 13:00 +0100 hourly",
            "2027-01-01 21:00 +0100 daily",
            "2027-01-01 23:00 +0100 monthly",
            "2027-01-01 23:30 +0100 yearly",
            "2027-01-02 09:00 +0100 hourly",
            "2027-01-02 13:00 +0100 hourly",
            "2027-01-02 21:00 +0100 daily",
            "2027-01-03 09:00 +0100 hourly",
            "2027-01-03 13:00 +0100 hourly",
            "2027-01-03 21:00 +0100 daily",
            "2027-01-03 22:00 +0100 weekly",
        ]
    );
}

#[test]
fn ticks_across_dst_changes_fire_once() {
    // Spring forward: 02:30 does not exist on 28 March 2027; it runs at 03:00, once.
    let s = Schedule {
        daily: level(7, &["02:30"], &[], &[], &[]),
        ..Schedule::default()
    };
    let from = Madrid.with_ymd_and_hms(2027, 3, 27, 12, 0, 0).unwrap();
    assert_eq!(
        tick_minutes(&s, from.with_timezone(&Utc), 2 * 24 * 60),
        [
            "2027-03-28 03:00 +0200 daily",
            "2027-03-29 02:30 +0200 daily"
        ]
    );
    // Fall back: 02:30 happens twice on 25 October 2026; the backup runs once.
    let from = Madrid.with_ymd_and_hms(2026, 10, 24, 12, 0, 0).unwrap();
    assert_eq!(
        tick_minutes(&s, from.with_timezone(&Utc), 2 * 24 * 60),
        [
            "2026-10-25 02:30 +0200 daily",
            "2026-10-26 02:30 +0100 daily"
        ]
    );
}

#[test]
fn catch_up_after_three_days_down_queues_each_missed_level_once() {
    // Down from Sunday 22 November 2026 noon to Wednesday 25th noon: daily (Mon, Tue) and
    // weekly (Mon) were missed; monthly was not.
    let after = Madrid.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap();
    let upto = Madrid.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
    let due = due_between(
        &default_policy(),
        &Madrid,
        after.with_timezone(&Utc),
        upto.with_timezone(&Utc),
    );
    assert_eq!(due, [LevelName::Daily, LevelName::Weekly]);
    // Down over the 1st of the month as well.
    let upto = Madrid.with_ymd_and_hms(2026, 12, 2, 12, 0, 0).unwrap();
    let due = due_between(
        &default_policy(),
        &Madrid,
        after.with_timezone(&Utc),
        upto.with_timezone(&Utc),
    );
    assert_eq!(
        due,
        [LevelName::Daily, LevelName::Weekly, LevelName::Monthly]
    );
    // An empty or reversed window queues nothing.
    let t = upto.with_timezone(&Utc);
    assert!(due_between(&default_policy(), &Madrid, t, t).is_empty());
    assert!(due_between(
        &default_policy(),
        &Madrid,
        t,
        t - chrono::Duration::hours(1)
    )
    .is_empty());
}
