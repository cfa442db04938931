//! The live preview of a policy: its next ten runs (computed in the browser with
//! `shared::policies::next_runs`, in the browser's time zone) and, in plain words, which
//! snapshots it keeps and how far back they reach.

use chrono::{Local, NaiveDate, Utc};
use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::policies::{next_runs, runs_on, LevelName, Schedule};

use crate::format;
use crate::i18n::LOADER;
use crate::labels;

/// The enabled levels and their keep counts, smallest first.
pub fn kept(schedule: &Schedule) -> Vec<(LevelName, i32)> {
    schedule
        .levels()
        .iter()
        .filter(|(_, l)| l.enabled && l.keep > 0)
        .map(|(n, l)| (*n, l.keep))
        .collect()
}

/// Roughly how many days back the oldest snapshot reaches: for each level, its keep
/// count times the average gap between its runs over the coming year.
pub fn reach_days(schedule: &Schedule, today: NaiveDate) -> Option<f64> {
    let mut counts = [0usize; 5];
    let mut date = today;
    for _ in 0..365 {
        for run in runs_on(schedule, &Utc, date) {
            for level in run.levels {
                if let Some(i) = LevelName::ALL.iter().position(|l| *l == level) {
                    counts[i] += 1;
                }
            }
        }
        date = date.succ_opt()?;
    }
    schedule
        .levels()
        .iter()
        .zip(counts)
        .filter(|((_, l), n)| l.enabled && l.keep > 0 && *n > 0)
        .map(|((_, l), n)| f64::from(l.keep) * 365.0 / n as f64)
        .reduce(f64::max)
}

/// A span of days in words ("3 weeks", "about 1 year").
fn span_text(days: f64) -> String {
    let round = |x: f64| x.round().max(1.0) as i64;
    if days < 14.0 {
        fl!(LOADER, "span-days", count = round(days))
    } else if days < 60.0 {
        fl!(LOADER, "span-weeks", count = round(days / 7.0))
    } else if days < 700.0 {
        fl!(LOADER, "span-months", count = round(days / 30.44))
    } else {
        fl!(LOADER, "span-years", count = round(days / 365.25))
    }
}

/// The preview panel beside the level tabs.
#[component]
pub fn SchedulePreview(#[prop(into)] schedule: Signal<Schedule>) -> impl IntoView {
    let runs = Memo::new(move |_| {
        schedule.with(|s| {
            next_runs(s, &Local::now(), 10)
                .into_iter()
                .map(|r| (r.at.with_timezone(&Utc), r.levels))
                .collect::<Vec<_>>()
        })
    });
    let keeps = move || {
        let list = schedule.with(kept);
        if list.is_empty() {
            return fl!(LOADER, "policy-keeps-nothing");
        }
        let items: Vec<String> = list
            .iter()
            .map(|(n, k)| labels::level_keep(*n, *k))
            .collect();
        let mut text = fl!(LOADER, "policy-keeps", list = format::list(&items));
        if let Some(days) = schedule.with(|s| reach_days(s, Local::now().date_naive())) {
            text.push(' ');
            text.push_str(&fl!(LOADER, "policy-reach", span = span_text(days)));
        }
        text
    };
    let first = move || {
        schedule
            .with(kept)
            .first()
            .map(|(n, _)| fl!(LOADER, "policy-first-level", level = labels::level_name(*n)))
    };
    view! {
        <section class="panel preview" id="policy-preview" aria-labelledby="policy-preview-title">
            <h2 id="policy-preview-title">{move || fl!(LOADER, "policy-preview-title")}</h2>
            <p id="policy-keeps" data-testid="policy-keeps" aria-live="polite">{keeps}</p>
            <p class="field-help">{first}</p>
            <h3>{move || fl!(LOADER, "policy-next-runs")}</h3>
            <p class="field-help" id="policy-time-zone">
                {move || fl!(LOADER, "policy-browser-time", zone = format::time_zone())}
            </p>
            {move || {
                let list = runs.get();
                if list.is_empty() {
                    return view! { <p class="empty" id="policy-no-runs">{fl!(LOADER, "policy-no-runs")}</p> }.into_any();
                }
                view! {
                    <ol class="run-list" id="policy-next-runs">
                        {list.into_iter().map(|(at, levels)| {
                            let names: Vec<String> = levels.iter().map(|l| labels::level_name(*l)).collect();
                            view! {
                                <li data-testid="policy-run">
                                    <time datetime=at.to_rfc3339()>{format::date_time_with_weekday(&at)}</time>
                                    " — "
                                    <span class="muted">{format::list(&names)}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::policies::Level;

    fn daily(keep: i32, days: Vec<u8>) -> Level {
        Level {
            enabled: true,
            keep,
            times: vec!["21:00".into()],
            days_of_week: days,
            ..Level::default()
        }
    }

    #[test]
    fn default_policy_reaches_a_year() {
        let schedule = Schedule {
            daily: daily(5, vec![1, 2, 3, 4, 5]),
            weekly: daily(4, vec![1]),
            monthly: Level {
                days_of_month: vec![1],
                ..daily(12, vec![])
            },
            ..Schedule::default()
        };
        assert_eq!(
            kept(&schedule),
            vec![
                (LevelName::Daily, 5),
                (LevelName::Weekly, 4),
                (LevelName::Monthly, 12)
            ]
        );
        let today = NaiveDate::from_ymd_opt(2025, 3, 3).unwrap_or_default();
        let days = reach_days(&schedule, today).unwrap_or_default();
        assert!((360.0..370.0).contains(&days), "{days}");
        assert_eq!(reach_days(&Schedule::default(), today), None);
    }
}
