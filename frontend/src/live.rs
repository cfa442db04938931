//! Live updates: one server-sent-events connection per tab (`GET /api/events`), opened
//! by the signed-in frame and shared through context. Pages subscribe to its events and
//! watch [`Live::opened`] to fetch their lists again after every (re)connection, so that
//! nothing sent while the connection was down is missed. The browser reconnects by
//! itself (sending `Last-Event-ID`); when it gives up (the server refused the stream),
//! a new connection is tried after a growing pause.

use std::collections::BTreeMap;

use futures::stream::{self, StreamExt};
use gloo_net::eventsource::futures::{EventSource, EventSourceSubscription};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::events::Event;
use web_sys::MessageEvent;

use crate::api::runs::sleep;
use crate::i18n;

/// The server's event stream (its API path; `api::url` puts it under the prefix).
const EVENTS_PATH: &str = "/api/events";
/// First pause before opening a refused stream again, in milliseconds.
const RETRY_FIRST_MS: i32 = 2_000;
/// Longest pause between two attempts, in milliseconds.
const RETRY_MAX_MS: i32 = 30_000;

/// The tab's event stream, provided once by `App`. Cheap to copy.
#[derive(Clone, Copy)]
pub struct Live {
    /// Bumped each time the connection opens: the first time and after every reconnection.
    pub opened: RwSignal<u64>,
    /// True while the connection is open.
    pub connected: RwSignal<bool>,
    subscribers: StoredValue<BTreeMap<u64, Callback<Event>>>,
    next_id: StoredValue<u64>,
    source: StoredValue<Option<EventSource>, LocalStorage>,
    generation: StoredValue<u64>,
}

impl Live {
    /// Not connected yet.
    pub fn new() -> Self {
        Live {
            opened: RwSignal::new(0),
            connected: RwSignal::new(false),
            subscribers: StoredValue::new(BTreeMap::new()),
            next_id: StoredValue::new(0),
            source: StoredValue::new_local(None),
            generation: StoredValue::new(0),
        }
    }

    /// Calls `on_event` with every event until the calling component goes away.
    pub fn subscribe(self, on_event: impl Fn(Event) + Send + Sync + 'static) {
        let id = self.next_id.get_value() + 1;
        self.next_id.set_value(id);
        let callback = Callback::new(on_event);
        self.subscribers.update_value(|s| {
            s.insert(id, callback);
        });
        on_cleanup(move || {
            self.subscribers.try_update_value(|s| s.remove(&id));
        });
    }

    /// Opens the stream (again) and keeps it open until [`Live::disconnect`] is called
    /// with the connection number returned here.
    pub fn connect(self) -> u64 {
        let this = self.generation.get_value() + 1;
        self.generation.set_value(this);
        spawn_local(async move {
            let mut pause = RETRY_FIRST_MS;
            while self.current(this) {
                if let Some(mut messages) = self.open() {
                    while let Some(item) = messages.next().await {
                        let Ok((kind, message)) = item else {
                            break; // Closed for good: refused, or disconnected here.
                        };
                        match kind.as_str() {
                            "open" => {
                                pause = RETRY_FIRST_MS;
                                self.connected.try_set(true);
                                self.opened.try_update(|n| *n += 1);
                            }
                            // The browser is reconnecting by itself.
                            "error" => {
                                self.connected.try_set(false);
                            }
                            _ => self.dispatch(&message),
                        }
                    }
                }
                self.connected.try_set(false);
                if !self.current(this) {
                    return;
                }
                sleep(pause).await;
                pause = (pause * 2).min(RETRY_MAX_MS);
            }
        });
        this
    }

    /// Closes connection `connection` (on sign-out); nothing happens when a newer one has
    /// replaced it already.
    pub fn disconnect(self, connection: u64) {
        if !self.current(connection) {
            return;
        }
        self.generation.try_update_value(|g| *g += 1);
        // Dropping the source closes it, which ends the connection task's streams.
        self.source.try_set_value(None);
        self.connected.try_set(false);
    }

    fn current(self, generation: u64) -> bool {
        self.generation.try_get_value() == Some(generation)
    }

    /// A new `EventSource` with its messages, open and error events in one stream.
    fn open(self) -> Option<stream::SelectAll<EventSourceSubscription>> {
        let mut source = match EventSource::new(&crate::api::url(EVENTS_PATH)) {
            Ok(s) => s,
            Err(err) => {
                i18n::log(&format!("cannot open the event stream: {err}"));
                return None;
            }
        };
        let mut parts = Vec::new();
        for kind in ["message", "open", "error"] {
            parts.push(source.subscribe(kind).ok()?);
        }
        // Replacing the previous source drops (closes) it.
        self.source.try_set_value(Some(source));
        Some(stream::select_all(parts))
    }

    /// Decodes one message and hands it to every subscriber.
    fn dispatch(self, message: &MessageEvent) {
        let Some(text) = message.data().as_string() else {
            return;
        };
        let event = match serde_json::from_str::<Event>(&text) {
            Ok(e) => e,
            Err(err) => {
                // An event type this version does not know: skipped.
                i18n::log(&format!("unreadable event skipped: {err}"));
                return;
            }
        };
        // Copied out first: a subscriber may subscribe or leave while it runs.
        let subscribers: Vec<Callback<Event>> = self
            .subscribers
            .try_with_value(|s| s.values().copied().collect())
            .unwrap_or_default();
        for subscriber in subscribers {
            subscriber.try_run(event.clone());
        }
    }
}

impl Default for Live {
    fn default() -> Self {
        Live::new()
    }
}

/// The event stream provided by `App`.
pub fn use_live() -> Live {
    expect_context::<Live>()
}
