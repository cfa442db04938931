//! Persistence: the diesel schema, row structs and queries, the connection pool, embedded
//! migrations and the self-managed PostgreSQL cluster. Only this module imports diesel.

pub mod audit;
pub mod batches;
pub mod candidates;
pub mod catalog;
pub mod claim;
pub mod clients;
pub mod cluster;
pub mod cluster_access;
pub mod dashboard;
pub mod digest;
pub mod events;
pub mod jobs;
pub mod late;
pub mod leases;
pub mod locations;
pub mod logs;
pub mod metrics;
pub mod notifications;
pub mod paging;
pub mod policies;
pub mod queue;
pub mod recovery;
pub mod replication_accesses;
pub mod replications;
pub mod retention;
pub mod run_context;
pub mod runs;
pub mod schema;
pub mod scripts;
pub mod sessions;
pub mod settings;
pub mod snapshots;
pub mod tokens;
pub mod two_factor;
pub mod usage;
pub mod users;
pub mod webhooks;

use diesel::Connection;
use diesel_async::async_connection_wrapper::AsyncConnectionWrapper;
use diesel_async::pooled_connection::deadpool::{Object, Pool};
use diesel_async::pooled_connection::AsyncDieselConnectionManager;
use diesel_async::AsyncPgConnection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

/// The migrations in `migrations/`, compiled into the binary.
pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations");

/// A pool of async PostgreSQL connections.
pub type DbPool = Pool<AsyncPgConnection>;
/// A connection, pooled or not (what queries inside transactions take).
pub type PgConn = AsyncPgConnection;
/// One pooled connection.
pub type DbConn = Object<AsyncPgConnection>;

/// The future of an async closure, nameable in bounds (diesel-async keeps its own such
/// trait private): [`transaction`] needs to say that this future is `Send`.
pub trait TxBody<T, R>: AsyncFnOnce(T) -> R + FnOnce(T) -> <Self as TxBody<T, R>>::Fut {
    /// The future the closure returns.
    type Fut: std::future::Future<Output = R>;
}

impl<F, T, Fut, R> TxBody<T, R> for F
where
    F: AsyncFnOnce(T) -> R + FnOnce(T) -> Fut,
    Fut: std::future::Future<Output = R>,
{
    type Fut = Fut;
}

/// What ends a transaction early: a query of diesel's (which diesel-async's API needs to
/// be able to build) or the body's own error.
enum TxError<E> {
    Query(diesel::result::Error),
    Body(E),
}

impl<E> From<diesel::result::Error> for TxError<E> {
    fn from(e: diesel::result::Error) -> Self {
        TxError::Query(e)
    }
}

/// Runs `body` in one transaction on `c`: committed when it returns `Ok`, rolled back when
/// it returns `Err` (or the commit fails), so callers never leave half of an operation
/// saved. Inside a transaction already, `body` runs in a savepoint. Work that cannot roll
/// back (files, processes, wake-ups) belongs after the commit, or must be undone by the
/// caller when this returns `Err`.
pub async fn transaction<'a, R, E, F>(c: &mut PgConn, body: F) -> Result<R, E>
where
    for<'r> F: AsyncFnOnce(&'r mut PgConn) -> Result<R, E>
        + TxBody<&'r mut PgConn, Result<R, E>, Fut: Send>
        + Send
        + 'a,
    E: From<DbError> + Send + 'a,
    R: Send + 'a,
{
    use diesel_async::AsyncConnection;
    c.transaction::<R, TxError<E>, _>(async move |t| body(t).await.map_err(TxError::Body))
        .await
        .map_err(|e| match e {
            TxError::Query(q) => E::from(DbError::Query(q)),
            TxError::Body(b) => b,
        })
}

/// Database-level failures, before any business meaning is attached.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database query failed: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("database connection failed: {0}")]
    Connection(String),
    #[error("migration failed: {0}")]
    Migration(String),
}

impl DbError {
    /// True when the error is a unique-constraint violation (a duplicate).
    pub fn is_unique_violation(&self) -> bool {
        matches!(
            self,
            DbError::Query(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _
            ))
        )
    }
}

/// Builds the connection pool for `url` (URL or `key=value` form; `host=/dir` for a socket).
pub fn build_pool(url: &str, size: usize) -> Result<DbPool, DbError> {
    let manager = AsyncDieselConnectionManager::<AsyncPgConnection>::new(url);
    Pool::builder(manager)
        .max_size(size)
        .build()
        .map_err(|e| DbError::Connection(e.to_string()))
}

/// Takes a connection from the pool.
pub async fn conn(pool: &DbPool) -> Result<DbConn, DbError> {
    pool.get()
        .await
        .map_err(|e| DbError::Connection(e.to_string()))
}

/// Applies every pending migration; returns how many ran. Blocking work runs off the
/// async executor.
pub async fn run_migrations(url: &str) -> Result<usize, DbError> {
    let url = url.to_owned();
    tokio::task::spawn_blocking(move || {
        let mut c = AsyncConnectionWrapper::<AsyncPgConnection>::establish(&url)
            .map_err(|e| DbError::Connection(e.to_string()))?;
        let applied = c
            .run_pending_migrations(MIGRATIONS)
            .map_err(|e| DbError::Migration(e.to_string()))?;
        Ok(applied.len())
    })
    .await
    .map_err(|e| DbError::Migration(e.to_string()))?
}

/// Reverts every migration (used by tests proving that each `down.sql` works).
pub async fn revert_all_migrations(url: &str) -> Result<usize, DbError> {
    let url = url.to_owned();
    tokio::task::spawn_blocking(move || {
        let mut c = AsyncConnectionWrapper::<AsyncPgConnection>::establish(&url)
            .map_err(|e| DbError::Connection(e.to_string()))?;
        let reverted = c
            .revert_all_migrations(MIGRATIONS)
            .map_err(|e| DbError::Migration(e.to_string()))?;
        Ok(reverted.len())
    })
    .await
    .map_err(|e| DbError::Migration(e.to_string()))?
}

/// Reverts the newest migration (used by tests of what a migration does to existing rows).
pub async fn revert_last_migration(url: &str) -> Result<(), DbError> {
    let url = url.to_owned();
    tokio::task::spawn_blocking(move || {
        let mut c = AsyncConnectionWrapper::<AsyncPgConnection>::establish(&url)
            .map_err(|e| DbError::Connection(e.to_string()))?;
        c.revert_last_migration(MIGRATIONS)
            .map_err(|e| DbError::Migration(e.to_string()))?;
        Ok(())
    })
    .await
    .map_err(|e| DbError::Migration(e.to_string()))?
}

/// The levels stored in `runs.levels` and `snapshots.levels` (a text array, which SQL lets
/// hold NULLs), unknown names skipped: what a row means by them.
pub fn level_names(stored: &[Option<String>]) -> Vec<shared::policies::LevelName> {
    stored
        .iter()
        .flatten()
        .filter_map(|l| shared::policies::LevelName::from_wire(l))
        .collect()
}

/// Checks that the database answers.
pub async fn ping(pool: &DbPool) -> bool {
    use diesel_async::RunQueryDsl;
    let Ok(mut c) = conn(pool).await else {
        return false;
    };
    diesel::sql_query("SELECT 1").execute(&mut c).await.is_ok()
}
