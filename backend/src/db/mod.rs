//! Persistence: the diesel schema, row structs and queries, the connection pool, embedded
//! migrations and the self-managed PostgreSQL cluster. Only this module imports diesel.

pub mod batches;
pub mod candidates;
pub mod clients;
pub mod cluster;
pub mod cluster_access;
pub mod events;
pub mod jobs;
pub mod leases;
pub mod locations;
pub mod paging;
pub mod policies;
pub mod queue;
pub mod runs;
pub mod schema;
pub mod scripts;
pub mod sessions;
pub mod settings;
pub mod snapshots;
pub mod tokens;
pub mod users;

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

/// Checks that the database answers.
pub async fn ping(pool: &DbPool) -> bool {
    use diesel_async::RunQueryDsl;
    let Ok(mut c) = conn(pool).await else {
        return false;
    };
    diesel::sql_query("SELECT 1").execute(&mut c).await.is_ok()
}
