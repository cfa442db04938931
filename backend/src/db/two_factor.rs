//! Queries on users' second factors: the TOTP secret (pending and in use), the last
//! accepted time step, and the `recovery_codes` table.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::schema::{recovery_codes, settings, users};
use super::{DbError, PgConn};

/// A user's second factor as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct TotpRow {
    pub totp_secret: Option<String>,
    pub totp_pending: Option<String>,
}

/// The user's secrets (in use, pending); `None` for no such user.
pub async fn of_user(c: &mut PgConn, user_id: i64) -> Result<Option<TotpRow>, DbError> {
    Ok(users::table
        .find(user_id)
        .select(TotpRow::as_select())
        .first(c)
        .await
        .optional()?)
}

/// Keeps `secret` as the one being enrolled (replacing an earlier, unconfirmed one).
pub async fn set_pending(c: &mut PgConn, user_id: i64, secret: &str) -> Result<(), DbError> {
    diesel::update(users::table.find(user_id))
        .set(users::totp_pending.eq(secret))
        .execute(c)
        .await?;
    Ok(())
}

/// Puts the pending secret in use, with `step` as its first accepted step.
pub async fn confirm_pending(c: &mut PgConn, user_id: i64, step: i64) -> Result<(), DbError> {
    diesel::update(users::table.find(user_id))
        .set((
            users::totp_secret.eq(users::totp_pending),
            users::totp_pending.eq(None::<String>),
            users::totp_since.eq(diesel::dsl::now),
            users::totp_last_step.eq(step),
            users::updated_at.eq(diesel::dsl::now),
        ))
        .execute(c)
        .await?;
    Ok(())
}

/// Takes time step `step` for the user when it is later than the last one taken: `false`
/// when it was taken already (a replayed code), even by a concurrent request.
pub async fn take_step(c: &mut PgConn, user_id: i64, step: i64) -> Result<bool, DbError> {
    let taken = diesel::update(
        users::table.find(user_id).filter(
            users::totp_last_step
                .is_null()
                .or(users::totp_last_step.lt(step)),
        ),
    )
    .set(users::totp_last_step.eq(step))
    .execute(c)
    .await?;
    Ok(taken == 1)
}

/// Removes the user's second factor, pending secret and recovery codes.
pub async fn remove(c: &mut PgConn, user_id: i64) -> Result<usize, DbError> {
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user_id)))
        .execute(c)
        .await?;
    Ok(diesel::update(users::table.find(user_id))
        .set((
            users::totp_secret.eq(None::<String>),
            users::totp_pending.eq(None::<String>),
            users::totp_since.eq(None::<chrono::DateTime<chrono::Utc>>),
            users::totp_last_step.eq(None::<i64>),
            users::updated_at.eq(diesel::dsl::now),
        ))
        .execute(c)
        .await?)
}

/// Replaces the user's recovery codes with these hashes.
pub async fn replace_recovery_codes(
    c: &mut PgConn,
    user_id: i64,
    hashes: &[String],
) -> Result<(), DbError> {
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user_id)))
        .execute(c)
        .await?;
    let rows: Vec<_> = hashes
        .iter()
        .map(|h| {
            (
                recovery_codes::user_id.eq(user_id),
                recovery_codes::code_hash.eq(h),
            )
        })
        .collect();
    diesel::insert_into(recovery_codes::table)
        .values(rows)
        .execute(c)
        .await?;
    Ok(())
}

/// Uses the recovery code with this hash: `false` when it is not one of the user's or was
/// used already.
pub async fn use_recovery_code(c: &mut PgConn, user_id: i64, hash: &str) -> Result<bool, DbError> {
    let used = diesel::update(
        recovery_codes::table
            .filter(recovery_codes::user_id.eq(user_id))
            .filter(recovery_codes::code_hash.eq(hash))
            .filter(recovery_codes::used_at.is_null()),
    )
    .set(recovery_codes::used_at.eq(diesel::dsl::now))
    .execute(c)
    .await?;
    Ok(used == 1)
}

/// How many of the user's recovery codes are unused.
pub async fn recovery_codes_left(c: &mut PgConn, user_id: i64) -> Result<i64, DbError> {
    Ok(recovery_codes::table
        .filter(recovery_codes::user_id.eq(user_id))
        .filter(recovery_codes::used_at.is_null())
        .count()
        .get_result(c)
        .await?)
}

/// Whether the settings require administrators to have a second factor.
pub async fn admins_need_it(c: &mut PgConn) -> Result<bool, DbError> {
    Ok(settings::table
        .select(settings::admins_need_two_factor)
        .first(c)
        .await
        .optional()?
        .unwrap_or(false))
}
