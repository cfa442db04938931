//! The single row of `settings`.

use chrono::NaiveTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::auth::Language;
use shared::settings::MailTls;

use super::schema::settings;
use super::{DbError, PgConn};

/// The settings row.
#[derive(Debug, Clone, Queryable, Selectable, AsChangeset)]
#[diesel(table_name = settings)]
pub struct SettingsRow {
    pub mail_host: String,
    pub mail_port: i32,
    pub mail_tls: MailTls,
    pub mail_user: String,
    pub mail_password: String,
    pub mail_from: String,
    #[diesel(treat_none_as_null = true)]
    pub log_retention_days: Option<i32>,
    pub max_parallel_jobs: i32,
    pub quota_warning_percent: i32,
    pub post_scripts_after_pre_failure: bool,
    pub instance_url: String,
    pub operators_may_restore_to_clients: bool,
    pub default_language: Language,
    #[diesel(treat_none_as_null = true)]
    pub audit_retention_days: Option<i32>,
    #[diesel(treat_none_as_null = true)]
    pub digest_time: Option<NaiveTime>,
    pub metrics_allowed_addresses: Vec<Option<String>>,
    pub client_key_from: String,
    pub admins_need_two_factor: bool,
}

/// Reads the settings.
pub async fn get(c: &mut PgConn) -> Result<SettingsRow, DbError> {
    Ok(settings::table
        .find(1)
        .select(SettingsRow::as_select())
        .first(c)
        .await?)
}

/// Reads the settings and locks their row until the end of the transaction (for a
/// read-modify-write).
pub async fn get_for_update(c: &mut PgConn) -> Result<SettingsRow, DbError> {
    Ok(settings::table
        .find(1)
        .select(SettingsRow::as_select())
        .for_update()
        .first(c)
        .await?)
}

/// Writes the settings.
pub async fn put(c: &mut PgConn, row: &SettingsRow) -> Result<SettingsRow, DbError> {
    Ok(diesel::update(settings::table.find(1))
        .set((row, settings::updated_at.eq(diesel::dsl::now)))
        .returning(SettingsRow::as_returning())
        .get_result(c)
        .await?)
}
