//! Webhooks (admins): the addresses notified of the events they want, and their test. The
//! secret is write-only.

use shared::notifications::{DeliveryReport, NotificationEvent, Webhook, WebhookInput};

use super::{audit, ensure_valid, unique_to_duplicate, Actor, DomainError};
use crate::db::webhooks::{self, WebhookForm, WebhookRow};
use crate::db::{self, DbPool, PgConn};
use crate::notify::webhook;

fn view(r: WebhookRow) -> Webhook {
    Webhook {
        id: r.id,
        name: r.name,
        url: r.url,
        events: r
            .events
            .iter()
            .flatten()
            .filter_map(|e| NotificationEvent::from_wire(e))
            .collect(),
        secret_set: !r.secret.is_empty(),
        active: r.active,
        created_at: r.created_at,
        updated_at: r.updated_at,
    }
}

fn form<'a>(input: &'a WebhookInput, secret: &'a str) -> WebhookForm<'a> {
    WebhookForm {
        name: input.name.trim(),
        url: input.url.trim(),
        events: input
            .events
            .iter()
            .map(|e| Some(e.as_str().to_owned()))
            .collect(),
        secret,
        active: input.active,
    }
}

/// Every webhook (admins).
pub async fn list(pool: &DbPool, actor: Actor) -> Result<Vec<Webhook>, DomainError> {
    actor.require_admin()?;
    let mut c = db::conn(pool).await?;
    Ok(webhooks::list(&mut c)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

async fn load(c: &mut PgConn, id: i64) -> Result<WebhookRow, DomainError> {
    webhooks::find(c, id).await?.ok_or(DomainError::NotFound)
}

/// One webhook (admins).
pub async fn get(pool: &DbPool, actor: Actor, id: i64) -> Result<Webhook, DomainError> {
    actor.require_admin()?;
    let mut c = db::conn(pool).await?;
    Ok(view(load(&mut c, id).await?))
}

/// Creates a webhook (admins).
pub async fn create(
    pool: &DbPool,
    actor: Actor,
    input: &WebhookInput,
) -> Result<Webhook, DomainError> {
    actor.require_admin()?;
    ensure_valid(input.validate())?;
    let mut c = db::conn(pool).await?;
    let secret = input.secret.as_deref().unwrap_or_default();
    db::transaction(&mut c, async |t| {
        let row = webhooks::create(t, &form(input, secret))
            .await
            .map_err(unique_to_duplicate("name"))?;
        let hook = view(row);
        audit::object(t, actor, None, Some(&hook)).await?;
        Ok(hook)
    })
    .await
}

/// Replaces a webhook; an absent secret keeps the stored one (admins).
pub async fn put(
    pool: &DbPool,
    actor: Actor,
    id: i64,
    input: &WebhookInput,
) -> Result<Webhook, DomainError> {
    actor.require_admin()?;
    ensure_valid(input.validate())?;
    let mut c = db::conn(pool).await?;
    db::transaction(&mut c, async |t| {
        let current = load(t, id).await?;
        let secret = input.secret.clone().unwrap_or(current.secret.clone());
        let before = view(current);
        let row = webhooks::update(t, id, &form(input, &secret))
            .await
            .map_err(unique_to_duplicate("name"))?
            .ok_or(DomainError::NotFound)?;
        let after = view(row);
        audit::object(t, actor, Some(&before), Some(&after)).await?;
        Ok(after)
    })
    .await
}

/// Deletes a webhook and its queued notifications (admins).
pub async fn delete(pool: &DbPool, actor: Actor, id: i64) -> Result<(), DomainError> {
    actor.require_admin()?;
    let mut c = db::conn(pool).await?;
    db::transaction(&mut c, async |t| {
        let before = view(load(t, id).await?);
        if !webhooks::delete(t, id).await? {
            return Err(DomainError::NotFound);
        }
        audit::object(t, actor, Some(&before), None).await
    })
    .await
}

/// Posts a test body (event `test`) to the webhook now, not through the outbox; the
/// report has its answer or the exact error (admins).
pub async fn test(pool: &DbPool, actor: Actor, id: i64) -> Result<DeliveryReport, DomainError> {
    actor.require_admin()?;
    let mut c = db::conn(pool).await?;
    let hook = load(&mut c, id).await?;
    let settings = db::settings::get(&mut c).await?;
    drop(c);
    let body = webhook::body(NotificationEvent::Test, None, &settings.instance_url);
    Ok(match webhook::post(&hook.url, &hook.secret, &body).await {
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
