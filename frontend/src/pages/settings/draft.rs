//! The settings form's editable state, and its conversion from `Settings` and to a
//! `SettingsInput`.

use leptos::prelude::*;
use shared::auth::Language;
use shared::settings::{MailTls, Settings, SettingsInput};
use shared::validate::Issue;

use crate::components::form::parse_number;

/// Every field of the settings form, as typed.
#[derive(Clone, Copy)]
pub struct Draft {
    pub host: RwSignal<String>,
    pub port: RwSignal<String>,
    pub tls: RwSignal<String>,
    pub user: RwSignal<String>,
    pub password: RwSignal<String>,
    pub forget_password: RwSignal<bool>,
    pub from: RwSignal<String>,
    /// The language of mails to plain addresses (a language tag).
    pub language: RwSignal<String>,
    /// `HH:MM`, or empty for no digest.
    pub digest: RwSignal<String>,
    pub retention: RwSignal<String>,
    pub audit_retention: RwSignal<String>,
    pub max_parallel: RwSignal<String>,
    pub warn: RwSignal<String>,
    pub post_after_fail: RwSignal<bool>,
    pub url: RwSignal<String>,
    pub operators_restore: RwSignal<bool>,
    /// One address or network per line (or separated by commas or spaces).
    pub metrics_addresses: RwSignal<String>,
    /// The server's address as clients see it (`from=` of the key lines).
    pub key_from: RwSignal<String>,
    /// Administrators must sign in with a second factor.
    pub admins_two_factor: RwSignal<bool>,
}

impl Draft {
    /// An empty form (filled when the settings arrive).
    pub fn new() -> Self {
        let s = || RwSignal::new(String::new());
        Draft {
            host: s(),
            port: s(),
            tls: s(),
            user: s(),
            password: s(),
            forget_password: RwSignal::new(false),
            from: s(),
            language: s(),
            digest: s(),
            retention: s(),
            audit_retention: s(),
            max_parallel: s(),
            warn: s(),
            post_after_fail: RwSignal::new(false),
            url: s(),
            operators_restore: RwSignal::new(false),
            metrics_addresses: s(),
            key_from: s(),
            admins_two_factor: RwSignal::new(false),
        }
    }
}

fn days(d: Option<i32>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Splits a list typed with commas, semicolons, spaces or newlines.
fn split_list(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

impl crate::scaffold::entity_form::Draft<Settings> for Draft {
    fn load(self, s: &Settings) {
        self.host.set(s.mail_host.clone());
        self.port.set(s.mail_port.to_string());
        self.tls.set(s.mail_tls.as_str().to_owned());
        self.user.set(s.mail_user.clone());
        self.password.set(String::new());
        self.forget_password.set(false);
        self.from.set(s.mail_from.clone());
        self.language.set(s.default_language.tag().to_owned());
        self.digest.set(s.digest_time.clone().unwrap_or_default());
        self.retention.set(days(s.log_retention_days));
        self.audit_retention.set(days(s.audit_retention_days));
        self.max_parallel.set(s.max_parallel_jobs.to_string());
        self.warn.set(s.quota_warning_percent.to_string());
        self.post_after_fail.set(s.post_scripts_after_pre_failure);
        self.url.set(s.instance_url.clone());
        self.operators_restore
            .set(s.operators_may_restore_to_clients);
        self.metrics_addresses
            .set(s.metrics_allowed_addresses.join("\n"));
        self.key_from.set(s.client_key_from.clone());
        self.admins_two_factor.set(s.admins_need_two_factor);
    }

    fn build(self) -> (SettingsInput, Vec<Issue>) {
        let mut issues = Vec::new();
        let mut number =
            |field: &'static str, text: String, min: i64, max: i64| match parse_number(&text) {
                Ok(Some(n)) => Some(i32::try_from(n).unwrap_or(0)),
                Ok(None) => None,
                Err(()) => {
                    issues.push(Issue::with(
                        field,
                        "out_of_range",
                        &[("min", min), ("max", max)],
                    ));
                    None
                }
            };
        let mail_port = number("mail_port", self.port.get(), 1, 65535).unwrap_or(0);
        let log_retention_days = number("log_retention_days", self.retention.get(), 1, 36500);
        let audit_retention_days =
            number("audit_retention_days", self.audit_retention.get(), 1, 36500);
        let max_parallel_jobs =
            number("max_parallel_jobs", self.max_parallel.get(), 1, 100).unwrap_or(0);
        let quota_warning_percent =
            number("quota_warning_percent", self.warn.get(), 1, 100).unwrap_or(0);
        let password = self.password.get();
        let digest = self.digest.get().trim().to_owned();
        let input = SettingsInput {
            mail_host: self.host.get().trim().to_owned(),
            mail_port,
            // A select value: one of the options, so never unknown in practice.
            mail_tls: MailTls::from_wire(&self.tls.get()).unwrap_or_default(),
            mail_user: self.user.get().trim().to_owned(),
            mail_password: if self.forget_password.get() {
                Some(String::new())
            } else {
                Some(password).filter(|p| !p.is_empty())
            },
            mail_from: self.from.get().trim().to_owned(),
            log_retention_days,
            max_parallel_jobs,
            quota_warning_percent,
            post_scripts_after_pre_failure: self.post_after_fail.get(),
            instance_url: self.url.get().trim().to_owned(),
            operators_may_restore_to_clients: self.operators_restore.get(),
            default_language: Language::from_tag(&self.language.get()).unwrap_or_default(),
            audit_retention_days,
            // Some browsers give seconds too (`07:30:00`); the API takes `HH:MM`.
            digest_time: Some(digest.chars().take(5).collect::<String>()).filter(|d| !d.is_empty()),
            metrics_allowed_addresses: split_list(&self.metrics_addresses.get()),
            // Addresses separated by commas, as sshd's `from=` takes them.
            client_key_from: split_list(&self.key_from.get()).join(","),
            admins_need_two_factor: self.admins_two_factor.get(),
        };
        (input, issues)
    }
}

#[cfg(test)]
mod tests {
    use super::split_list;

    #[test]
    fn lists_split_on_commas_spaces_and_lines() {
        assert_eq!(
            split_list("10.0.0.0/8, 127.0.0.1\n::1;;  "),
            vec!["10.0.0.0/8", "127.0.0.1", "::1"]
        );
        assert!(split_list(" \n ").is_empty());
    }
}
