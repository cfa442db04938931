//! Runtime settings editable by administrators.

use serde::{Deserialize, Serialize};

use crate::auth::Language;
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
    /// The language of mails to plain addresses (users get theirs).
    pub default_language: Language,
    /// Delete audit records older than this many days; none keeps them forever.
    pub audit_retention_days: Option<i32>,
    /// When the administrators' daily digest is sent (`HH:MM`, in the server's time
    /// zone); none sends no digest.
    pub digest_time: Option<String>,
    /// Addresses (`192.0.2.7`, `2001:db8::1`) or networks (`10.0.0.0/8`) that may read
    /// `/metrics` without an administrator's API token.
    pub metrics_allowed_addresses: Vec<String>,
    /// The server's address as clients see it (addresses, networks or host names,
    /// separated by commas): `from="…"` in the clients' key lines, so that a stolen key
    /// works from nowhere else. Empty: no `from=`.
    pub client_key_from: String,
    /// Administrators must sign in with a second factor; those without one must set it up
    /// before anything else.
    pub admins_need_two_factor: bool,
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
    #[serde(default)]
    pub default_language: Language,
    #[serde(default = "audit_days")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 36500))]
    pub audit_retention_days: Option<i32>,
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$")
    )]
    pub digest_time: Option<String>,
    #[serde(default)]
    pub metrics_allowed_addresses: Vec<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "192.0.2.10"))]
    pub client_key_from: String,
    /// Only an administrator who has a second factor may turn this on
    /// (`own_two_factor_first`).
    #[serde(default)]
    pub admins_need_two_factor: bool,
}

fn smtp_port() -> i32 {
    587
}
fn yes() -> bool {
    true
}
fn audit_days() -> Option<i32> {
    Some(365)
}

/// Whether `s` is a time of day as `HH:MM` (24 hours).
pub fn is_time_of_day(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 5
        && b[2] == b':'
        && s[..2].parse::<u8>().is_ok_and(|h| h < 24)
        && s[3..].parse::<u8>().is_ok_and(|m| m < 60)
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 2 || c.is_ascii_digit())
}

/// Whether `s` is an IP address or a network in CIDR notation (`10.0.0.0/8`).
pub fn is_address_or_network(s: &str) -> bool {
    let (addr, prefix) = match s.split_once('/') {
        Some((a, p)) => (a, Some(p)),
        None => (s, None),
    };
    let Ok(ip) = addr.parse::<std::net::IpAddr>() else {
        return false;
    };
    let max = if ip.is_ipv4() { 32 } else { 128 };
    prefix.is_none_or(|p| {
        p.bytes().all(|c| c.is_ascii_digit()) && p.parse::<u8>().is_ok_and(|n| n <= max)
    })
}

/// Whether `s` can be the `from="…"` of a key line: empty, or at most 20 addresses,
/// networks or host names separated by commas (no spaces or quotes, which would end the
/// option).
pub fn key_from_ok(s: &str) -> bool {
    s.is_empty()
        || (s.split(',').count() <= 20
            && s.split(',')
                .all(|a| is_address_or_network(a) || is_hostname(a)))
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
        if let Some(d) = self.audit_retention_days {
            check_range(&mut v, "audit_retention_days", i64::from(d), 1, 36500);
        }
        if self
            .digest_time
            .as_deref()
            .is_some_and(|t| !is_time_of_day(t))
        {
            v.push(Issue::new("digest_time", "invalid"));
        }
        if self.metrics_allowed_addresses.len() > 100
            || !self
                .metrics_allowed_addresses
                .iter()
                .all(|a| is_address_or_network(a))
        {
            v.push(Issue::new("metrics_allowed_addresses", "invalid"));
        }
        if !key_from_ok(&self.client_key_from) {
            v.push(Issue::new("client_key_from", "invalid"));
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day() {
        for ok in ["00:00", "07:30", "23:59"] {
            assert!(is_time_of_day(ok), "{ok}");
        }
        for bad in ["24:00", "7:30", "07:60", "07-30", "+1:30", "07:3x", ""] {
            assert!(!is_time_of_day(bad), "{bad}");
        }
    }

    #[test]
    fn addresses_and_networks() {
        for ok in [
            "127.0.0.1",
            "10.0.0.0/8",
            "::1",
            "2001:db8::/32",
            "0.0.0.0/0",
        ] {
            assert!(is_address_or_network(ok), "{ok}");
        }
        for bad in [
            "10.0.0.0/33",
            "::1/129",
            "host.example",
            "10.0.0.0/",
            "1.2.3.4/+8",
            "",
        ] {
            assert!(!is_address_or_network(bad), "{bad}");
        }
    }
}
