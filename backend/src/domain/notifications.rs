//! Notifications for administrators: the delivery history and the mail test, which sends
//! a real message at once (not through the outbox) and reports the server's answer.

use shared::common::Page;
use shared::notifications::{DeliveryReport, MailTest, Notification};

use super::{ensure_valid, Actor, DomainError, FieldIssue, PageRequest};
use crate::db::notifications::{self as outbox, Listed, NotificationFilter};
use crate::db::{self, DbPool};
use crate::notify::{mail, render};

fn view((r, client_name, job_name): Listed) -> Notification {
    Notification {
        id: r.id,
        created_at: r.created_at,
        channel: r.channel,
        event: r.event,
        recipient: r.recipient,
        language: r.language,
        client_id: r.client_id,
        client_name,
        job_id: r.job_id,
        job_name,
        run_id: r.run_id,
        status: r.status,
        attempts: r.attempts,
        next_attempt_at: r.next_attempt_at,
        last_error: r.last_error,
        last_reply: r.last_reply,
        sent_at: r.sent_at,
        updated_at: r.updated_at,
    }
}

/// One page of the delivery history, newest first (admins).
pub async fn list(
    pool: &DbPool,
    actor: Actor,
    filter: NotificationFilter,
    page: PageRequest,
) -> Result<Page<Notification>, DomainError> {
    actor.require_admin()?;
    let mut c = db::conn(pool).await?;
    let paging = page.paging();
    let (rows, total) = outbox::list(&mut c, filter, paging).await?;
    Ok(Page {
        items: rows.into_iter().map(view).collect(),
        total,
        page: paging.page,
        per_page: paging.per_page,
    })
}

/// Sends a test mail to `input.to` now, in the caller's language (else the instance's),
/// with the stored mail settings; the report says what the server answered (admins).
pub async fn mail_test(
    pool: &DbPool,
    actor: Actor,
    input: &MailTest,
) -> Result<DeliveryReport, DomainError> {
    actor.require_admin()?;
    let to = input.to.trim();
    if !shared::jobs::email_ok(to) {
        ensure_valid(vec![FieldIssue::new("to", "invalid")])?;
    }
    let mut c = db::conn(pool).await?;
    let settings = db::settings::get(&mut c).await?;
    let lang = db::users::find(&mut c, actor.user_id)
        .await?
        .and_then(|u| u.language)
        .unwrap_or(settings.default_language);
    drop(c);
    let t = crate::i18n::translations();
    if settings.mail_host.trim().is_empty() {
        // Nothing to try: say so in the admin's words, with the fix on the same page.
        return Ok(DeliveryReport {
            delivered: false,
            reply: None,
            error: Some(t.text(lang, "mail-test-no-server", &[])),
        });
    }
    let msg = render::test_message(t, lang);
    Ok(match mail::send(&settings, to, &msg).await {
        Ok(reply) => DeliveryReport {
            delivered: true,
            reply: Some(reply),
            error: None,
        },
        Err(e) => DeliveryReport {
            delivered: false,
            reply: None,
            error: Some(e.message),
        },
    })
}
