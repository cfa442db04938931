//! One bus per server for live updates. Durable events (run states, client states,
//! snapshots, log records) are stored in PostgreSQL after the change they describe has
//! committed; a pump reads them back in id order and broadcasts them, so every server on
//! the database sees every event, ids are stable for `Last-Event-ID` resume, and a
//! subscriber that fell behind replays from the table. Progress is ephemeral: broadcast
//! directly, latest wins, never stored as an event.

pub mod stream;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use shared::events::{ClientState, Event, LogRecord, ProgressEvent};
use shared::runs::RunState;
use tokio::sync::{broadcast, Notify};

use crate::db::{self, DbError, DbPool, PgConn};

/// How many deliveries a subscriber may fall behind before it replays from the table.
const BUS_CAPACITY: usize = 4096;
/// Events are kept this long for resuming subscribers.
const KEEP_EVENTS: chrono::TimeDelta = chrono::TimeDelta::hours(24);

/// One event on its way to subscribers.
#[derive(Debug)]
pub struct Delivery {
    /// The durable event id; `None` for progress.
    pub id: Option<i64>,
    /// Who may see it: administrators, and the owner of the client it concerns.
    pub owner_id: Option<i64>,
    /// The event as JSON (serialised once for every subscriber).
    pub json: String,
}

/// Who a stream of events is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// An administrator: every event.
    Everything,
    /// An operator: only the events of the clients this user owns.
    OwnerOf(i64),
}

impl Audience {
    /// The audience of a caller whose lists are filtered by `owner_filter` (`None` for
    /// administrators, who see everything).
    pub fn of_owner_filter(owner_filter: Option<i64>) -> Self {
        owner_filter.map_or(Audience::Everything, Audience::OwnerOf)
    }
}

impl Delivery {
    /// Whether `audience` may receive it.
    pub fn visible_to(&self, audience: Audience) -> bool {
        match audience {
            Audience::Everything => true,
            Audience::OwnerOf(user) => self.owner_id == Some(user),
        }
    }
}

/// The live-update bus of this server.
pub struct Bus {
    pool: DbPool,
    tx: broadcast::Sender<Arc<Delivery>>,
    wake: Notify,
    /// The id of the last durable event broadcast here.
    pumped: AtomicI64,
}

impl Bus {
    /// A bus over the database; call [`Bus::run`] once to start its pump.
    pub fn new(pool: DbPool) -> Arc<Bus> {
        let (tx, _) = broadcast::channel(BUS_CAPACITY);
        Arc::new(Bus {
            pool,
            tx,
            wake: Notify::new(),
            pumped: AtomicI64::new(-1),
        })
    }

    /// A new subscription to everything broadcast from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Delivery>> {
        self.tx.subscribe()
    }

    /// The id of the last durable event broadcast (the resume point of a new subscriber).
    pub fn pumped(&self) -> i64 {
        self.pumped.load(Ordering::Acquire).max(0)
    }

    /// The database the events are stored in.
    pub fn pool(&self) -> &DbPool {
        &self.pool
    }

    /// Stores a durable event on `c`, last in the transaction of the change it describes
    /// (it commits with that change or not at all); call [`Bus::committed`] after the
    /// commit.
    pub async fn store(
        &self,
        c: &mut PgConn,
        client_id: Option<i64>,
        owner_id: Option<i64>,
        event: &Event,
    ) -> Result<(), DbError> {
        db::events::insert(c, client_id, owner_id, event).await?;
        Ok(())
    }

    /// Wakes the pump: events stored in a transaction have committed.
    pub fn committed(&self) {
        self.wake.notify_one();
    }

    /// Stores a durable event and wakes the pump. Call it after the change committed.
    /// Failures are logged: a lost live update must never fail the operation itself.
    pub async fn publish(&self, client_id: Option<i64>, owner_id: Option<i64>, event: &Event) {
        let stored = async {
            let mut c = db::conn(&self.pool).await?;
            self.store(&mut c, client_id, owner_id, event).await
        };
        match stored.await {
            Ok(()) => self.committed(),
            Err(e) => tracing::warn!("event not stored: {e}"),
        }
    }

    /// Broadcasts progress (ephemeral: only to subscribers connected now).
    pub fn progress(&self, owner_id: Option<i64>, p: ProgressEvent) {
        if let Ok(json) = serde_json::to_string(&Event::Progress(p)) {
            let _ = self.tx.send(Arc::new(Delivery {
                id: None,
                owner_id,
                json,
            }));
        }
    }

    /// Stores the current state of a run as an event on `c` (see [`Bus::store`]).
    pub async fn store_run(&self, c: &mut PgConn, run_id: i64) -> Result<(), DbError> {
        self.store_run_steps(c, run_id, vec![(None, Vec::new())])
            .await
    }

    /// Stores a run's events for each of `steps`: the run as it is now (with the step's
    /// state when given: the states a transaction passed through, which commit together),
    /// then the step's other events. One query and one insert for all (see
    /// [`Bus::store`]): the insert takes the events' lock, held until the commit, so one
    /// statement instead of one per event keeps every other publishing transaction (every
    /// other run's) waiting that much less.
    pub async fn store_run_steps(
        &self,
        c: &mut PgConn,
        run_id: i64,
        steps: Vec<(Option<RunState>, Vec<db::events::NewEvent>)>,
    ) -> Result<(), DbError> {
        let item = match db::queue::item(c, run_id).await? {
            Some(row) => {
                let client_id = row.client_id;
                let owner = row.owner_id;
                match crate::views::queue_item(row) {
                    Ok(item) => Some((client_id, owner, item)),
                    // A fault of this server's own data: said loudly, but the change it
                    // describes still commits (the run page reports the same error).
                    Err(e) => {
                        tracing::error!(run_id, "run event not built: {e}");
                        None
                    }
                }
            }
            None => None,
        };
        let mut events = Vec::new();
        for (state, more) in steps {
            if let Some((client_id, owner, item)) = &item {
                let mut item = item.clone();
                if let Some(state) = state {
                    item.run.state = state;
                }
                let run = Event::Run {
                    item: Box::new(item),
                };
                events.push((Some(*client_id), *owner, to_json(&run)?));
            }
            events.extend(more);
        }
        db::events::insert_many(c, events).await?;
        Ok(())
    }

    /// Stores the current state of each run of `ids` as an event on `c`, with one query
    /// and one insert for all of them (see [`Bus::store`]); `after` gives, per run, more
    /// events to store right after its own (its log record's). Returns how many were
    /// stored.
    pub async fn store_runs(
        &self,
        c: &mut PgConn,
        ids: &[i64],
        mut after: impl FnMut(i64) -> Vec<db::events::NewEvent>,
    ) -> Result<usize, DbError> {
        let rows = db::queue::items(c, ids).await?;
        let mut events = Vec::with_capacity(rows.len());
        for row in rows {
            let (run_id, client_id, owner) = (row.run.id, row.client_id, row.owner_id);
            match crate::views::queue_item(row) {
                Ok(item) => match serde_json::to_value(Event::Run {
                    item: Box::new(item),
                }) {
                    Ok(json) => events.push((Some(client_id), owner, json)),
                    Err(e) => tracing::error!(run_id, "run event not built: {e}"),
                },
                // As in `store_run`: said loudly, the change still commits.
                Err(e) => tracing::error!(run_id, "run event not built: {e}"),
            }
            events.extend(after(run_id));
        }
        db::events::insert_many(c, events).await
    }

    /// Publishes the current state of a run (queued, started, changed state, finished).
    pub async fn run_changed(&self, run_id: i64) {
        let stored = async {
            let mut c = db::conn(&self.pool).await?;
            self.store_run(&mut c, run_id).await
        };
        match stored.await {
            Ok(()) => self.committed(),
            Err(e) => tracing::warn!(run_id, "run event not stored: {e}"),
        }
    }

    /// Stores the current state of a client as events on `c` (see [`Bus::store`]).
    pub async fn store_client(&self, c: &mut PgConn, client_id: i64) -> Result<(), DbError> {
        for s in db::batches::situations(c, Some(&[client_id]), None, false).await? {
            let owner = s.owner_id;
            let state = ClientState::from(s);
            self.store(c, Some(client_id), owner, &Event::ClientState { state })
                .await?;
        }
        Ok(())
    }

    /// Publishes the current state of a client.
    pub async fn client_changed(&self, client_id: i64) {
        let stored = async {
            let mut c = db::conn(&self.pool).await?;
            self.store_client(&mut c, client_id).await
        };
        match stored.await {
            Ok(()) => self.committed(),
            Err(e) => tracing::warn!(client_id, "client state event not stored: {e}"),
        }
    }

    /// Stores a log record as an event on `c` (see [`Bus::store`]).
    pub async fn store_log(
        &self,
        c: &mut PgConn,
        owner_id: Option<i64>,
        record: LogRecord,
    ) -> Result<(), DbError> {
        let (client, owner, json) = log_event(owner_id, record)?;
        db::events::insert(c, client, owner, &json).await?;
        Ok(())
    }

    /// The pump: broadcasts stored events in id order, woken by local publications and
    /// polling for other servers'; prunes old events now and then. Runs until the process
    /// ends.
    pub async fn run(self: Arc<Self>) {
        let mut last = loop {
            match db::conn(&self.pool).await {
                Ok(mut c) => match db::events::last_id(&mut c).await {
                    Ok(id) => break id,
                    Err(e) => tracing::warn!("event pump: {e}"),
                },
                Err(e) => tracing::warn!("event pump: {e}"),
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        };
        self.pumped.store(last, Ordering::Release);
        let mut since_prune = 0u32;
        loop {
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(Duration::from_millis(250)) => {}
            }
            let batch = match db::conn(&self.pool).await {
                Ok(mut c) => db::events::since(&mut c, last, 1000).await,
                Err(e) => Err(e),
            };
            match batch {
                Ok(rows) => {
                    let more = rows.len() == 1000;
                    for r in rows {
                        last = r.id;
                        let _ = self.tx.send(Arc::new(Delivery {
                            id: Some(r.id),
                            owner_id: r.owner_id,
                            json: r.payload.to_string(),
                        }));
                    }
                    self.pumped.store(last, Ordering::Release);
                    if more {
                        self.wake.notify_one();
                    }
                }
                Err(e) => tracing::warn!("event pump: {e}"),
            }
            since_prune += 1;
            if since_prune >= 4 * 3600 {
                since_prune = 0;
                if let Ok(mut c) = db::conn(&self.pool).await {
                    let _ = db::events::prune(&mut c, chrono::Utc::now() - KEEP_EVENTS).await;
                }
            }
        }
    }
}

/// A log record's event, for [`Bus::store_run_steps`]: its client, the owner who may see
/// it, and its payload.
pub fn log_event(
    owner_id: Option<i64>,
    record: LogRecord,
) -> Result<db::events::NewEvent, DbError> {
    Ok((record.client_id, owner_id, to_json(&Event::Log { record })?))
}

/// An event's payload, as `db::events::insert` would store it.
fn to_json(event: &Event) -> Result<serde_json::Value, DbError> {
    serde_json::to_value(event)
        .map_err(|e| DbError::from(diesel::result::Error::SerializationError(Box::new(e))))
}
