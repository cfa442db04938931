//! The policy form's editable state: name, description, default patterns and the five
//! levels, with conversions from a `Policy` and to a `PolicyInput`.

use leptos::prelude::*;
use shared::policies::{Level, LevelName, Policy, PolicyInput, Schedule};
use shared::validate::Issue;

use crate::components::form::lines;

/// One level being edited.
#[derive(Debug, Clone, Copy)]
pub struct LevelDraft {
    pub name: LevelName,
    pub enabled: RwSignal<bool>,
    pub keep: RwSignal<String>,
    pub times: RwSignal<Vec<String>>,
    pub days_of_week: RwSignal<Vec<u8>>,
    pub days_of_month: RwSignal<Vec<u8>>,
    pub months: RwSignal<Vec<u8>>,
}

impl LevelDraft {
    fn new(name: LevelName) -> Self {
        LevelDraft {
            name,
            enabled: RwSignal::new(false),
            keep: RwSignal::new(String::new()),
            times: RwSignal::new(Vec::new()),
            days_of_week: RwSignal::new(Vec::new()),
            days_of_month: RwSignal::new(Vec::new()),
            months: RwSignal::new(Vec::new()),
        }
    }

    fn load(self, level: &Level) {
        self.enabled.set(level.enabled);
        self.keep.set(if level.keep > 0 {
            level.keep.to_string()
        } else {
            String::new()
        });
        self.times.set(level.times.clone());
        self.days_of_week.set(level.days_of_week.clone());
        self.days_of_month.set(level.days_of_month.clone());
        self.months.set(level.months.clone());
    }

    /// The level as the API takes it; a keep count that is not a number is reported.
    pub fn build(self, issues: &mut Vec<Issue>) -> Level {
        let enabled = self.enabled.get();
        let text = self.keep.get();
        let keep = match text.trim().parse::<i32>() {
            Ok(n) => n,
            Err(_) if text.trim().is_empty() => 0,
            Err(_) => {
                if enabled {
                    issues.push(Issue::new(
                        format!("schedule.{}.keep", self.name.as_str()),
                        "invalid",
                    ));
                }
                0
            }
        };
        let sorted = |mut v: Vec<u8>| {
            v.sort_unstable();
            v.dedup();
            v
        };
        let mut times: Vec<String> = self
            .times
            .get()
            .into_iter()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        times.sort();
        times.dedup();
        Level {
            enabled,
            keep,
            times,
            days_of_week: sorted(self.days_of_week.get()),
            days_of_month: sorted(self.days_of_month.get()),
            months: sorted(self.months.get()),
        }
    }

    /// Switches the level on with sensible first values (a time and a keep count) when
    /// it has none yet.
    pub fn switch_on(self) {
        if self.times.with_untracked(Vec::is_empty) {
            self.times.set(vec!["21:00".to_owned()]);
        }
        if self.keep.with_untracked(|k| k.trim().is_empty()) {
            let keep = match self.name {
                LevelName::Hourly => 3,
                LevelName::Daily => 7,
                LevelName::Weekly => 4,
                LevelName::Monthly => 12,
                LevelName::Yearly => 2,
            };
            self.keep.set(keep.to_string());
        }
        match self.name {
            LevelName::Weekly if self.days_of_week.with_untracked(Vec::is_empty) => {
                self.days_of_week.set(vec![7]);
            }
            LevelName::Monthly | LevelName::Yearly
                if self.days_of_month.with_untracked(Vec::is_empty) =>
            {
                self.days_of_month.set(vec![1]);
                if self.name == LevelName::Yearly && self.months.with_untracked(Vec::is_empty) {
                    self.months.set(vec![1]);
                }
            }
            _ => {}
        }
    }
}

/// Every field of the policy form.
#[derive(Debug, Clone, Copy)]
pub struct PolicyDraft {
    pub name: RwSignal<String>,
    pub description: RwSignal<String>,
    pub include: RwSignal<String>,
    pub exclude: RwSignal<String>,
    pub levels: [LevelDraft; 5],
}

impl PolicyDraft {
    /// An empty policy with every level off.
    pub fn new() -> Self {
        PolicyDraft {
            name: RwSignal::new(String::new()),
            description: RwSignal::new(String::new()),
            include: RwSignal::new(String::new()),
            exclude: RwSignal::new(String::new()),
            levels: LevelName::ALL.map(LevelDraft::new),
        }
    }

    /// Fills the form from a saved policy.
    pub fn load(self, p: &Policy) {
        self.name.set(p.name.clone());
        self.description.set(p.description.clone());
        self.include.set(p.include.join("\n"));
        self.exclude.set(p.exclude.join("\n"));
        for (draft, (_, level)) in self.levels.iter().zip(p.schedule.levels()) {
            draft.load(level);
        }
    }

    /// The schedule alone (for the preview), problems ignored.
    pub fn schedule(self) -> Schedule {
        let mut ignored = Vec::new();
        let [h, d, w, m, y] = self.levels.map(|l| l.build(&mut ignored));
        Schedule {
            hourly: h,
            daily: d,
            weekly: w,
            monthly: m,
            yearly: y,
        }
    }

    /// The request body, and the problems found on the way.
    pub fn build(self) -> (PolicyInput, Vec<Issue>) {
        let mut issues = Vec::new();
        let [h, d, w, m, y] = self.levels.map(|l| l.build(&mut issues));
        let input = PolicyInput {
            name: self.name.get().trim().to_owned(),
            description: self.description.get(),
            include: lines(&self.include.get()),
            exclude: lines(&self.exclude.get()),
            schedule: Schedule {
                hourly: h,
                daily: d,
                weekly: w,
                monthly: m,
                yearly: y,
            },
        };
        (input, issues)
    }
}

/// The form lifecycle sees the draft through [`Draft`].
impl crate::scaffold::entity_form::Draft<Policy> for PolicyDraft {
    fn load(self, entity: &Policy) {
        PolicyDraft::load(self, entity);
    }

    fn build(self) -> (PolicyInput, Vec<Issue>) {
        PolicyDraft::build(self)
    }
}
