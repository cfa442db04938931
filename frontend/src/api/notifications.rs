//! Notifications: the delivery history (`GET /api/notifications`), the mail test
//! (`POST /api/settings/mail/test`) and the webhooks (`/api/webhooks`).

use shared::common::Page;
use shared::notifications::{DeliveryReport, MailTest, Notification, Webhook, WebhookInput};

use super::{delete, get_json, post_empty, post_json, put_json, ApiResult, ListQuery};

/// `GET /api/notifications` (admins): a page of the history, newest first.
pub async fn notifications(query: &ListQuery) -> ApiResult<Page<Notification>> {
    get_json(&query.url("/api/notifications")).await
}

/// `POST /api/settings/mail/test`: sends a test mail to `to` now; the report says what
/// the mail server answered.
pub async fn mail_test(to: &str) -> ApiResult<DeliveryReport> {
    post_json("/api/settings/mail/test", &MailTest { to: to.to_owned() }).await
}

/// `GET /api/webhooks` (admins): every webhook, by name.
pub async fn webhooks() -> ApiResult<Vec<Webhook>> {
    get_json("/api/webhooks").await
}

/// `GET /api/webhooks/{id}`.
pub async fn webhook(id: i64) -> ApiResult<Webhook> {
    get_json(&format!("/api/webhooks/{id}")).await
}

/// `POST /api/webhooks`.
pub async fn create_webhook(body: &WebhookInput) -> ApiResult<Webhook> {
    post_json("/api/webhooks", body).await
}

/// `PUT /api/webhooks/{id}`.
pub async fn update_webhook(id: i64, body: &WebhookInput) -> ApiResult<Webhook> {
    put_json(&format!("/api/webhooks/{id}"), body).await
}

/// `DELETE /api/webhooks/{id}`.
pub async fn delete_webhook(id: i64) -> ApiResult<()> {
    delete(&format!("/api/webhooks/{id}")).await
}

/// `POST /api/webhooks/{id}/test`: posts a test body to the webhook now; the report says
/// what it answered.
pub async fn test_webhook(id: i64) -> ApiResult<DeliveryReport> {
    post_empty(&format!("/api/webhooks/{id}/test")).await
}
