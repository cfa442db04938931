//! "Reset two-factor sign-in" on a user's page (administrators), for a lost phone: after
//! a confirmation the user signs in with their password alone until they set up a new
//! second factor. Shown only while the user has one.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::confirm::InlineConfirm;
use crate::components::feedback::{Alert, AlertKind};
use crate::i18n::LOADER;
use crate::state::use_session;

/// The button, its confirmation and its outcome, for user `id`; `on` says whether the
/// user has a second factor now.
#[component]
pub fn ResetTwoFactor(id: i64, #[prop(into)] on: Signal<bool>) -> impl IntoView {
    let session = use_session();
    let asking = RwSignal::new(false);
    let done = RwSignal::new(None::<String>);
    let failed = RwSignal::new(None::<String>);
    let reset = move |()| {
        failed.set(None);
        spawn_local(async move {
            match api::two_factor::reset(id).await {
                Ok(()) => {
                    asking.set(false);
                    done.set(Some(fl!(LOADER, "users-two-factor-reset-done")));
                }
                Err(err) => failed.set(Some(session.check_failure(err).message())),
            }
        });
    };
    let shown = move || on.get() && done.with(Option::is_none);
    view! {
        <div class="end-sessions">
            <Alert id="user-two-factor-reset-done" kind=AlertKind::Success message=done />
            <Alert id="user-two-factor-reset-error" kind=AlertKind::Error message=failed />
            <Show when=shown>
                {move || if asking.get() {
                    view! {
                        <InlineConfirm
                            question=Signal::derive(|| fl!(LOADER, "users-two-factor-reset-confirm"))
                            yes=Signal::derive(|| fl!(LOADER, "users-two-factor-reset-yes"))
                            on_yes=Callback::new(reset)
                            on_cancel=Callback::new(move |()| asking.set(false))
                            id="user-two-factor-reset"
                        />
                    }
                    .into_any()
                } else {
                    view! {
                        <button type="button" class="button" id="user-two-factor-reset" on:click=move |_| asking.set(true)>
                            {move || fl!(LOADER, "users-two-factor-reset")}
                        </button>
                    }
                    .into_any()
                }}
            </Show>
        </div>
    }
}
