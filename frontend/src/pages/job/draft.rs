//! The job form's editable state, and its conversion from a `Job` and to a `JobInput`.

use leptos::prelude::*;
use shared::jobs::{Job, JobInput, Notifications, NotifyMode, NotifyThreshold};
use shared::validate::Issue;

use crate::components::form::lines;

/// The wire name of a notification threshold.
pub fn threshold_name(t: NotifyThreshold) -> &'static str {
    t.as_str()
}

/// The threshold of a select value (one of the options, so never unknown in practice;
/// anything else is the default).
fn parse_threshold(s: &str) -> NotifyThreshold {
    NotifyThreshold::from_wire(s).unwrap_or_default()
}

/// Splits a list of e-mail addresses typed with commas, semicolons, spaces or newlines.
pub fn split_emails(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Every field of the job form.
#[derive(Debug, Clone, Copy)]
pub struct JobDraft {
    pub client_id: RwSignal<i64>,
    pub name: RwSignal<String>,
    pub description: RwSignal<String>,
    pub source_path: RwSignal<String>,
    /// Selected ids, as the selects hold them.
    pub policy: RwSignal<String>,
    pub location: RwSignal<String>,
    /// One pattern per line; empty = the policy's.
    pub include: RwSignal<String>,
    pub exclude: RwSignal<String>,
    pub use_local_permissions: RwSignal<bool>,
    pub notify_admin: RwSignal<bool>,
    pub notify_owner: RwSignal<bool>,
    pub emails: RwSignal<String>,
    pub threshold: RwSignal<String>,
    /// `changes` or `every_failure`.
    pub notify_mode: RwSignal<String>,
    /// Hours, as typed.
    pub late_grace: RwSignal<String>,
    pub active: RwSignal<bool>,
    pub pre_scripts: RwSignal<Vec<i64>>,
    pub post_scripts: RwSignal<Vec<i64>>,
}

impl JobDraft {
    /// A new job of client `client_id`, with the defaults of the API.
    pub fn new(client_id: i64) -> Self {
        let n = Notifications::default();
        JobDraft {
            client_id: RwSignal::new(client_id),
            name: RwSignal::new(String::new()),
            description: RwSignal::new(String::new()),
            source_path: RwSignal::new(String::new()),
            policy: RwSignal::new(String::new()),
            location: RwSignal::new(String::new()),
            include: RwSignal::new(String::new()),
            exclude: RwSignal::new(String::new()),
            use_local_permissions: RwSignal::new(false),
            notify_admin: RwSignal::new(n.admin),
            notify_owner: RwSignal::new(n.owner),
            emails: RwSignal::new(String::new()),
            threshold: RwSignal::new(threshold_name(n.threshold).to_owned()),
            notify_mode: RwSignal::new(n.mode.as_str().to_owned()),
            late_grace: RwSignal::new("24".to_owned()),
            active: RwSignal::new(true),
            pre_scripts: RwSignal::new(Vec::new()),
            post_scripts: RwSignal::new(Vec::new()),
        }
    }

    /// Fills the form from a saved job.
    pub fn load(self, j: &Job) {
        self.client_id.set(j.client.id);
        self.name.set(j.name.clone());
        self.description.set(j.description.clone());
        self.source_path.set(j.source_path.clone());
        self.policy.set(j.policy.id.to_string());
        self.location.set(j.location.id.to_string());
        self.include
            .set(j.include.clone().unwrap_or_default().join("\n"));
        self.exclude
            .set(j.exclude.clone().unwrap_or_default().join("\n"));
        self.use_local_permissions.set(j.use_local_permissions);
        self.notify_admin.set(j.notifications.admin);
        self.notify_owner.set(j.notifications.owner);
        self.emails.set(j.notifications.emails.join("\n"));
        self.threshold
            .set(threshold_name(j.notifications.threshold).to_owned());
        self.notify_mode
            .set(j.notifications.mode.as_str().to_owned());
        self.late_grace.set(j.late_grace_hours.to_string());
        self.active.set(j.active);
        self.pre_scripts
            .set(j.pre_scripts.iter().map(|r| r.id).collect());
        self.post_scripts
            .set(j.post_scripts.iter().map(|r| r.id).collect());
    }

    /// The request body, and the problems found on the way.
    pub fn build(self) -> (JobInput, Vec<Issue>) {
        let mut issues = Vec::new();
        let mut id = |field: &'static str, text: String| {
            text.parse::<i64>().unwrap_or_else(|_| {
                issues.push(Issue::new(field, "required"));
                0
            })
        };
        let policy_id = id("policy_id", self.policy.get());
        let location_id = id("location_id", self.location.get());
        let late_grace_hours = match crate::components::form::parse_number(&self.late_grace.get()) {
            Ok(Some(n)) => i32::try_from(n).unwrap_or(0),
            _ => {
                issues.push(Issue::with(
                    "late_grace_hours",
                    "out_of_range",
                    &[("min", 1), ("max", 8760)],
                ));
                0
            }
        };
        let patterns = |text: String| Some(lines(&text)).filter(|l| !l.is_empty());
        let input = JobInput {
            client_id: self.client_id.get(),
            name: self.name.get().trim().to_owned(),
            description: self.description.get(),
            source_path: self.source_path.get().trim().to_owned(),
            policy_id,
            location_id,
            include: patterns(self.include.get()),
            exclude: patterns(self.exclude.get()),
            use_local_permissions: self.use_local_permissions.get(),
            notifications: Notifications {
                admin: self.notify_admin.get(),
                owner: self.notify_owner.get(),
                emails: split_emails(&self.emails.get()),
                threshold: parse_threshold(&self.threshold.get()),
                // A select value: one of the options.
                mode: NotifyMode::from_wire(&self.notify_mode.get()).unwrap_or_default(),
            },
            late_grace_hours,
            active: self.active.get(),
            pre_scripts: self.pre_scripts.get(),
            post_scripts: self.post_scripts.get(),
        };
        (input, issues)
    }
}

/// The form lifecycle sees the draft through [`Draft`].
impl crate::scaffold::entity_form::Draft<Job> for JobDraft {
    fn load(self, entity: &Job) {
        JobDraft::load(self, entity);
    }

    fn build(self) -> (JobInput, Vec<Issue>) {
        JobDraft::build(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_and_thresholds() {
        assert_eq!(
            split_emails("a@b.eus, c@d.eus;e@f.eus\n g@h.eus"),
            vec!["a@b.eus", "c@d.eus", "e@f.eus", "g@h.eus"]
        );
        for t in [
            NotifyThreshold::All,
            NotifyThreshold::Warning,
            NotifyThreshold::Error,
            NotifyThreshold::None,
        ] {
            assert_eq!(parse_threshold(threshold_name(t)), t);
        }
    }
}
