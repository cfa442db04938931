//! The queue (and, for the Status page, the clients' states) as a page shows it: loaded
//! from the API (a resource) whenever the event stream (re)opens, and kept current in
//! between from the stream's `run`, `progress` and `client_state` events. Events that
//! arrive while a load is on its way are applied again over its answer, never going back
//! in time.

use std::collections::HashMap;

use leptos::prelude::*;
use shared::events::{ClientState, Event, QueueItem};
use shared::runs::{Run, RunProgress, RunState};

use crate::api::{runs, ApiResult, Failure};
use crate::live::use_live;
use crate::queue;
use crate::state::{use_session, Session};

/// A page's live copy of the queue. Cheap to copy.
#[derive(Clone, Copy)]
pub struct QueueFeed {
    /// The unfinished runs; `None` until the first load.
    pub items: RwSignal<Option<Vec<QueueItem>>>,
    /// The clients that are not idle; `None` until loaded (or when not asked for).
    pub clients: RwSignal<Option<Vec<ClientState>>>,
    /// Why the last load failed.
    pub failure: RwSignal<Option<Failure>>,
    /// The runs that finished while the page was open, by job (the latest one).
    pub finished: RwSignal<HashMap<i64, Run>>,
    /// Events seen while a load is on its way.
    pending: StoredValue<Option<Vec<Event>>>,
}

impl QueueFeed {
    /// Loads the queue (and the clients' states when `with_clients`) now and after every
    /// reconnection, and follows the events until the calling component goes away.
    pub fn start(with_clients: bool) -> Self {
        let feed = QueueFeed {
            items: RwSignal::new(None),
            clients: RwSignal::new(None),
            failure: RwSignal::new(None),
            finished: RwSignal::new(HashMap::new()),
            pending: StoredValue::new(None),
        };
        let live = use_live();
        let session = use_session();
        live.subscribe(move |event| feed.on_event(event));
        // Fetched again on every (re)connection; the events that arrive meanwhile are
        // kept, from the moment the request starts, to be applied over its answer.
        let fetched = LocalResource::new(move || {
            let opened = live.opened.get();
            feed.pending.set_value(Some(Vec::new()));
            async move {
                let items = runs::queue().await;
                let clients = match with_clients {
                    true => Some(runs::client_states().await),
                    false => None,
                };
                (opened, items, clients)
            }
        });
        // Each answer once (by the connection it was loaded for).
        Effect::new(move |shown: Option<Option<u64>>| {
            let shown = shown.flatten();
            let Some((opened, items, clients)) = fetched.get() else {
                return shown;
            };
            if shown != Some(opened) {
                untrack(|| feed.loaded(session, items, clients));
            }
            Some(opened)
        });
        feed
    }

    /// State and progress of the unfinished run shown for job `id`: the first in the
    /// queue (an executing one before a queued follow-up). Reactive.
    pub fn job_run(self, id: i64) -> Option<(RunState, Option<RunProgress>)> {
        self.items.with(|items| {
            items
                .as_ref()
                .and_then(|q| q.iter().find(|i| i.run.job_id == id))
                .map(|i| (i.run.state, i.run.progress.clone()))
        })
    }

    fn on_event(self, event: Event) {
        self.pending.update_value(|p| {
            if let Some(p) = p {
                if !matches!(event, Event::Progress(_)) {
                    p.push(event.clone());
                }
            }
        });
        match event {
            Event::Run { item } => {
                if item.run.state == RunState::Finished {
                    self.finished.update(|f| {
                        f.insert(item.run.job_id, item.run.clone());
                    });
                }
                self.items.update(|items| {
                    if let Some(items) = items {
                        queue::apply_run(items, *item, false);
                    }
                });
            }
            Event::Progress(progress) => {
                self.items.maybe_update(|items| {
                    items
                        .as_mut()
                        .is_some_and(|items| queue::apply_progress(items, &progress))
                });
            }
            Event::ClientState { state } => {
                self.clients.update(|clients| {
                    if let Some(clients) = clients {
                        queue::apply_client_state(clients, state);
                    }
                });
            }
            Event::Snapshot { .. } | Event::Log { .. } => {}
        }
    }

    /// Shows a load's answer, with the events that came while it was on its way.
    fn loaded(
        self,
        session: Session,
        items: ApiResult<Vec<QueueItem>>,
        clients: Option<ApiResult<Vec<ClientState>>>,
    ) {
        let replay = self.pending.try_update_value(Option::take).flatten();
        let replay = replay.unwrap_or_default();
        match items {
            Ok(mut list) => {
                for event in &replay {
                    if let Event::Run { item } = event {
                        queue::apply_run(&mut list, (**item).clone(), true);
                    }
                }
                self.failure.set(None);
                self.items.set(Some(list));
            }
            Err(f) => self.failure.set(Some(session.check_failure(f))),
        }
        match clients {
            Some(Ok(mut list)) => {
                for event in &replay {
                    if let Event::ClientState { state } = event {
                        queue::apply_client_state(&mut list, state.clone());
                    }
                }
                self.clients.set(Some(list));
            }
            Some(Err(f)) => self.failure.set(Some(session.check_failure(f))),
            None => {}
        }
    }
}
