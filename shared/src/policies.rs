//! Policies: when backups run (per level: hourly, daily, weekly, monthly, yearly) and how
//! many snapshots each level keeps; `next_runs` previews the schedule.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::validate::{check_len, check_range, Issue};

mod preset;
pub use preset::PolicyPreset;

crate::text::text_enum! {
    /// The retention levels, smallest first.
    #[derive(PartialOrd, Ord, Hash)]
    pub enum LevelName {
        Hourly => "hourly",
        Daily => "daily",
        Weekly => "weekly",
        Monthly => "monthly",
        Yearly => "yearly",
    }
}

/// One level of a policy. Empty day/month lists mean "every".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Level {
    #[serde(default)]
    pub enabled: bool,
    /// How many snapshots of this level to keep (1 to 1000 when enabled).
    #[serde(default)]
    pub keep: i32,
    /// Times of day, `HH:MM`, in the server's time zone.
    #[serde(default)]
    pub times: Vec<String>,
    /// ISO weekdays: 1 = Monday … 7 = Sunday.
    #[serde(default)]
    pub days_of_week: Vec<u8>,
    /// Days of the month, 1 to 31; a day past the month's end means its last day.
    #[serde(default)]
    pub days_of_month: Vec<u8>,
    /// Months, 1 to 12.
    #[serde(default)]
    pub months: Vec<u8>,
}

/// The five levels of a policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Schedule {
    #[serde(default)]
    pub hourly: Level,
    #[serde(default)]
    pub daily: Level,
    #[serde(default)]
    pub weekly: Level,
    #[serde(default)]
    pub monthly: Level,
    #[serde(default)]
    pub yearly: Level,
}

impl Schedule {
    /// The levels with their names, smallest first.
    pub fn levels(&self) -> [(LevelName, &Level); 5] {
        [
            (LevelName::Hourly, &self.hourly),
            (LevelName::Daily, &self.daily),
            (LevelName::Weekly, &self.weekly),
            (LevelName::Monthly, &self.monthly),
            (LevelName::Yearly, &self.yearly),
        ]
    }

    /// The level called `name`.
    pub fn level(&self, name: LevelName) -> &Level {
        match name {
            LevelName::Hourly => &self.hourly,
            LevelName::Daily => &self.daily,
            LevelName::Weekly => &self.weekly,
            LevelName::Monthly => &self.monthly,
            LevelName::Yearly => &self.yearly,
        }
    }
}

/// A policy as written by `POST` and `PUT /api/policies`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyInput {
    #[cfg_attr(
        feature = "openapi",
        schema(example = "Default policy", min_length = 1, max_length = 100)
    )]
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Default rsync include patterns of its jobs.
    #[serde(default)]
    pub include: Vec<String>,
    /// Default rsync exclude patterns of its jobs.
    #[serde(default)]
    pub exclude: Vec<String>,
    pub schedule: Schedule,
}

/// A policy as returned by the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Policy {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub schedule: Schedule,
    /// How many jobs use it.
    pub job_count: i64,
    /// The key of one of the four policies the server was installed with (`default`,
    /// `weekdays_three_times`, `daily`, `weekdays_long_term`), until an administrator edits
    /// it: while set, `name` and `description` are in the caller's language
    /// (`Accept-Language`). `null` for every other policy.
    #[serde(default)]
    pub preset: Option<PolicyPreset>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Parses `HH:MM` (24-hour clock).
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    let (h, m) = s.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    first_next
        .and_then(|d| d.pred_opt())
        .map(|d| d.day())
        .unwrap_or(28)
}

impl Level {
    /// True when the level is due on `date` (ignoring the time of day).
    pub fn matches_date(&self, date: NaiveDate) -> bool {
        let dow = date.weekday().number_from_monday() as u8;
        let last = days_in_month(date.year(), date.month());
        (self.days_of_week.is_empty() || self.days_of_week.contains(&dow))
            && (self.months.is_empty() || self.months.contains(&(date.month() as u8)))
            && (self.days_of_month.is_empty()
                || self
                    .days_of_month
                    .iter()
                    .any(|&d| u32::from(d).min(last) == date.day()))
    }

    fn validate(&self, name: LevelName, v: &mut Vec<Issue>) {
        let f = |s: &str| format!("schedule.{}.{s}", name.as_str());
        if !self.enabled {
            return;
        }
        check_range(v, &f("keep"), i64::from(self.keep), 1, 1000);
        if self.times.is_empty() {
            v.push(Issue::new(f("times"), "required"));
        }
        for (i, t) in self.times.iter().enumerate() {
            if parse_time(t).is_none() {
                v.push(Issue::new(format!("{}.{i}", f("times")), "time_format"));
            }
        }
        let mut range = |field: &str, list: &[u8], max: i64| {
            if list.iter().any(|&x| x < 1 || i64::from(x) > max) {
                v.push(Issue::with(
                    f(field),
                    "out_of_range",
                    &[("min", 1), ("max", max)],
                ));
            }
        };
        range("days_of_week", &self.days_of_week, 7);
        range("days_of_month", &self.days_of_month, 31);
        range("months", &self.months, 12);
    }
}

impl PolicyInput {
    /// Field-level checks that need no database.
    pub fn validate(&self) -> Vec<Issue> {
        let mut v = Vec::new();
        check_len(&mut v, "name", self.name.trim(), 1, 100);
        check_len(&mut v, "description", &self.description, 0, 2000);
        crate::jobs::validate_patterns(&mut v, "include", &self.include);
        crate::jobs::validate_patterns(&mut v, "exclude", &self.exclude);
        for (name, level) in self.schedule.levels() {
            level.validate(name, &mut v);
        }
        if !self.schedule.levels().iter().any(|(_, l)| l.enabled) {
            v.push(Issue::new("schedule", "required"));
        }
        v
    }
}

/// One planned run: when, and which levels it serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedRun<Tz: TimeZone> {
    pub at: DateTime<Tz>,
    pub levels: Vec<LevelName>,
}

/// Resolves a local wall-clock time: the earlier instant when it occurs twice (clocks go
/// back), and the first instant after the gap when it does not occur (clocks go forward),
/// so that no scheduled run is lost to a DST change.
pub fn resolve_local<Tz: TimeZone>(tz: &Tz, local: chrono::NaiveDateTime) -> Option<DateTime<Tz>> {
    if let Some(t) = tz.from_local_datetime(&local).earliest() {
        return Some(t);
    }
    // Inside a gap: step forward minute by minute to the first existing time (gaps are at
    // most a few hours).
    (1..=24 * 60).find_map(|m| {
        tz.from_local_datetime(&(local + Duration::minutes(m)))
            .earliest()
    })
}

/// The runs of `schedule` due on local `date`, each with its levels, in time order.
pub fn runs_on<Tz: TimeZone>(schedule: &Schedule, tz: &Tz, date: NaiveDate) -> Vec<PlannedRun<Tz>> {
    let mut runs: Vec<PlannedRun<Tz>> = Vec::new();
    for (name, level) in schedule.levels() {
        if !level.enabled || !level.matches_date(date) {
            continue;
        }
        for t in level.times.iter().filter_map(|t| parse_time(t)) {
            let Some(at) = resolve_local(tz, date.and_time(t)) else {
                continue;
            };
            match runs.iter_mut().find(|r| r.at == at) {
                Some(r) => {
                    if !r.levels.contains(&name) {
                        r.levels.push(name);
                    }
                }
                None => runs.push(PlannedRun {
                    at,
                    levels: vec![name],
                }),
            }
        }
    }
    runs.sort_by(|a, b| a.at.cmp(&b.at));
    for r in &mut runs {
        r.levels.sort();
    }
    runs
}

/// The next `n` runs strictly after `from`, looking up to ten years ahead.
pub fn next_runs<Tz: TimeZone>(
    schedule: &Schedule,
    from: &DateTime<Tz>,
    n: usize,
) -> Vec<PlannedRun<Tz>> {
    let tz = from.timezone();
    let mut out = Vec::new();
    // Start a day early: a run on the previous local date can still lie after `from`
    // around DST changes.
    let mut date = from.date_naive().pred_opt().unwrap_or(from.date_naive());
    for _ in 0..(366 * 10) {
        for r in runs_on(schedule, &tz, date) {
            if r.at > *from {
                out.push(r);
            }
        }
        if out.len() >= n {
            break;
        }
        match date.succ_opt() {
            Some(d) => date = d,
            None => break,
        }
    }
    out.sort_by(|a, b| a.at.cmp(&b.at));
    out.truncate(n);
    out
}

/// The levels of `schedule` due in the window `(after, upto]`: what the scheduler queues
/// when it evaluates the minute `upto` (a window of one minute) or catches up after
/// downtime (a longer window: each missed level once, however many times it was missed).
/// Windows longer than 400 days are cut to their last 400 days.
pub fn due_between<Tz: TimeZone>(
    schedule: &Schedule,
    tz: &Tz,
    after: DateTime<Utc>,
    upto: DateTime<Utc>,
) -> Vec<LevelName> {
    let after = after.max(upto - Duration::days(400));
    let mut due: Vec<LevelName> = Vec::new();
    if upto <= after {
        return due;
    }
    // Local dates around the window: a day either side covers every UTC offset.
    let first = after.with_timezone(tz).date_naive().pred_opt();
    let last = upto.with_timezone(tz).date_naive().succ_opt();
    let (Some(mut date), Some(last)) = (first, last) else {
        return due;
    };
    while date <= last {
        for r in runs_on(schedule, tz, date) {
            let at = r.at.with_timezone(&Utc);
            if at > after && at <= upto {
                for l in r.levels {
                    if !due.contains(&l) {
                        due.push(l);
                    }
                }
            }
        }
        match date.succ_opt() {
            Some(d) => date = d,
            None => break,
        }
    }
    due.sort();
    due
}

#[cfg(test)]
mod tests;
