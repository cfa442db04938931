//! Queries on `scripts` and their attachments (`client_scripts`, `job_scripts`).

use chrono::{DateTime, Utc};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use diesel_async::RunQueryDsl;

use shared::scripts::ScriptPhase;

use super::paging::{contains_pattern, Paging};
use super::schema::{client_scripts, clients, job_scripts, jobs, scripts};
use super::{DbError, PgConn};

/// A script without its content.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = scripts, check_for_backend(diesel::pg::Pg))]
pub struct ScriptRow {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub client_pre: bool,
    pub client_post: bool,
    pub job_pre: bool,
    pub job_post: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The content's length, measured by PostgreSQL (the content itself is not read).
    #[diesel(
        select_expression = sql::<BigInt>("octet_length(scripts.content)::bigint"),
        select_expression_type = diesel::expression::SqlLiteral<BigInt>,
    )]
    pub size_bytes: i64,
}

/// Values written by create and update (content only when given).
#[derive(Debug, Insertable, AsChangeset)]
#[diesel(table_name = scripts)]
pub struct ScriptForm<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub client_pre: bool,
    pub client_post: bool,
    pub job_pre: bool,
    pub job_post: bool,
    pub content: Option<&'a [u8]>,
}

/// One page, filtered by name, with the total.
pub async fn list(
    c: &mut PgConn,
    q: Option<&str>,
    paging: Paging,
) -> Result<(Vec<ScriptRow>, i64), DbError> {
    let filter = |query: scripts::BoxedQuery<'static, diesel::pg::Pg>| match q {
        Some(q) => query.filter(scripts::name.ilike(contains_pattern(q))),
        None => query,
    };
    let total = filter(scripts::table.into_boxed())
        .count()
        .get_result(c)
        .await?;
    let rows = filter(scripts::table.into_boxed())
        .order(scripts::id)
        .offset(paging.offset())
        .limit(paging.per_page)
        .select(ScriptRow::as_select())
        .load(c)
        .await?;
    Ok((rows, total))
}

/// One script (without content).
pub async fn find(c: &mut PgConn, id: i64) -> Result<Option<ScriptRow>, DbError> {
    Ok(scripts::table
        .find(id)
        .select(ScriptRow::as_select())
        .first(c)
        .await
        .optional()?)
}

/// Several scripts (without content).
pub async fn find_many(c: &mut PgConn, ids: &[i64]) -> Result<Vec<ScriptRow>, DbError> {
    Ok(scripts::table
        .filter(scripts::id.eq_any(ids))
        .select(ScriptRow::as_select())
        .load(c)
        .await?)
}

/// A script's name and content.
pub async fn content(c: &mut PgConn, id: i64) -> Result<Option<(String, Vec<u8>)>, DbError> {
    Ok(scripts::table
        .find(id)
        .select((scripts::name, scripts::content))
        .first(c)
        .await
        .optional()?)
}

/// Inserts a script; the form must carry content.
pub async fn insert(c: &mut PgConn, f: &ScriptForm<'_>) -> Result<i64, DbError> {
    Ok(diesel::insert_into(scripts::table)
        .values(f)
        .returning(scripts::id)
        .get_result(c)
        .await?)
}

/// Updates a script; `None` content keeps the stored one.
pub async fn update(c: &mut PgConn, id: i64, f: &ScriptForm<'_>) -> Result<usize, DbError> {
    Ok(diesel::update(scripts::table.find(id))
        .set((f, scripts::updated_at.eq(diesel::dsl::now)))
        .execute(c)
        .await?)
}

/// Deletes a script.
pub async fn delete(c: &mut PgConn, id: i64) -> Result<usize, DbError> {
    Ok(diesel::delete(scripts::table.find(id)).execute(c).await?)
}

/// Where a script is attached: (kind, object id, display name, phase).
pub async fn usages(
    c: &mut PgConn,
    script_id: i64,
) -> Result<Vec<(String, i64, String, ScriptPhase)>, DbError> {
    let by_clients: Vec<(i64, String, ScriptPhase)> = client_scripts::table
        .inner_join(clients::table)
        .filter(client_scripts::script_id.eq(script_id))
        .select((clients::id, clients::name, client_scripts::phase))
        .load(c)
        .await?;
    let by_jobs: Vec<(i64, String, String, ScriptPhase)> = job_scripts::table
        .inner_join(jobs::table.inner_join(clients::table))
        .filter(job_scripts::script_id.eq(script_id))
        .select((jobs::id, clients::name, jobs::name, job_scripts::phase))
        .load(c)
        .await?;
    let mut out: Vec<(String, i64, String, ScriptPhase)> = by_clients
        .into_iter()
        .map(|(id, name, phase)| ("client".to_owned(), id, name, phase))
        .collect();
    out.extend(
        by_jobs.into_iter().map(|(id, client, job, phase)| {
            ("job".to_owned(), id, format!("{client}/{job}"), phase)
        }),
    );
    Ok(out)
}

/// The statements of [`set_attached`], which are the same on the two tables that diesel
/// types apart: delete the object's rows of `$table` (owner
/// column `$owner`), then insert one per script of `$pre` and `$post`.
macro_rules! replace_attachments {
    ($c:expr, $table:ident, $owner:ident, $id:expr, $pre:expr, $post:expr) => {{
        diesel::delete($table::table.filter($table::$owner.eq($id)))
            .execute($c)
            .await?;
        let phased = $pre
            .iter()
            .map(|s| (*s, ScriptPhase::Pre))
            .chain($post.iter().map(|s| (*s, ScriptPhase::Post)));
        let rows: Vec<_> = phased
            .map(|(s, phase)| {
                (
                    $table::$owner.eq($id),
                    $table::script_id.eq(s),
                    $table::phase.eq(phase),
                )
            })
            .collect();
        if !rows.is_empty() {
            diesel::insert_into($table::table)
                .values(rows)
                .execute($c)
                .await?;
        }
        Ok(())
    }};
}

/// The query of [`attached`] on its table (`$table`, owner column
/// `$owner`): (owner id, script id, script name, phase), by script name.
macro_rules! attached_to {
    ($c:expr, $table:ident, $owner:ident, $ids:expr) => {
        Ok($table::table
            .inner_join(scripts::table)
            .filter($table::$owner.eq_any($ids))
            .order(scripts::name)
            .select(($table::$owner, scripts::id, scripts::name, $table::phase))
            .load($c)
            .await?)
    };
}

/// What scripts are attached to (each kind has its attachment table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Client,
    Job,
}

/// Replaces the scripts attached to client or job `id`.
pub async fn set_attached(
    c: &mut PgConn,
    owner: Owner,
    id: i64,
    pre: &[i64],
    post: &[i64],
) -> Result<(), DbError> {
    match owner {
        Owner::Client => replace_attachments!(c, client_scripts, client_id, id, pre, post),
        Owner::Job => replace_attachments!(c, job_scripts, job_id, id, pre, post),
    }
}

/// Scripts attached to the given clients or jobs: (owner id, script id, script name, phase).
pub async fn attached(
    c: &mut PgConn,
    owner: Owner,
    ids: &[i64],
) -> Result<Vec<(i64, i64, String, ScriptPhase)>, DbError> {
    match owner {
        Owner::Client => attached_to!(c, client_scripts, client_id, ids),
        Owner::Job => attached_to!(c, job_scripts, job_id, ids),
    }
}
