//! A list that loads again when what it depends on changes, and keeps the last one on
//! screen meanwhile and after a failed reload: a `LocalResource` (which drops the answers
//! of superseded requests) whose answers go to two signals.

use std::future::Future;

use leptos::prelude::*;

use crate::api::{ApiResult, Failure};
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
