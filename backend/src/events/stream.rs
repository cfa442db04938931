//! One subscriber's stream: resume from `Last-Event-ID`, filter by what the user may see,
//! a bounded buffer where progress is dropped rather than waited for, and replay from the
//! table when the subscriber fell behind the bus.

use std::sync::Arc;

use tokio::sync::broadcast::error::RecvError;
use tokio::sync::mpsc;

use super::{Audience, Bus, Delivery};
use crate::db;

/// Messages buffered per subscriber before progress is dropped for it.
pub const SUBSCRIBER_BUFFER: usize = 64;

/// Starts forwarding the events `audience` may see into a new bounded channel; `make` turns
/// (id, JSON) into the channel's message type. Resumes after `last_event_id` when given.
/// The forwarding task ends when the receiver is dropped (the client went away).
pub fn subscribe<T, F>(
    bus: Arc<Bus>,
    audience: Audience,
    last_event_id: Option<i64>,
    make: F,
) -> mpsc::Receiver<T>
where
    T: Send + 'static,
    F: Fn(Option<i64>, &str) -> T + Send + Sync + 'static,
{
    let (tx, rx) = mpsc::channel(SUBSCRIBER_BUFFER);
    // Subscribe before reading the table: nothing falls between replay and live.
    let mut live = bus.subscribe();
    tokio::spawn(async move {
        let mut cursor = match last_event_id {
            Some(id) => match replay(&bus, audience, id, &tx, &make).await {
                Some(c) => c,
                None => return,
            },
            None => bus.pumped(),
        };
        loop {
            match live.recv().await {
                Ok(d) => {
                    if let Some(id) = d.id {
                        if id <= cursor {
                            continue;
                        }
                        cursor = id;
                    }
                    if !forward(&d, audience, &tx, &make).await {
                        return;
                    }
                }
                Err(RecvError::Lagged(_)) => match replay(&bus, audience, cursor, &tx, &make).await
                {
                    Some(c) => cursor = c,
                    None => return,
                },
                Err(RecvError::Closed) => return,
            }
        }
    });
    rx
}

/// Sends one delivery if visible: durable events wait for room (only this subscriber
/// waits), progress is dropped when the buffer is full. False when the client is gone.
async fn forward<T, F>(d: &Delivery, audience: Audience, tx: &mpsc::Sender<T>, make: &F) -> bool
where
    F: Fn(Option<i64>, &str) -> T,
{
    if !d.visible_to(audience) {
        return true;
    }
    let msg = make(d.id, &d.json);
    if d.id.is_some() {
        tx.send(msg).await.is_ok()
    } else {
        !matches!(tx.try_send(msg), Err(mpsc::error::TrySendError::Closed(_)))
    }
}

/// Sends the stored events after `after`; returns the new cursor, `None` when the client
/// is gone.
async fn replay<T, F>(
    bus: &Bus,
    audience: Audience,
    after: i64,
    tx: &mpsc::Sender<T>,
    make: &F,
) -> Option<i64>
where
    F: Fn(Option<i64>, &str) -> T,
{
    let mut cursor = after;
    loop {
        let rows = match db::conn(bus.pool()).await {
            Ok(mut c) => db::events::since(&mut c, cursor, 500).await,
            Err(e) => Err(e),
        };
        let Ok(rows) = rows else {
            return Some(cursor);
        };
        let n = rows.len();
        for r in rows {
            cursor = r.id;
            let d = Delivery {
                id: Some(r.id),
                owner_id: r.owner_id,
                json: r.payload.to_string(),
            };
            if !forward(&d, audience, tx, make).await {
                return None;
            }
        }
        if n < 500 {
            return Some(cursor);
        }
    }
}
