//! Runtime settings (admins). The mail password is write-only.

use chrono::NaiveTime;
use shared::settings::{Settings, SettingsInput};

use super::{audit, ensure_valid, Actor, DomainError};
use crate::db::settings::SettingsRow;
use crate::db::{self, settings, DbPool, PgConn};

fn view(r: SettingsRow) -> Settings {
    Settings {
        mail_password_set: !r.mail_password.is_empty(),
        mail_host: r.mail_host,
        mail_port: r.mail_port,
        mail_tls: r.mail_tls,
        mail_user: r.mail_user,
        mail_from: r.mail_from,
        log_retention_days: r.log_retention_days,
        max_parallel_jobs: r.max_parallel_jobs,
        quota_warning_percent: r.quota_warning_percent,
        post_scripts_after_pre_failure: r.post_scripts_after_pre_failure,
        instance_url: r.instance_url,
        operators_may_restore_to_clients: r.operators_may_restore_to_clients,
        default_language: r.default_language,
        audit_retention_days: r.audit_retention_days,
        digest_time: r.digest_time.map(|t| t.format("%H:%M").to_string()),
        metrics_allowed_addresses: r.metrics_allowed_addresses.into_iter().flatten().collect(),
        client_key_from: r.client_key_from,
        admins_need_two_factor: r.admins_need_two_factor,
    }
}

/// The settings as stored (for the server's own use, password included).
pub async fn load(pool: &DbPool) -> Result<SettingsRow, DomainError> {
    let mut c = db::conn(pool).await?;
    Ok(settings::get(&mut c).await?)
}

/// The settings (admins).
pub async fn get(pool: &DbPool, actor: Actor) -> Result<Settings, DomainError> {
    actor.require_admin()?;
    Ok(view(load(pool).await?))
}

/// Replaces the settings (admins).
pub async fn put(
    pool: &DbPool,
    actor: Actor,
    input: &SettingsInput,
) -> Result<Settings, DomainError> {
    actor.require_admin()?;
    ensure_valid(input.validate())?;
    let mut c = db::conn(pool).await?;
    // Read and written in one transaction, so a concurrent change of the mail password
    // is not lost to an input that keeps the stored one.
    db::transaction(&mut c, async |t| put_in(t, actor, input).await).await
}

async fn put_in(
    c: &mut PgConn,
    actor: Actor,
    input: &SettingsInput,
) -> Result<Settings, DomainError> {
    let current = settings::get_for_update(c).await?;
    // Whoever turns the requirement on must meet it, or their own session would be held
    // to the set-up page on its next request.
    if input.admins_need_two_factor && !current.admins_need_two_factor {
        let own = db::users::find(c, actor.user_id).await?;
        if own.is_none_or(|u| u.totp_since.is_none()) {
            return Err(DomainError::Validation(vec![super::FieldIssue::new(
                "admins_need_two_factor",
                "own_two_factor_first",
            )]));
        }
    }
    let password_changed = input
        .mail_password
        .as_ref()
        .is_some_and(|p| *p != current.mail_password);
    let before = view(current.clone());
    let row = SettingsRow {
        mail_host: input.mail_host.clone(),
        mail_port: input.mail_port,
        mail_tls: input.mail_tls,
        mail_user: input.mail_user.clone(),
        mail_password: input
            .mail_password
            .clone()
            .unwrap_or_else(|| current.mail_password.clone()),
        mail_from: input.mail_from.clone(),
        log_retention_days: input.log_retention_days,
        max_parallel_jobs: input.max_parallel_jobs,
        quota_warning_percent: input.quota_warning_percent,
        post_scripts_after_pre_failure: input.post_scripts_after_pre_failure,
        instance_url: input.instance_url.clone(),
        operators_may_restore_to_clients: input.operators_may_restore_to_clients,
        default_language: input.default_language,
        audit_retention_days: input.audit_retention_days,
        // Validated as HH:MM above.
        digest_time: input
            .digest_time
            .as_deref()
            .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok()),
        metrics_allowed_addresses: input
            .metrics_allowed_addresses
            .iter()
            .map(|a| Some(a.clone()))
            .collect(),
        client_key_from: input.client_key_from.trim().to_owned(),
        admins_need_two_factor: input.admins_need_two_factor,
    };
    let after = view(settings::put(c, &row).await?);
    let mut changes = audit::changes_of(Some(&before), Some(&after))?;
    if password_changed {
        audit::diff::mark_secret_changed(&mut changes, "mail_password");
    }
    let subject = audit::Subject {
        kind: shared::audit::AuditKind::Settings,
        id: None,
        name: "settings",
    };
    audit::record(c, actor.into(), "settings_changed", subject, Some(changes)).await?;
    Ok(after)
}
