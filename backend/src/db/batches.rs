//! Client batches: the client's pre scripts run once before the first job of a batch of
//! its queued jobs and its post scripts once after the last; the client state shown in
//! the API comes from here.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Double, Nullable, Text};
use diesel_async::RunQueryDsl;
use shared::common::RunResult;
use shared::runs::{BatchState, RunError, RunState};

use super::schema::{client_batches, clients, jobs, runs};
use super::{DbError, PgConn};

/// A row of `client_batches`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = client_batches)]
pub struct BatchRow {
    pub id: i64,
    pub client_id: i64,
    pub state: BatchState,
    pub result: Option<RunResult>,
    pub error_code: Option<RunError>,
    pub lease_owner: Option<String>,
    pub lease_until: Option<DateTime<Utc>>,
    pub opened_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = BigInt)]
    id: i64,
}

/// The client's open batch, opened now (in `pre_client`) when it has none.
pub async fn open(c: &mut PgConn, client_id: i64) -> Result<i64, DbError> {
    let inserted: Option<Id> = diesel::sql_query(
        "INSERT INTO client_batches (client_id) VALUES ($1) \
         ON CONFLICT (client_id) WHERE state <> 'finished' DO NOTHING RETURNING id",
    )
    .bind::<BigInt, _>(client_id)
    .get_result(c)
    .await
    .optional()?;
    if let Some(i) = inserted {
        return Ok(i.id);
    }
    Ok(client_batches::table
        .filter(client_batches::client_id.eq(client_id))
        .filter(client_batches::state.ne(BatchState::Finished))
        .select(client_batches::id)
        .first(c)
        .await?)
}

#[derive(QueryableByName)]
struct ClientBatch {
    #[diesel(sql_type = BigInt)]
    client_id: i64,
    #[diesel(sql_type = BigInt)]
    id: i64,
}

/// [`open`] for several clients in one statement: each client's open batch, opened now
/// when it has none. A batch another transaction opened since this statement's snapshot
/// is found by [`open`] afterwards (claims are serialised, so that is rare).
pub async fn open_many(
    c: &mut PgConn,
    client_ids: &[i64],
) -> Result<std::collections::HashMap<i64, i64>, DbError> {
    if client_ids.is_empty() {
        return Ok(Default::default());
    }
    let rows: Vec<ClientBatch> = diesel::sql_query(
        "WITH wanted AS (SELECT DISTINCT unnest($1::BIGINT[]) AS client_id), \
              opened AS (INSERT INTO client_batches (client_id) SELECT client_id FROM wanted \
                         ON CONFLICT (client_id) WHERE state <> 'finished' DO NOTHING \
                         RETURNING client_id, id) \
         SELECT client_id, id FROM opened \
         UNION ALL \
         SELECT b.client_id, b.id FROM client_batches b JOIN wanted w ON w.client_id = b.client_id \
          WHERE b.state <> 'finished'",
    )
    .bind::<diesel::sql_types::Array<BigInt>, _>(client_ids)
    .load(c)
    .await?;
    let mut found: std::collections::HashMap<i64, i64> =
        rows.into_iter().map(|r| (r.client_id, r.id)).collect();
    for &client in client_ids {
        if let std::collections::hash_map::Entry::Vacant(slot) = found.entry(client) {
            slot.insert(open(c, client).await?);
        }
    }
    Ok(found)
}

/// One batch.
pub async fn find(c: &mut PgConn, id: i64) -> Result<Option<BatchRow>, DbError> {
    Ok(client_batches::table
        .find(id)
        .select(BatchRow::as_select())
        .first(c)
        .await
        .optional()?)
}

/// What a run waiting for its client should do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Run the client's pre scripts now (this server holds the batch).
    RunPre,
    /// Another run of the batch is running the pre scripts: wait.
    Wait,
    /// The pre scripts are done: go on with the job.
    Go,
    /// The batch failed (its pre scripts, or it was interrupted): fail with this code.
    Failed(RunError),
}

/// Takes the batch's pre-script step when nobody holds it, else says what to do.
pub async fn step(
    c: &mut PgConn,
    batch_id: i64,
    owner: &str,
    lease_secs: f64,
) -> Result<Step, DbError> {
    let took: Option<Id> = diesel::sql_query(
        "UPDATE client_batches SET lease_owner = $2, \
                lease_until = now() + make_interval(secs => $3), updated_at = now() \
          WHERE id = $1 AND state = 'pre_client' \
            AND (lease_owner IS NULL OR lease_until < now()) RETURNING id",
    )
    .bind::<BigInt, _>(batch_id)
    .bind::<Text, _>(owner)
    .bind::<Double, _>(lease_secs)
    .get_result(c)
    .await
    .optional()?;
    if took.is_some() {
        return Ok(Step::RunPre);
    }
    let Some(b) = find(c, batch_id).await? else {
        return Ok(Step::Failed(RunError::Interrupted));
    };
    Ok(match (b.state, b.result) {
        (BatchState::PreClient, _) => Step::Wait,
        // A failed batch without a code (none is written so) is its pre scripts' failure.
        (BatchState::Finished, Some(RunResult::Failed)) => {
            Step::Failed(b.error_code.unwrap_or(RunError::ClientPreScriptFailed))
        }
        (BatchState::Running | BatchState::PostClient | BatchState::Finished, _) => Step::Go,
    })
}

/// Records the outcome of the client's pre scripts: the batch runs, or it is finished as
/// failed with `error_code`.
pub async fn pre_done(
    c: &mut PgConn,
    batch_id: i64,
    error_code: Option<RunError>,
) -> Result<(), DbError> {
    let q = diesel::update(client_batches::table.find(batch_id));
    match error_code {
        None => {
            q.set((
                client_batches::state.eq(BatchState::Running),
                client_batches::lease_owner.eq(None::<String>),
                client_batches::lease_until.eq(None::<DateTime<Utc>>),
                client_batches::updated_at.eq(diesel::dsl::now),
            ))
            .execute(c)
            .await?
        }
        Some(code) => {
            q.set((
                client_batches::state.eq(BatchState::Finished),
                client_batches::result.eq(RunResult::Failed),
                client_batches::error_code.eq(code),
                client_batches::lease_owner.eq(None::<String>),
                client_batches::lease_until.eq(None::<DateTime<Utc>>),
                client_batches::updated_at.eq(diesel::dsl::now),
                client_batches::finished_at.eq(diesel::dsl::now),
            ))
            .execute(c)
            .await?
        }
    };
    Ok(())
}

/// Moves running batches whose jobs are all done (none unfinished in the batch, none of
/// the client's queued) to `post_client`, held by this server. `only` limits it to one
/// batch. Returns the batches this server must now run the client's post scripts for.
pub async fn close_done(
    c: &mut PgConn,
    only: Option<i64>,
    owner: &str,
    lease_secs: f64,
) -> Result<Vec<BatchRow>, DbError> {
    let ids: Vec<Id> = diesel::sql_query(
        "UPDATE client_batches b SET state = 'post_client', lease_owner = $2, \
                lease_until = now() + make_interval(secs => $3), updated_at = now() \
          WHERE b.state = 'running' AND ($1::BIGINT IS NULL OR b.id = $1) \
            AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.batch_id = b.id \
                               AND r.state <> 'finished') \
            AND NOT EXISTS (SELECT 1 FROM runs r JOIN jobs j ON j.id = r.job_id \
                             WHERE j.client_id = b.client_id AND r.state = 'queued' \
                               AND r.kind = 'backup') \
          RETURNING b.id",
    )
    .bind::<Nullable<BigInt>, _>(only)
    .bind::<Text, _>(owner)
    .bind::<Double, _>(lease_secs)
    .load(c)
    .await?;
    let ids: Vec<i64> = ids.into_iter().map(|i| i.id).collect();
    Ok(client_batches::table
        .filter(client_batches::id.eq_any(ids))
        .select(BatchRow::as_select())
        .load(c)
        .await?)
}

/// Finishes a batch after its post scripts.
pub async fn finish(
    c: &mut PgConn,
    batch_id: i64,
    error_code: Option<RunError>,
) -> Result<(), DbError> {
    diesel::update(client_batches::table.find(batch_id))
        .set((
            client_batches::state.eq(BatchState::Finished),
            client_batches::result.eq(if error_code.is_some() {
                RunResult::Failed
            } else {
                RunResult::Ok
            }),
            client_batches::error_code.eq(error_code),
            client_batches::lease_owner.eq(None::<String>),
            client_batches::lease_until.eq(None::<DateTime<Utc>>),
            client_batches::updated_at.eq(diesel::dsl::now),
            client_batches::finished_at.eq(diesel::dsl::now),
        ))
        .execute(c)
        .await?;
    Ok(())
}

/// Gives up this server's lease on a batch it cannot finish (its database writes keep
/// failing): no longer renewed, the batch is failed as `interrupted` by the recovery.
pub async fn release(c: &mut PgConn, batch_id: i64) -> Result<(), DbError> {
    diesel::update(client_batches::table.find(batch_id))
        .filter(client_batches::state.ne(BatchState::Finished))
        .set((
            client_batches::lease_owner.eq(None::<String>),
            client_batches::lease_until.eq(diesel::dsl::now),
        ))
        .execute(c)
        .await?;
    Ok(())
}

/// Batches whose client scripts were being run by a server that stopped renewing its
/// lease: finished as failed (`interrupted`). Returns them.
pub async fn recover(c: &mut PgConn) -> Result<Vec<BatchRow>, DbError> {
    Ok(diesel::update(
        client_batches::table
            .filter(client_batches::state.eq_any([BatchState::PreClient, BatchState::PostClient]))
            .filter(client_batches::lease_until.lt(diesel::dsl::now)),
    )
    .set((
        client_batches::state.eq(BatchState::Finished),
        client_batches::result.eq(RunResult::Failed),
        client_batches::error_code.eq(RunError::Interrupted),
        client_batches::lease_owner.eq(None::<String>),
        client_batches::lease_until.eq(None::<DateTime<Utc>>),
        client_batches::updated_at.eq(diesel::dsl::now),
        client_batches::finished_at.eq(diesel::dsl::now),
    ))
    .returning(BatchRow::as_returning())
    .get_results(c)
    .await?)
}

/// What the client state view needs: the client's name and owner, its latest batch and
/// its unfinished runs.
pub struct ClientSituation {
    pub client_id: i64,
    pub client_name: String,
    pub owner_id: Option<i64>,
    pub batch: Option<BatchRow>,
    pub queued: i64,
    pub active: i64,
}

/// The situation of the given clients (all clients of `owner`, or every client, when
/// `ids` is `None`), only those with a batch or unfinished runs when `busy_only`.
pub async fn situations(
    c: &mut PgConn,
    ids: Option<&[i64]>,
    owner: Option<i64>,
    busy_only: bool,
) -> Result<Vec<ClientSituation>, DbError> {
    let mut q = clients::table.into_boxed();
    if let Some(ids) = ids {
        q = q.filter(clients::id.eq_any(ids.to_vec()));
    }
    if let Some(o) = owner {
        q = q.filter(clients::owner_id.eq(o));
    }
    if busy_only {
        let open = client_batches::table
            .filter(client_batches::state.ne(BatchState::Finished))
            .select(client_batches::client_id);
        let unfinished = runs::table
            .inner_join(jobs::table)
            .filter(runs::state.ne(RunState::Finished))
            .select(jobs::client_id);
        q = q.filter(clients::id.eq_any(open).or(clients::id.eq_any(unfinished)));
    }
    let rows: Vec<(i64, String, Option<i64>)> = q
        .order(clients::name.asc())
        .limit(5000)
        .select((clients::id, clients::name, clients::owner_id))
        .load(c)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let batches: Vec<BatchRow> = client_batches::table
        .filter(client_batches::client_id.eq_any(&ids))
        .distinct_on(client_batches::client_id)
        .order((client_batches::client_id, client_batches::id.desc()))
        .select(BatchRow::as_select())
        .load(c)
        .await?;
    let counts: Vec<(i64, RunState)> = runs::table
        .inner_join(jobs::table)
        .filter(jobs::client_id.eq_any(&ids))
        .filter(runs::state.ne(RunState::Finished))
        .select((jobs::client_id, runs::state))
        .load(c)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, owner_id)| ClientSituation {
            client_id: id,
            client_name: name,
            owner_id,
            batch: batches.iter().find(|b| b.client_id == id).cloned(),
            queued: counts
                .iter()
                .filter(|(c, s)| *c == id && *s == RunState::Queued)
                .count() as i64,
            active: counts.iter().filter(|(c, _)| *c == id).count() as i64,
        })
        .collect())
}
