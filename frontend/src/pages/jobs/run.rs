//! "Run now" from the main page: starts the chosen jobs, says how many started, then
//! follows their runs (one request per run every second) and reloads the list whenever
//! one finishes, so the last-result badges change by themselves.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{runs, Failure};
use crate::i18n::LOADER;
use crate::run_labels;
use crate::state::Session;

/// Where the outcome goes.
#[derive(Clone, Copy)]
pub struct RunTargets {
    pub session: Session,
    pub notice: RwSignal<Option<String>>,
    pub failure: RwSignal<Option<Failure>>,
    /// Bumped to fetch the list again.
    pub reload: RwSignal<u32>,
}

/// Starts jobs `ids` and follows their runs while `alive` holds.
pub fn start(ids: Vec<i64>, targets: RunTargets, alive: Arc<AtomicBool>) {
    let session = targets.session;
    targets.notice.set(None);
    targets.failure.set(None);
    if ids.is_empty() {
        targets.notice.set(Some(fl!(LOADER, "jobs-run-none")));
        return;
    }
    spawn_local(async move {
        let mut started = Vec::new();
        let mut busy = 0usize;
        for id in ids {
            match runs::run_job(id).await {
                Ok(run) => started.push(run.id),
                Err(f) if f.plain_conflict() => busy += 1,
                Err(f) => targets.failure.set(Some(session.check_failure(f))),
            }
        }
        let mut text = fl!(LOADER, "jobs-run-started", count = started.len());
        if busy > 0 {
            text = format!("{text} {}", fl!(LOADER, "jobs-run-busy", count = busy));
        }
        targets.notice.set(Some(text));
        while !started.is_empty() {
            runs::sleep(1000).await;
            if !alive.load(Ordering::Relaxed) {
                return;
            }
            let before = started.len();
            let mut still = Vec::new();
            for id in started {
                match runs::run(id).await {
                    Ok(run) if !run_labels::unfinished(&run) => {}
                    Ok(_) => still.push(id),
                    Err(_) => {}
                }
            }
            started = still;
            if started.len() != before {
                targets.reload.update(|n| *n += 1);
            }
        }
    });
}
