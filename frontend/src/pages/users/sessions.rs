//! "Sign out everywhere" on a user's page (administrators): ends every session of the
//! user after a confirmation; their API tokens keep working.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::confirm::InlineConfirm;
use crate::components::feedback::{Alert, AlertKind};
use crate::i18n::LOADER;
use crate::state::use_session;

/// The button, its confirmation and its outcome, for user `id`.
#[component]
pub fn EndSessions(id: i64) -> impl IntoView {
    let session = use_session();
    let asking = RwSignal::new(false);
    let done = RwSignal::new(None::<String>);
    let failed = RwSignal::new(None::<String>);
    let end = move |()| {
        failed.set(None);
        spawn_local(async move {
            match api::end_user_sessions(id).await {
                Ok(()) => {
                    asking.set(false);
                    done.set(Some(fl!(LOADER, "users-sessions-ended")));
                }
                Err(err) => failed.set(Some(session.check_failure(err).message())),
            }
        });
    };
    view! {
        <div class="end-sessions">
            <Alert id="user-sessions-ended" kind=AlertKind::Success message=done />
            <Alert id="user-sessions-error" kind=AlertKind::Error message=failed />
            {move || if asking.get() {
                view! {
                    <InlineConfirm
                        question=Signal::derive(|| fl!(LOADER, "users-end-sessions-confirm"))
                        yes=Signal::derive(|| fl!(LOADER, "users-end-sessions-yes"))
                        on_yes=Callback::new(end)
                        on_cancel=Callback::new(move |()| asking.set(false))
                        id="user-end-sessions"
                    />
                }
                .into_any()
            } else {
                view! {
                    <button type="button" class="button" id="user-end-sessions" on:click=move |_| { done.set(None); asking.set(true) }>
                        {move || fl!(LOADER, "users-end-sessions")}
                    </button>
                }
                .into_any()
            }}
        </div>
    }
}
