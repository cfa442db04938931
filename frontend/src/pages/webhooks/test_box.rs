//! The webhook form's test: posts a test body to the saved webhook now and shows what it
//! answered, or the exact error.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::notifications::DeliveryReport;

use crate::api::notifications::test_webhook;
use crate::api::Failure;
use crate::components::feedback::{Alert, AlertKind};
use crate::i18n::LOADER;
use crate::state::use_session;

/// The "send a test" panel of webhook `id` (uses the saved address and secret).
#[component]
pub fn WebhookTestBox(id: i64) -> impl IntoView {
    let session = use_session();
    let sending = RwSignal::new(false);
    let report = RwSignal::new(None::<DeliveryReport>);
    let failure = RwSignal::new(None::<Failure>);
    let send = move |_| {
        sending.set(true);
        report.set(None);
        failure.set(None);
        spawn_local(async move {
            match test_webhook(id).await {
                Ok(r) => report.set(Some(r)),
                Err(f) => failure.set(Some(session.check_failure(f))),
            }
            sending.set(false);
        });
    };
    let delivered = Signal::derive(move || {
        report.with(|r| {
            r.as_ref().filter(|r| r.delivered).map(|r| {
                fl!(
                    LOADER,
                    "webhook-test-sent",
                    reply = r.reply.clone().unwrap_or_default()
                )
            })
        })
    });
    let refused = Signal::derive(move || {
        let refused = report.with(|r| {
            r.as_ref().filter(|r| !r.delivered).map(|r| {
                fl!(
                    LOADER,
                    "webhook-test-failed",
                    error = r.error.clone().unwrap_or_default()
                )
            })
        });
        refused.or_else(|| failure.with(|f| f.as_ref().map(Failure::message)))
    });
    view! {
        <section class="panel" aria-labelledby="webhook-test-title">
            <h2 id="webhook-test-title">{move || fl!(LOADER, "webhook-test-title")}</h2>
            <div class="mail-test" id="webhook-test">
                <p class="field-help">{move || fl!(LOADER, "webhook-test-hint")}</p>
                <button type="button" class="button" id="webhook-test-send" on:click=send disabled=move || sending.get()>
                    {move || if sending.get() { fl!(LOADER, "webhook-test-sending") } else { fl!(LOADER, "webhook-test-send") }}
                </button>
                <Alert id="webhook-test-ok" kind=AlertKind::Success message=delivered />
                <Alert id="webhook-test-error" kind=AlertKind::Error message=refused />
            </div>
        </section>
    }
}
