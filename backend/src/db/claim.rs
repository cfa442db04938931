//! The dispatcher's claim: which queued runs this server starts now, under the global,
//! per-client and per-location limits, serialised across servers by an advisory lock.

use diesel::sql_types::{Array, BigInt, Double, Integer, Nullable, Text};
use diesel::QueryableByName;
use diesel_async::RunQueryDsl;
use shared::runs::RunKind;

use super::candidates::{Busy, Candidate};
use super::{DbError, PgConn};

/// Any constant: the advisory lock that serialises claims, so that two servers never
/// both fill the last free slot.
const CLAIM_LOCK: i64 = 0x0e1b_ac0b;

#[derive(QueryableByName)]
struct CandidateRow {
    #[diesel(sql_type = BigInt)]
    run_id: i64,
    #[diesel(sql_type = BigInt)]
    job_id: i64,
    #[diesel(sql_type = Text)]
    kind: RunKind,
    #[diesel(sql_type = BigInt)]
    client_id: i64,
    #[diesel(sql_type = BigInt)]
    location_id: i64,
    #[diesel(sql_type = Integer)]
    client_limit: i32,
    #[diesel(sql_type = Integer)]
    location_limit: i32,
    #[diesel(sql_type = Nullable<BigInt>)]
    owner_id: Option<i64>,
}

#[derive(QueryableByName)]
struct BusyRow {
    #[diesel(sql_type = Integer)]
    max_parallel_jobs: i32,
    #[diesel(sql_type = Array<BigInt>)]
    clients: Vec<i64>,
    #[diesel(sql_type = Array<BigInt>)]
    locations: Vec<i64>,
}

/// A run the dispatcher claimed: it now belongs to this server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claimed {
    pub run_id: i64,
    /// The client the run works on (a restore's target client).
    pub client_id: i64,
    /// The client batch of a backup (restores run outside batches: no client scripts).
    pub batch_id: Option<i64>,
    /// The owner of the client (who may see the run's events).
    pub owner_id: Option<i64>,
}

/// Claims queued runs for this server: the candidates in queue order (queued time, then
/// job priority) locked with `FOR UPDATE SKIP LOCKED`, chosen by `choose` against the
/// runs executing on every server, each moved to `waiting_for_client` in its client's open
/// batch with a lease for `lease_secs`. Call it inside a transaction (`t`): the advisory
/// lock that serialises claims is held until its commit. A fixed number of statements
/// (six at most), whatever the number of runs claimed.
pub async fn claim<F>(
    t: &mut PgConn,
    owner: &str,
    lease_secs: f64,
    choose: F,
) -> Result<Vec<Claimed>, DbError>
where
    F: FnOnce(&[Candidate], Busy, i64) -> Vec<i64> + Send,
{
    diesel::sql_query("SELECT pg_advisory_xact_lock($1)")
        .bind::<BigInt, _>(CLAIM_LOCK)
        .execute(t)
        .await?;
    let rows = candidates(t).await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let (busy, limit) = busy(t).await?;
    let cands: Vec<Candidate> = rows.iter().map(|(c, _, _)| *c).collect();
    let chosen = choose(&cands, busy, limit);
    let picked: Vec<&(Candidate, RunKind, Option<i64>)> = chosen
        .iter()
        .filter_map(|id| rows.iter().find(|(c, _, _)| c.run_id == *id))
        .collect();
    // A replication or a restore touches no client scripts: no batch.
    let batch_clients: Vec<i64> = picked
        .iter()
        .filter(|(_, kind, _)| *kind == RunKind::Backup)
        .map(|(c, _, _)| c.client_id)
        .collect();
    let batches = super::batches::open_many(t, &batch_clients).await?;
    let claimed: Vec<Claimed> = picked
        .iter()
        .map(|(c, kind, owner_id)| Claimed {
            run_id: c.run_id,
            client_id: c.client_id,
            batch_id: match kind {
                RunKind::Backup => batches.get(&c.client_id).copied(),
                RunKind::Restore | RunKind::Replicate => None,
            },
            owner_id: *owner_id,
        })
        .collect();
    start(t, &claimed, owner, lease_secs).await?;
    Ok(claimed)
}

/// The queued runs that may start now, in queue order, with their kinds and their
/// clients' owners.
async fn candidates(t: &mut PgConn) -> Result<Vec<(Candidate, RunKind, Option<i64>)>, DbError> {
    let rows: Vec<CandidateRow> = diesel::sql_query(
        "SELECT r.id AS run_id, r.job_id, r.kind, c.id AS client_id, j.location_id, \
                c.max_parallel_jobs AS client_limit, l.max_parallel_jobs AS location_limit, \
                c.owner_id \
           FROM runs r JOIN jobs j ON j.id = r.job_id \
           JOIN clients c ON c.id = COALESCE((r.restore->>'client_id')::bigint, j.client_id) \
           JOIN backup_locations l ON l.id = j.location_id \
          WHERE r.state = 'queued' \
            AND NOT EXISTS (SELECT 1 FROM runs x WHERE x.job_id = r.job_id \
                               AND x.state NOT IN ('queued', 'finished')) \
            AND NOT EXISTS (SELECT 1 FROM client_batches b WHERE b.client_id = c.id \
                               AND b.state = 'post_client') \
          ORDER BY r.queued_at, j.priority, r.id \
          LIMIT 1000 \
            FOR UPDATE OF r SKIP LOCKED",
    )
    .load(t)
    .await?;
    // A job executes one run at a time: of a job's queued backup and restores, only the
    // first in queue order is a candidate now.
    let mut seen = std::collections::HashSet::new();
    Ok(rows
        .into_iter()
        .filter(|r| seen.insert(r.job_id))
        .map(|r| {
            let cand = Candidate {
                run_id: r.run_id,
                client_id: r.client_id,
                location_id: r.location_id,
                client_limit: i64::from(r.client_limit),
                location_limit: i64::from(r.location_limit),
            };
            (cand, r.kind, r.owner_id)
        })
        .collect())
}

/// The runs executing on every server (as client and location counts) and the global
/// limit, in one query.
async fn busy(t: &mut PgConn) -> Result<(Busy, i64), DbError> {
    let row: BusyRow = diesel::sql_query(
        "SELECT s.max_parallel_jobs, \
                COALESCE(array_agg(b.client_id) FILTER (WHERE b.client_id IS NOT NULL), '{}') AS clients, \
                COALESCE(array_agg(b.location_id) FILTER (WHERE b.client_id IS NOT NULL), '{}') AS locations \
           FROM settings s LEFT JOIN ( \
                SELECT COALESCE((r.restore->>'client_id')::bigint, j.client_id) AS client_id, \
                       j.location_id FROM runs r JOIN jobs j ON j.id = r.job_id \
                 WHERE r.state NOT IN ('queued', 'finished')) b ON true \
          WHERE s.id = 1 GROUP BY s.max_parallel_jobs",
    )
    .get_result(t)
    .await?;
    let busy = Busy::from_pairs(row.clients.into_iter().zip(row.locations));
    Ok((busy, i64::from(row.max_parallel_jobs)))
}

/// Moves the claimed runs to `waiting_for_client` under this server's lease, in one
/// statement. The start is the claim's clock time, not the transaction's `now()`: it then
/// never precedes the end of a run whose slot it took (read after that commit).
async fn start(
    t: &mut PgConn,
    claimed: &[Claimed],
    owner: &str,
    lease_secs: f64,
) -> Result<(), DbError> {
    if claimed.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = claimed.iter().map(|c| c.run_id).collect();
    let batches: Vec<Option<i64>> = claimed.iter().map(|c| c.batch_id).collect();
    diesel::sql_query(
        "UPDATE runs r SET state = 'waiting_for_client', lease_owner = $3, \
                lease_until = now() + make_interval(secs => $4), \
                started_at = clock_timestamp(), \
                batch_id = v.batch_id \
           FROM unnest($1::BIGINT[], $2::BIGINT[]) AS v(id, batch_id) \
          WHERE r.id = v.id",
    )
    .bind::<Array<BigInt>, _>(ids)
    .bind::<Array<Nullable<BigInt>>, _>(batches)
    .bind::<Text, _>(owner)
    .bind::<Double, _>(lease_secs)
    .execute(t)
    .await?;
    Ok(())
}
