//! Queries on `webhooks`: the addresses notified of the events they want.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::schema::webhooks;
use super::{DbError, PgConn};

/// A row of `webhooks`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = webhooks)]
pub struct WebhookRow {
    pub id: i64,
    pub name: String,
    pub url: String,
    pub events: Vec<Option<String>>,
    pub secret: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Values written by create and update.
#[derive(Debug, Insertable, AsChangeset)]
#[diesel(table_name = webhooks)]
pub struct WebhookForm<'a> {
    pub name: &'a str,
    pub url: &'a str,
    pub events: Vec<Option<String>>,
    pub secret: &'a str,
    pub active: bool,
}

/// All webhooks, by name.
pub async fn list(c: &mut PgConn) -> Result<Vec<WebhookRow>, DbError> {
    Ok(webhooks::table
        .order((webhooks::name, webhooks::id))
        .select(WebhookRow::as_select())
        .load(c)
        .await?)
}

/// The active webhooks that want `event`.
pub async fn wanting(c: &mut PgConn, event: &str) -> Result<Vec<WebhookRow>, DbError> {
    use diesel::dsl::sql;
    use diesel::sql_types::{Bool, Text};
    Ok(webhooks::table
        .filter(webhooks::active.eq(true))
        .filter(
            sql::<Bool>("")
                .bind::<Text, _>(event)
                .sql(" = ANY(webhooks.events)"),
        )
        .order(webhooks::id)
        .select(WebhookRow::as_select())
        .load(c)
        .await?)
}

/// One webhook.
pub async fn find(c: &mut PgConn, id: i64) -> Result<Option<WebhookRow>, DbError> {
    Ok(webhooks::table
        .find(id)
        .select(WebhookRow::as_select())
        .first(c)
        .await
        .optional()?)
}

/// Inserts a webhook.
pub async fn create(c: &mut PgConn, f: &WebhookForm<'_>) -> Result<WebhookRow, DbError> {
    Ok(diesel::insert_into(webhooks::table)
        .values(f)
        .returning(WebhookRow::as_returning())
        .get_result(c)
        .await?)
}

/// Replaces a webhook; `None` when it does not exist.
pub async fn update(
    c: &mut PgConn,
    id: i64,
    f: &WebhookForm<'_>,
) -> Result<Option<WebhookRow>, DbError> {
    Ok(diesel::update(webhooks::table.find(id))
        .set((f, webhooks::updated_at.eq(diesel::dsl::now)))
        .returning(WebhookRow::as_returning())
        .get_result(c)
        .await
        .optional()?)
}

/// Deletes a webhook (its queued notifications with it); false when it did not exist.
pub async fn delete(c: &mut PgConn, id: i64) -> Result<bool, DbError> {
    Ok(diesel::delete(webhooks::table.find(id)).execute(c).await? == 1)
}
