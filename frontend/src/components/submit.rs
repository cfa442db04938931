//! Sending a form by hand (the forms that are not entity forms): the sending state and the
//! primary submit button, disabled and saying so while the form is sent.

use std::future::Future;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{ApiResult, Failure};
use crate::state::{use_session, Session};

/// The state of a form sent by hand: the last failure and whether a request is under way.
/// Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct Sending {
    /// Why the last request failed.
    pub failure: RwSignal<Option<Failure>>,
    /// True while a request is under way.
    pub pending: RwSignal<bool>,
    session: Session,
}

impl Default for Sending {
    fn default() -> Self {
        Self::new()
    }
}

impl Sending {
    /// Nothing sent yet. Call it where the session is provided (a component).
    pub fn new() -> Self {
        Sending {
            failure: RwSignal::new(None),
            pending: RwSignal::new(false),
            session: use_session(),
        }
    }

    /// Takes over a submit event: the browser does not send the form, and a second submit
    /// while a request is under way is refused (false). Else forgets the last failure.
    pub fn begin(self, ev: &SubmitEvent) -> bool {
        ev.prevent_default();
        if self.pending.get_untracked() {
            return false;
        }
        self.failure.set(None);
        true
    }

    /// Sends `request`, pending meanwhile: its answer goes to `done`; a failure is kept
    /// (after going back to the login page if the session is gone).
    pub fn send<T: 'static>(
        self,
        request: impl Future<Output = ApiResult<T>> + 'static,
        done: impl FnOnce(T) + 'static,
    ) {
        self.pending.set(true);
        spawn_local(async move {
            match request.await {
                Ok(answer) => done(answer),
                Err(err) => self.failure.set(Some(self.session.check_failure(err))),
            }
            self.pending.set(false);
        });
    }
}

/// `<button type="submit" class="button button-primary">` showing `busy` while `pending`
/// (and refusing a second click then), else `idle`.
#[component]
pub fn SubmitButton(
    /// The element id (`password-submit`).
    id: &'static str,
    /// Whether the form is being sent.
    #[prop(into)]
    pending: Signal<bool>,
    /// The label at rest (`|| fl!(LOADER, "save")`).
    idle: fn() -> String,
    /// The label while sending (`|| fl!(LOADER, "saving")`).
    busy: fn() -> String,
) -> impl IntoView {
    view! {
        <button id=id type="submit" class="button button-primary" disabled=move || pending.get()>
            {move || if pending.get() { busy() } else { idle() }}
        </button>
    }
}
