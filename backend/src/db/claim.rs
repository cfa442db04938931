//! The dispatcher's claim: which queued runs this server starts now, under the global,
//! per-client and per-location limits, serialised across servers by an advisory lock.

use diesel::sql_types::{BigInt, Double, Integer, Nullable, Text};
use diesel::QueryableByName;
use diesel_async::{AsyncConnection, RunQueryDsl};
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
}

#[derive(QueryableByName)]
struct Pair {
    #[diesel(sql_type = BigInt)]
    client_id: i64,
    #[diesel(sql_type = BigInt)]
    location_id: i64,
}

#[derive(QueryableByName)]
struct Limit {
    #[diesel(sql_type = Integer)]
    max_parallel_jobs: i32,
}

/// A run the dispatcher claimed: it now belongs to this server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claimed {
    pub run_id: i64,
    /// The client the run works on (a restore's target client).
    pub client_id: i64,
    /// The client batch of a backup (restores run outside batches: no client scripts).
    pub batch_id: Option<i64>,
}

/// Claims queued runs for this server: the candidates in queue order (queued time, then
/// job priority) locked with `FOR UPDATE SKIP LOCKED`, chosen by `choose` against the
/// runs executing on every server, each moved to `waiting_for_client` in its client's open
/// batch with a lease for `lease_secs`.
pub async fn claim<F>(
    c: &mut PgConn,
    owner: &str,
    lease_secs: f64,
    choose: F,
) -> Result<Vec<Claimed>, DbError>
where
    F: FnOnce(&[Candidate], Busy, i64) -> Vec<i64> + Send,
{
    let owner = owner.to_owned();
    c.transaction::<Vec<Claimed>, DbError, _>(async move |t| {
        diesel::sql_query("SELECT pg_advisory_xact_lock($1)")
            .bind::<BigInt, _>(CLAIM_LOCK)
            .execute(t)
            .await?;
        let (rows, busy, limit) = candidates(t).await?;
        let chosen = choose(
            &rows.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
            busy,
            limit,
        );
        let mut claimed = Vec::with_capacity(chosen.len());
        for run_id in chosen {
            let Some((cand, kind)) = rows.iter().find(|(x, _)| x.run_id == run_id) else {
                continue;
            };
            let batch_id = match kind {
                // A replication touches no client: no batch, no client scripts.
                RunKind::Restore | RunKind::Replicate => None,
                RunKind::Backup => Some(super::batches::open(t, cand.client_id).await?),
            };
            start(t, run_id, &owner, lease_secs, batch_id).await?;
            claimed.push(Claimed {
                run_id,
                client_id: cand.client_id,
                batch_id,
            });
        }
        Ok(claimed)
    })
    .await
}

/// The queued runs that may start now, in queue order, with their kinds; the runs
/// executing on every server; the global limit.
async fn candidates(t: &mut PgConn) -> Result<(Vec<(Candidate, RunKind)>, Busy, i64), DbError> {
    let busy: Vec<Pair> = diesel::sql_query(
        "SELECT COALESCE((r.restore->>'client_id')::bigint, j.client_id) AS client_id, \
                j.location_id FROM runs r JOIN jobs j ON j.id = r.job_id \
          WHERE r.state NOT IN ('queued', 'finished')",
    )
    .load(t)
    .await?;
    let limit: Limit = diesel::sql_query("SELECT max_parallel_jobs FROM settings WHERE id = 1")
        .get_result(t)
        .await?;
    let rows: Vec<CandidateRow> = diesel::sql_query(
        "SELECT r.id AS run_id, r.job_id, r.kind, c.id AS client_id, j.location_id, \
                c.max_parallel_jobs AS client_limit, l.max_parallel_jobs AS location_limit \
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
    let candidates = rows
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
            (cand, r.kind)
        })
        .collect();
    let busy = Busy::from_pairs(busy.iter().map(|p| (p.client_id, p.location_id)));
    Ok((candidates, busy, i64::from(limit.max_parallel_jobs)))
}

/// Moves a claimed run to `waiting_for_client` under this server's lease. The start is
/// the claim's clock time, not the transaction's `now()`: it then never precedes the end
/// of a run whose slot it took (read after that commit).
async fn start(
    t: &mut PgConn,
    run_id: i64,
    owner: &str,
    lease_secs: f64,
    batch_id: Option<i64>,
) -> Result<(), DbError> {
    diesel::sql_query(
        "UPDATE runs SET state = 'waiting_for_client', lease_owner = $2, \
                lease_until = now() + make_interval(secs => $3), \
                started_at = clock_timestamp(), \
                batch_id = $4 \
          WHERE id = $1",
    )
    .bind::<BigInt, _>(run_id)
    .bind::<Text, _>(owner)
    .bind::<Double, _>(lease_secs)
    .bind::<Nullable<BigInt>, _>(batch_id)
    .execute(t)
    .await?;
    Ok(())
}
