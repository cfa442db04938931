//! A queued restore followed to its end: a link to its run page, its state and progress
//! bar while it goes on, then its result. The run is fetched again every second.

use std::sync::atomic::Ordering;

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::snapshots::RestoreQueued;

use crate::api::runs;
use crate::components::announce::RunAnnouncer;
use crate::components::progress::progress_bar;
use crate::i18n::LOADER;
use crate::pages::job::runs::{alive_flag, run_badge};
use crate::run_labels;

/// The run of an accepted restore.
#[component]
pub fn RestoreProgress(queued: RestoreQueued) -> impl IntoView {
    let id = queued.run.id;
    let run = RwSignal::new(queued.run);
    let alive = alive_flag();
    spawn_local(async move {
        while run.with_untracked(run_labels::unfinished) {
            runs::sleep(1000).await;
            if !alive.load(Ordering::Relaxed) {
                return;
            }
            if let Ok(r) = runs::run(id).await {
                run.try_set(r);
            }
        }
    });
    let progress = Memo::new(move |_| {
        run.with(|r| {
            run_labels::unfinished(r)
                .then(|| r.progress.clone())
                .flatten()
        })
    });
    let state = move || {
        if run.with(run_labels::unfinished) {
            "unfinished"
        } else {
            "finished"
        }
    };
    view! {
        <section class="restore-queued" id="restore-queued" data-run-id=id.to_string() data-state=state>
            <p>
                {fl!(LOADER, "restore-queued", destination = queued.destination)}" "
                <a id="restore-run-link" href=crate::paths::href(&format!("/runs/{id}"))>{fl!(LOADER, "restore-run-link")}</a>
            </p>
            <p id="restore-run-result">{move || run.with(run_badge)}</p>
            <Show when=move || progress.with(Option::is_some)>
                {progress_bar(progress, "restore-progress")}
            </Show>
            <RunAnnouncer id="restore-announce" run=Signal::derive(move || Some(run.get())) />
        </section>
    }
}
