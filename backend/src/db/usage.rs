//! Storage use over time: the hourly samples of each location's used space and inodes
//! (`location_usage`), their roll-up into daily points, each client's size per day
//! (`client_usage`), and the reads behind the dashboard's storage charts.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Timestamptz};
use diesel::QueryableByName;
use diesel_async::RunQueryDsl;

use super::locations::LocationRow;
use super::schema::{backup_locations, location_usage};
use super::{DbError, PgConn};

/// Hourly samples older than this many days are rolled up into daily points.
pub const HOURLY_DAYS: i64 = 35;
/// Daily points and client sizes older than this many days are deleted.
pub const KEEP_DAYS: i64 = 366;

/// What a location's file system said at one moment (statvfs), as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub used_bytes: i64,
    pub total_bytes: i64,
    pub used_inodes: i64,
    pub total_inodes: i64,
}

/// One stored sample of a location, hourly or daily.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct SampleRow {
    #[diesel(sql_type = BigInt)]
    pub location_id: i64,
    #[diesel(sql_type = Timestamptz)]
    pub at: DateTime<Utc>,
    #[diesel(sql_type = BigInt)]
    pub used_bytes: i64,
    #[diesel(sql_type = BigInt)]
    pub total_bytes: i64,
    #[diesel(sql_type = BigInt)]
    pub used_inodes: i64,
    #[diesel(sql_type = BigInt)]
    pub total_inodes: i64,
}

/// What one roll-up changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RolledUp {
    /// Daily points written (one per location and day rolled up).
    pub daily_points: usize,
    /// Hourly samples folded into them and deleted.
    pub hourly_deleted: usize,
    /// Daily points and client sizes past [`KEEP_DAYS`] deleted.
    pub expired: usize,
}

/// Every location, by name.
pub async fn locations_by_name(c: &mut PgConn) -> Result<Vec<LocationRow>, DbError> {
    Ok(backup_locations::table
        .order((backup_locations::name, backup_locations::id))
        .select(LocationRow::as_select())
        .load(c)
        .await?)
}

/// Records the hourly sample of `location_id` for the hour `at` (truncated by the
/// caller). True when stored; false when that hour has a sample already (another server
/// sharing the database took it first).
pub async fn record_location_sample(
    c: &mut PgConn,
    location_id: i64,
    at: DateTime<Utc>,
    r: &Reading,
) -> Result<bool, DbError> {
    let n = diesel::insert_into(location_usage::table)
        .values((
            location_usage::location_id.eq(location_id),
            location_usage::daily.eq(false),
            location_usage::at.eq(at),
            location_usage::used_bytes.eq(r.used_bytes),
            location_usage::total_bytes.eq(r.total_bytes),
            location_usage::used_inodes.eq(r.used_inodes),
            location_usage::total_inodes.eq(r.total_inodes),
        ))
        .on_conflict_do_nothing()
        .execute(c)
        .await?;
    Ok(n == 1)
}

/// Sets every client's size on `day` to the sum of its jobs' sizes now (a client without
/// jobs weighs 0). Returns how many clients were recorded.
pub async fn record_client_sizes(c: &mut PgConn, day: NaiveDate) -> Result<usize, DbError> {
    Ok(diesel::sql_query(
        "INSERT INTO client_usage (client_id, day, size_bytes) \
         SELECT c.id, $1, GREATEST(COALESCE(SUM(j.size_bytes), 0), 0)::bigint \
         FROM clients c LEFT JOIN jobs j ON j.client_id = c.id GROUP BY c.id \
         ON CONFLICT (client_id, day) DO UPDATE SET size_bytes = EXCLUDED.size_bytes",
    )
    .bind::<Date, _>(day)
    .execute(c)
    .await?)
}

/// The UTC midnight before which whole days of hourly samples are rolled up at `now`:
/// a day is folded in one go, once all of it is older than [`HOURLY_DAYS`].
pub fn roll_up_cut(now: DateTime<Utc>) -> DateTime<Utc> {
    let day = (now - TimeDelta::days(HOURLY_DAYS)).date_naive();
    day.and_time(chrono::NaiveTime::MIN).and_utc()
}

/// Folds hourly samples older than [`roll_up_cut`] into one daily point per location and
/// UTC day (the day's last sample, `at` at midnight) and deletes them; deletes daily
/// points and client sizes older than [`KEEP_DAYS`]. Run inside the caller's transaction.
pub async fn roll_up(c: &mut PgConn, now: DateTime<Utc>) -> Result<RolledUp, DbError> {
    let cut = roll_up_cut(now);
    // A day already folded (by another server, or a sample that arrived late) takes the
    // newer figures: rows older than the cut are gone after each roll-up, so what is
    // left is later.
    let daily_points = diesel::sql_query(
        "INSERT INTO location_usage \
             (location_id, daily, at, used_bytes, total_bytes, used_inodes, total_inodes) \
         SELECT DISTINCT ON (location_id, date_trunc('day', at, 'UTC')) \
                location_id, TRUE, date_trunc('day', at, 'UTC'), \
                used_bytes, total_bytes, used_inodes, total_inodes \
         FROM location_usage WHERE NOT daily AND at < $1 \
         ORDER BY location_id, date_trunc('day', at, 'UTC'), at DESC \
         ON CONFLICT (location_id, daily, at) DO UPDATE SET \
             used_bytes = EXCLUDED.used_bytes, total_bytes = EXCLUDED.total_bytes, \
             used_inodes = EXCLUDED.used_inodes, total_inodes = EXCLUDED.total_inodes",
    )
    .bind::<Timestamptz, _>(cut)
    .execute(c)
    .await?;
    let hourly_deleted = diesel::delete(
        location_usage::table
            .filter(location_usage::daily.eq(false))
            .filter(location_usage::at.lt(cut)),
    )
    .execute(c)
    .await?;
    let keep = now - TimeDelta::days(KEEP_DAYS);
    let old_points = diesel::delete(
        location_usage::table
            .filter(location_usage::daily.eq(true))
            .filter(location_usage::at.lt(keep)),
    )
    .execute(c)
    .await?;
    let old_sizes = diesel::delete(
        super::schema::client_usage::table
            .filter(super::schema::client_usage::day.lt(keep.date_naive())),
    )
    .execute(c)
    .await?;
    Ok(RolledUp {
        daily_points,
        hourly_deleted,
        expired: old_points + old_sizes,
    })
}

/// One point per location and UTC day from `since` on: the day's last sample, hourly or
/// daily alike; by location, oldest first.
pub async fn daily_history(
    c: &mut PgConn,
    since: DateTime<Utc>,
) -> Result<Vec<SampleRow>, DbError> {
    Ok(diesel::sql_query(
        "SELECT DISTINCT ON (location_id, date_trunc('day', at, 'UTC')) \
                location_id, at, used_bytes, total_bytes, used_inodes, total_inodes \
         FROM location_usage WHERE at >= $1 \
         ORDER BY location_id, date_trunc('day', at, 'UTC'), at DESC",
    )
    .bind::<Timestamptz, _>(since)
    .load(c)
    .await?)
}

/// Every sample (hourly and daily) taken from `since` on; by location, oldest first.
pub async fn samples_since(
    c: &mut PgConn,
    since: DateTime<Utc>,
) -> Result<Vec<SampleRow>, DbError> {
    Ok(diesel::sql_query(
        "SELECT location_id, at, used_bytes, total_bytes, used_inodes, total_inodes \
         FROM location_usage WHERE at >= $1 ORDER BY location_id, at",
    )
    .bind::<Timestamptz, _>(since)
    .load(c)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_days_older_than_35_days_are_rolled_up() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        // 35 days before 10:00 on 6 December is 10:00 on 1 November: that day is not
        // wholly older yet, so the cut is its midnight.
        assert_eq!(
            roll_up_cut(at("2026-12-06T10:00:00Z")),
            at("2026-11-01T00:00:00Z")
        );
        assert_eq!(
            roll_up_cut(at("2026-12-06T00:00:00Z")),
            at("2026-11-01T00:00:00Z")
        );
    }
}
