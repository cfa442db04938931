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
