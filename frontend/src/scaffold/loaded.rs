//! A list that loads again when what it depends on changes, and keeps the last one on
//! screen meanwhile and after a failed reload: a `LocalResource` (which drops the answers
//! of superseded requests) whose answers go to two signals; and the tick that polls it.

use std::future::Future;

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::runs::sleep;
use crate::api::{ApiResult, Failure};
use crate::components::page::Loading;
use crate::i18n::LOADER;
use crate::state::use_session;

/// The last value loaded and why the last load failed. Cheap to copy.
pub struct Loaded<T: Send + Sync + 'static> {
    /// The last value; `None` until the first answer.
    pub data: RwSignal<Option<T>>,
    /// Why the last load failed; cleared by a success.
    pub failure: RwSignal<Option<Failure>>,
}

impl<T: Send + Sync + 'static> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Loaded<T> {}

/// Loads with `fetch`, again whenever a signal it reads (before its `async` part) changes.
/// `on_answer` sees each answer first: `Some` on success, `None` on failure.
pub fn use_loaded<T, Fut>(
    fetch: impl Fn() -> Fut + 'static,
    on_answer: impl Fn(Option<&T>) + 'static,
) -> Loaded<T>
where
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = ApiResult<T>> + 'static,
{
    let session = use_session();
    let this = Loaded {
        data: RwSignal::new(None),
        failure: RwSignal::new(None),
    };
    let fetched = LocalResource::new(fetch);
    Effect::new(move |_| {
        let Some(answer) = fetched.get() else { return };
        untrack(|| match answer {
            Ok(value) => {
                on_answer(Some(&value));
                this.failure.set(None);
                this.data.set(Some(value));
            }
            Err(f) => {
                on_answer(None);
                this.failure.set(Some(session.check_failure(f)));
            }
        });
    });
    this
}

/// A tick a loader tracks to fetch again a second after an answer, while what it shows
/// goes on. Cheap to copy.
#[derive(Clone, Copy)]
pub struct Poll {
    tick: RwSignal<u32>,
    waiting: StoredValue<bool>,
}

impl Default for Poll {
    fn default() -> Self {
        Self::new()
    }
}

impl Poll {
    /// Not waiting.
    pub fn new() -> Self {
        Poll {
            tick: RwSignal::new(0),
            waiting: StoredValue::new(false),
        }
    }

    /// Makes the calling loader fetch again when the tick comes; the tick's number tells
    /// a new answer from one seen already.
    pub fn track(self) -> u32 {
        self.tick.get()
    }

    /// Ticks in a second, unless a tick is already on its way.
    pub fn again(self) {
        if self.waiting.get_value() {
            return;
        }
        self.waiting.set_value(true);
        spawn_local(async move {
            sleep(1000).await;
            // The page may be gone (e.g. after following "Browse"): nothing to update.
            if self.waiting.try_set_value(false).is_none() {
                self.tick.try_update(|n| *n += 1);
            }
        });
    }
}

/// A panel's table of loaded rows: "loading" until the first answer, a text instead of an
/// empty table, else the table with its headings, the rows and what follows (a pager).
#[component]
pub fn LoadedTable(
    /// The table's id; the empty text's id is `empty_id`.
    table_id: &'static str,
    empty_id: &'static str,
    /// The text shown when there are no rows.
    empty_text: fn() -> String,
    /// Whether there are rows to show.
    #[prop(into)]
    has_items: Signal<bool>,
    /// Whether the first answer (or a failure) came.
    #[prop(into)]
    answered: Signal<bool>,
    /// The column headings, but for the actions column.
    columns: fn() -> Vec<String>,
    /// What follows the table (a pager).
    #[prop(optional, into)]
    after: Option<ViewFn>,
    /// The rows.
    children: ChildrenFn,
) -> impl IntoView {
    let session = use_session();
    let headings = move || {
        session.language.track();
        columns()
            .into_iter()
            .map(|c| view! { <th scope="col">{c}</th> })
            .collect_view()
    };
    view! {
        <Show
            when=move || has_items.get()
            fallback=move || match answered.get() {
                true => view! { <p class="empty" id=empty_id>{move || empty_text()}</p> }.into_any(),
                false => view! { <Loading /> }.into_any(),
            }
        >
            <div class="table-wrap" tabindex="0">
                <table class="table" id=table_id>
                    <thead>
                        <tr>
                            {headings}
                            <th scope="col"><span class="visually-hidden">{move || fl!(LOADER, "col-actions")}</span></th>
                        </tr>
                    </thead>
                    <tbody>{children()}</tbody>
                </table>
            </div>
            {after.as_ref().map(ViewFn::run)}
        </Show>
    }
}
