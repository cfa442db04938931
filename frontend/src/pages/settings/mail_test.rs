//! The settings page's mail test: sends a real mail with the saved settings to an
//! address and shows the mail server's answer, or the exact error.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::notifications::DeliveryReport;

use crate::api::notifications::mail_test;
use crate::components::feedback::{Alert, AlertKind};
use crate::components::fields::TextField;
use crate::i18n::LOADER;
use crate::state::use_session;

/// The address box and the "send a test mail" button, under the mail settings.
#[component]
pub fn MailTestBox() -> impl IntoView {
    let session = use_session();
    let to = RwSignal::new(
        session
            .user
            .get_untracked()
            .and_then(|me| me.email)
            .unwrap_or_default(),
    );
    let sending = RwSignal::new(false);
    let report = RwSignal::new(None::<DeliveryReport>);
    let failure = RwSignal::new(None::<crate::api::Failure>);
    let send = move |_| {
        sending.set(true);
        report.set(None);
        failure.set(None);
        let address = to.get_untracked().trim().to_owned();
        spawn_local(async move {
            match mail_test(&address).await {
                Ok(r) => report.set(Some(r)),
                Err(f) => failure.set(Some(session.check_failure(f))),
            }
            sending.set(false);
        });
    };
    let field_error = Signal::derive(move || {
        failure.with(|f| {
            f.as_ref()
                .and_then(|f| f.field("to").map(|e| e.message.clone()))
        })
    });
    let other_error = Signal::derive(move || {
        failure.with(|f| {
            f.as_ref()
                .filter(|f| f.field("to").is_none())
                .map(crate::api::Failure::message)
        })
    });
    let delivered = Signal::derive(move || {
        report.with(|r| {
            r.as_ref().filter(|r| r.delivered).map(|r| {
                fl!(
                    LOADER,
                    "settings-mail-test-sent",
                    reply = r.reply.clone().unwrap_or_default()
                )
            })
        })
    });
    let refused = Signal::derive(move || {
        report.with(|r| {
            r.as_ref().filter(|r| !r.delivered).map(|r| {
                fl!(
                    LOADER,
                    "settings-mail-test-failed",
                    error = r.error.clone().unwrap_or_default()
                )
            })
        })
    });
    view! {
        <div class="mail-test" id="mail-test">
            <TextField id="mail-test-to" label=Signal::derive(move || fl!(LOADER, "settings-mail-test-to"))
                value=to error=field_error input_type="email" autocomplete="email"
                help=Signal::derive(move || fl!(LOADER, "settings-mail-test-hint")) />
            <button type="button" class="button" id="mail-test-send" on:click=send
                disabled=move || sending.get() || to.with(|t| t.trim().is_empty())>
                {move || if sending.get() { fl!(LOADER, "settings-mail-test-sending") } else { fl!(LOADER, "settings-mail-test-send") }}
            </button>
            <Alert id="mail-test-ok" kind=AlertKind::Success message=delivered />
            <Alert id="mail-test-error" kind=AlertKind::Error message=Signal::derive(move || refused.get().or_else(|| other_error.get())) />
        </div>
    }
}
