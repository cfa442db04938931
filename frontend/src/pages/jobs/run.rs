//! "Run now" from the main page and the client page: queues the chosen jobs (or all of a
//! client's) in one request and says how many backups were queued. What happens next
//! arrives over the live event stream.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{runs, Failure};
use crate::i18n::LOADER;
use crate::state::Session;

/// Where the outcome goes.
#[derive(Clone, Copy)]
pub struct RunTargets {
    pub session: Session,
    pub notice: RwSignal<Option<String>>,
    pub failure: RwSignal<Option<Failure>>,
}

/// What to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunRequest {
    /// These jobs (`POST /api/jobs/run`).
    Jobs(Vec<i64>),
    /// Every active job of this client (`POST /api/clients/{id}/run`).
    Client(i64),
}

/// Queues what `request` names and reports it in `targets`.
pub fn start(request: RunRequest, targets: RunTargets) {
    targets.notice.set(None);
    targets.failure.set(None);
    if request == RunRequest::Jobs(Vec::new()) {
        targets.notice.set(Some(fl!(LOADER, "jobs-run-none")));
        return;
    }
    spawn_local(async move {
        let answer = match request {
            RunRequest::Jobs(ids) => runs::run_jobs(&ids).await,
            RunRequest::Client(id) => runs::run_client(id).await,
        };
        match answer {
            Ok(started) if started.is_empty() => {
                targets.notice.set(Some(fl!(LOADER, "jobs-run-none")));
            }
            Ok(started) => {
                targets
                    .notice
                    .set(Some(fl!(LOADER, "jobs-run-started", count = started.len())));
            }
            Err(f) => targets.failure.set(Some(targets.session.check_failure(f))),
        }
    });
}
