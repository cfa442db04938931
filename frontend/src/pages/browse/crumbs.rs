//! The breadcrumbs above a listing: the snapshot root (job name and snapshot time), then
//! each directory down to the one shown, every step a link; and the root crumb's text.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::jobs::Job;
use shared::runs::Snapshot;

use super::path::{browse_address, crumbs};
use crate::i18n::{self, LOADER};
use crate::state::use_session;

/// The trail to directory `path` of snapshot `id`; `root` names the snapshot.
#[component]
pub fn Breadcrumbs(
    id: i64,
    #[prop(into)] root: Signal<String>,
    #[prop(into)] path: Signal<String>,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    let steps = move || {
        let all = crumbs(&path.get());
        let last = all.len();
        all.into_iter()
            .enumerate()
            .map(|(i, c)| {
                let current = i + 1 == last;
                view! {
                    <li>
                        <a
                            href=crate::paths::href(&browse_address(id, &c.path, "", 1, ""))
                            data-testid="crumb"
                            data-path=c.path.clone()
                            aria-current=current.then_some("page")
                        >
                            {c.name}
                        </a>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <nav class="crumbs" id="browse-crumbs" aria-label=move || label.get()>
            <ol>
                <li>
                    <a
                        href=crate::paths::href(&browse_address(id, "", "", 1, ""))
                        data-testid="crumb-root"
                        aria-current=move || path.with(String::is_empty).then_some("page")
                    >
                        {move || root.get()}
                    </a>
                </li>
                {steps}
            </ol>
        </nav>
    }
}

/// The first crumb's text: `root`, or the snapshot's number until its header has loaded
/// (a link must never be without text).
pub fn root_crumb(id: i64, root: Signal<String>) -> Signal<String> {
    Signal::derive(move || {
        let name = root.get();
        if name.is_empty() {
            fl!(LOADER, "browse-root-pending", id = id)
        } else {
            name
        }
    })
}

/// The breadcrumbs' first crumb: the job's name and the snapshot's time.
pub fn root_name(snapshot: Signal<Option<Snapshot>>, job: Signal<Option<Job>>) -> Signal<String> {
    let session = use_session();
    Signal::derive(move || {
        session.language.track();
        let name = job.with(|j| j.as_ref().map(|j| j.name.clone()).unwrap_or_default());
        let time = snapshot
            .with(|s| s.as_ref().map(|s| i18n::format_time(&s.taken_at)))
            .unwrap_or_default();
        if name.is_empty() {
            time
        } else {
            format!("{name} / {time}")
        }
    })
}
