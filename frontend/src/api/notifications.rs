//! Notifications: the delivery history (`GET /api/notifications`) and the mail test
//! (`POST /api/settings/mail/test`).

use shared::common::Page;
use shared::notifications::{DeliveryReport, MailTest, Notification};

use super::{get_json, post_json, ApiResult, ListQuery};

/// `GET /api/notifications` (admins): a page of the history, newest first.
pub async fn notifications(query: &ListQuery) -> ApiResult<Page<Notification>> {
    get_json(&query.url("/api/notifications")).await
}

/// `POST /api/settings/mail/test`: sends a test mail to `to` now; the report says what
/// the mail server answered.
pub async fn mail_test(to: &str) -> ApiResult<DeliveryReport> {
    post_json("/api/settings/mail/test", &MailTest { to: to.to_owned() }).await
}
