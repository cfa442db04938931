//! A backup run's pre-flight reads in as few round trips as possible: its job with
//! everything the run needs joined, and its scripts with their contents.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::jobs::JobRow;
use super::schema::{backup_locations, clients, jobs, policies};
use super::{DbError, PgConn};

/// What a backup run reads of its job before it starts, fetched in one round trip by
/// [`run_context`].
#[derive(Debug, Clone)]
pub struct RunContextRow {
    pub job: JobRow,
    pub client: super::clients::ClientRow,
    pub location: super::locations::LocationRow,
    pub policy: super::policies::PolicyRow,
    /// The client owner's e-mail address (none without an owner or an address).
    pub owner_email: Option<String>,
    /// The client owner's user name (none without an owner).
    pub owner_name: Option<String>,
    /// The sum of the sizes of the client's jobs.
    pub client_total: i64,
    /// The setting: post scripts run even after a pre script failed.
    pub post_scripts_after_pre_failure: bool,
}

/// A backup run's job with its client, location, policy, client owner, the size of the
/// client's jobs and the one setting a run reads, in one query (the run's pre-flight was a
/// round trip for each). `None` when the job or one of its rows is gone: the caller then
/// finds out which, one by one, to stop with the right code.
pub async fn run_context(c: &mut PgConn, job_id: i64) -> Result<Option<RunContextRow>, DbError> {
    use super::clients::ClientRow;
    use super::locations::LocationRow;
    use super::policies::PolicyRow;
    use super::schema::users;
    use diesel::dsl::sql;
    use diesel::sql_types::{BigInt, Bool};
    type Row = (
        JobRow,
        ClientRow,
        LocationRow,
        PolicyRow,
        Option<String>,
        Option<String>,
        i64,
        bool,
    );
    let row: Option<Row> = jobs::table
        .inner_join(clients::table.left_join(users::table))
        .inner_join(backup_locations::table)
        .inner_join(policies::table)
        .filter(jobs::id.eq(job_id))
        .select((
            JobRow::as_select(),
            ClientRow::as_select(),
            LocationRow::as_select(),
            PolicyRow::as_select(),
            users::email.nullable(),
            users::username.nullable(),
            sql::<BigInt>(
                "(SELECT COALESCE(SUM(j2.size_bytes), 0)::int8 FROM jobs j2 \
                  WHERE j2.client_id = jobs.client_id)",
            ),
            sql::<Bool>(
                "COALESCE((SELECT post_scripts_after_pre_failure FROM settings WHERE id = 1), \
                  false)",
            ),
        ))
        .first(c)
        .await
        .optional()?;
    Ok(row.map(
        |(job, client, location, policy, owner_email, owner_name, client_total, post)| {
            RunContextRow {
                job,
                client,
                location,
                policy,
                owner_email,
                owner_name,
                client_total,
                post_scripts_after_pre_failure: post,
            }
        },
    ))
}

/// The scripts attached to a job with their contents, by name: (name, phase, content), in
/// one query.
pub async fn scripts_with_content(
    c: &mut PgConn,
    job_id: i64,
) -> Result<Vec<(String, shared::scripts::ScriptPhase, Vec<u8>)>, DbError> {
    use super::schema::{job_scripts, scripts};
    Ok(job_scripts::table
        .inner_join(scripts::table)
        .filter(job_scripts::job_id.eq(job_id))
        .order(scripts::name)
        .select((scripts::name, job_scripts::phase, scripts::content))
        .load(c)
        .await?)
}
