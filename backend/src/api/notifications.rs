//! `/api/notifications` (the delivery history) and `/api/settings/mail/test` (send a test
//! mail now), for administrators.

use actix_web::{get, post, web};
use serde::Deserialize;
use shared::common::Page;
use shared::notifications::{Channel, DeliveryReport, MailTest, Notification, NotificationStatus};
use shared::ApiError;
use utoipa::IntoParams;

use super::auth_user::AuthUser;
use super::error::ApiResult;
use super::json::ApiJson;
use super::params::page_request;
use crate::db::notifications::NotificationFilter;
use crate::domain::notifications;
use crate::state::AppState;

/// Query of `GET /api/notifications`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotificationListQuery {
    /// Page number, from 1.
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Items per page, 1 to 500 (default 20).
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<i64>,
    /// Only notifications in this state.
    #[param(inline)]
    pub status: Option<NotificationStatus>,
    /// Only notifications about this job.
    pub job_id: Option<i64>,
    /// Only notifications of this channel.
    #[param(inline)]
    pub channel: Option<Channel>,
}

/// The notification history, newest first (admins).
///
/// Every notification with its delivery: status, attempts, the last error and the
/// server's last reply.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = []), ("cookie" = [])),
    params(NotificationListQuery),
    responses(
        (status = 200, description = "One page of notifications", body = Page<Notification>),
        (status = 400, description = "Malformed query", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
    )
)]
#[get("/notifications")]
pub async fn list_notifications(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<NotificationListQuery>,
) -> ApiResult<web::Json<Page<Notification>>> {
    let q = query.into_inner();
    let page = page_request(q.page, q.per_page)?;
    let filter = NotificationFilter {
        status: q.status,
        job_id: q.job_id,
        channel: q.channel,
    };
    Ok(web::Json(
        notifications::list(&state.pool, user.actor(), filter, page).await?,
    ))
}

/// Send a test mail now (admins).
///
/// Uses the saved mail settings and does not go through the outbox: the answer says
/// whether the mail server accepted the message, with its reply, or the exact error
/// (connection refused, TLS, authentication, a 5xx reply…).
#[utoipa::path(
    tag = "settings",
    security(("bearer" = []), ("cookie" = [])),
    request_body = MailTest,
    responses(
        (status = 200, description = "The mail server's answer", body = DeliveryReport),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 422, description = "Not an e-mail address", body = ApiError),
    )
)]
#[post("/settings/mail/test")]
pub async fn test_mail(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ApiJson<MailTest>,
) -> ApiResult<web::Json<DeliveryReport>> {
    Ok(web::Json(
        notifications::mail_test(&state.pool, user.actor(), &body).await?,
    ))
}
