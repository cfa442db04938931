//! Notifications: the outbox rows (`GET /api/notifications`, the delivery history) and the
//! mail test (`POST /api/settings/mail/test`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::auth::Language;

crate::text::text_enum! {
    /// How a notification is delivered.
    pub enum Channel {
        Email => "email",
        Webhook => "webhook",
    }
}

crate::text::text_enum! {
    /// What a notification tells.
    pub enum NotificationEvent {
        /// A run failed (or was aborted).
        RunFailed => "run_failed",
        /// A run ended with warnings.
        RunWarning => "run_warning",
        /// A run succeeded (threshold "all").
        RunOk => "run_ok",
        /// A run succeeded after the job's last notified failure.
        RunRecovered => "run_recovered",
        /// The job has no successful snapshot past its expected run plus the grace.
        JobLate => "job_late",
        /// A late job has a successful snapshot again.
        JobOnTime => "job_on_time",
        /// The administrators' daily digest.
        Digest => "digest",
        /// A test message sent from the settings page.
        Test => "test",
    }
}

crate::text::text_enum! {
    /// Where a notification is in its delivery.
    pub enum NotificationStatus {
        /// Waiting for its (next) attempt.
        Pending => "pending",
        /// A server is delivering it now.
        Sending => "sending",
        /// Delivered.
        Sent => "sent",
        /// Given up after its retries (or refused for good).
        Failed => "failed",
    }
}

/// One notification and its delivery, as the history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub channel: Channel,
    pub event: NotificationEvent,
    /// The e-mail address, or the webhook's URL.
    pub recipient: String,
    pub language: Language,
    pub client_id: Option<i64>,
    pub client_name: Option<String>,
    pub job_id: Option<i64>,
    pub job_name: Option<String>,
    pub run_id: Option<i64>,
    pub status: NotificationStatus,
    /// Delivery attempts so far.
    pub attempts: i32,
    /// When the next attempt is due (pending ones).
    pub next_attempt_at: DateTime<Utc>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// The mail server's (or webhook's) answer to the last attempt.
    pub last_reply: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/settings/mail/test` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MailTest {
    /// Where to send the test mail.
    #[cfg_attr(feature = "openapi", schema(example = "admin@example.org"))]
    pub to: String,
}

/// The answer of a test delivery: the server's reply, or the exact error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliveryReport {
    /// Whether the mail server accepted the message.
    pub delivered: bool,
    /// The server's reply (`250 2.0.0 Ok: queued as …`) when it accepted it.
    pub reply: Option<String>,
    /// What went wrong (connection refused, TLS, authentication, a 5xx reply, …).
    pub error: Option<String>,
}

/// A webhook: an address notified of the events it wants (`/api/webhooks`, admins).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Webhook {
    pub id: i64,
    pub name: String,
    /// Where the JSON body (`WebhookBody`) is posted.
    pub url: String,
    /// The events it wants.
    pub events: Vec<NotificationEvent>,
    /// Whether a secret is stored (the secret itself is never returned).
    pub secret_set: bool,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A webhook as written by `POST` and `PUT /api/webhooks`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookInput {
    pub name: String,
    /// An `http://` or `https://` address.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "https://ntfy.example.org/backups")
    )]
    pub url: String,
    /// The events it wants (at least one).
    pub events: Vec<NotificationEvent>,
    /// A new HMAC secret; absent keeps the stored one, an empty string removes it. With a
    /// secret, each body is signed: `X-ElkarBackup-Signature: sha256=<hex HMAC-SHA256>`.
    #[serde(default)]
    pub secret: Option<String>,
    #[serde(default = "active_default")]
    pub active: bool,
}

fn active_default() -> bool {
    true
}

impl WebhookInput {
    /// Field problems, empty when valid.
    pub fn validate(&self) -> Vec<crate::validate::Issue> {
        use crate::validate::{check_len, Issue};
        let mut v = Vec::new();
        check_len(&mut v, "name", self.name.trim(), 1, 100);
        if !crate::validate::is_single_line(&self.name) {
            v.push(Issue::new("name", "invalid"));
        }
        let url = self.url.trim();
        check_len(&mut v, "url", url, 1, 2000);
        let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
        if !url.is_empty() && (!scheme_ok || url.chars().any(|c| c.is_whitespace())) {
            v.push(Issue::new("url", "invalid"));
        }
        if self.events.is_empty() {
            v.push(Issue::new("events", "required"));
        }
        for (i, e) in self.events.iter().enumerate() {
            if matches!(e, NotificationEvent::Test | NotificationEvent::Digest) {
                v.push(Issue::new(format!("events.{i}"), "not_allowed"));
            }
        }
        if let Some(s) = &self.secret {
            check_len(&mut v, "secret", s, 0, 500);
        }
        v
    }
}

/// The JSON body posted to a webhook. With a secret, the header
/// `X-ElkarBackup-Signature: sha256=<hex>` holds the HMAC-SHA256 of these exact bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookBody {
    /// What happened (`test` for the test button).
    pub event: NotificationEvent,
    pub run_id: Option<i64>,
    pub kind: Option<crate::runs::RunKind>,
    pub result: Option<crate::common::RunResult>,
    pub error_code: Option<crate::runs::RunError>,
    pub client: Option<String>,
    pub job: Option<String>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub files: Option<i64>,
    pub bytes: Option<i64>,
    pub new_bytes: Option<i64>,
    /// The run's page, when the instance's address is set.
    pub url: Option<String>,
    /// The job, for `job_late` and `job_on_time`.
    pub job_id: Option<i64>,
    /// When the job became late (`job_late`, `job_on_time`).
    pub late_since: Option<DateTime<Utc>>,
}
