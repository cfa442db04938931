//! Runtime settings editable by administrators.

use serde::{Deserialize, Serialize};

use crate::validate::{check_len, check_range, is_hostname, Issue};

crate::text::text_enum! {
    /// How to talk to the mail server.
    #[derive(Default)]
    pub enum MailTls {
        /// Plain SMTP (only for a relay on the same machine or network).
        None => "none",
        /// SMTP upgraded with STARTTLS (usually port 587).
        #[default]
        Starttls => "starttls",
        /// SMTP over TLS from the start (usually port 465).
        Tls => "tls",
    }
}

/// Settings as returned by `GET /api/settings` (the mail password is never returned).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Settings {
    pub mail_host: String,
    pub mail_port: i32,
    pub mail_tls: MailTls,
    pub mail_user: String,
    /// Whether a mail password is stored.
    pub mail_password_set: bool,
    /// Sender address of notifications.
    pub mail_from: String,
    /// Delete log records older than this many days; none keeps them forever.
    pub log_retention_days: Option<i32>,
    /// Runs at once over the whole server.
    pub max_parallel_jobs: i32,
    /// Warn when a client uses more than this percentage of its quota.
    pub quota_warning_percent: i32,
    /// Run post scripts even when a pre script failed.
    pub post_scripts_after_pre_failure: bool,
    /// The address users reach this server at, for links in e-mails.
    pub instance_url: String,
    /// Whether operators may restore files onto clients (admins always may).
    pub operators_may_restore_to_clients: bool,
}

/// `PUT /api/settings` body: like `Settings`, with the password write-only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SettingsInput {
    #[serde(default)]
    pub mail_host: String,
    #[serde(default = "smtp_port")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 65535))]
    pub mail_port: i32,
    #[serde(default)]
    pub mail_tls: MailTls,
    #[serde(default)]
    pub mail_user: String,
    /// A new password; absent keeps the stored one, an empty string removes it.
    #[serde(default)]
    pub mail_password: Option<String>,
    #[serde(default)]
    pub mail_from: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 36500))]
    pub log_retention_days: Option<i32>,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100))]
    pub max_parallel_jobs: i32,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100))]
    pub quota_warning_percent: i32,
    #[serde(default = "yes")]
    pub post_scripts_after_pre_failure: bool,
    #[serde(default)]
    pub instance_url: String,
    #[serde(default = "yes")]
    pub operators_may_restore_to_clients: bool,
}

fn smtp_port() -> i32 {
    587
}
fn yes() -> bool {
    true
}

impl SettingsInput {
    /// Field-level checks.
    pub fn validate(&self) -> Vec<Issue> {
        let mut v = Vec::new();
        if !self.mail_host.is_empty() && !is_hostname(&self.mail_host) {
            v.push(Issue::new("mail_host", "invalid"));
        }
        check_range(&mut v, "mail_port", i64::from(self.mail_port), 1, 65535);
        check_len(&mut v, "mail_user", &self.mail_user, 0, 200);
        if !self.mail_from.is_empty() && !crate::jobs::email_ok(&self.mail_from) {
            v.push(Issue::new("mail_from", "invalid"));
        }
        if let Some(d) = self.log_retention_days {
            check_range(&mut v, "log_retention_days", i64::from(d), 1, 36500);
        }
        check_range(
            &mut v,
            "max_parallel_jobs",
            i64::from(self.max_parallel_jobs),
            1,
            100,
        );
        check_range(
            &mut v,
            "quota_warning_percent",
            i64::from(self.quota_warning_percent),
            1,
            100,
        );
        let url = &self.instance_url;
        if !(url.is_empty() || url.starts_with("http://") || url.starts_with("https://")) {
            v.push(Issue::new("instance_url", "invalid"));
        }
        v
    }
}
