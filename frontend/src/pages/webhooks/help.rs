//! The webhook form's help panel: what is posted, how it is signed, which services work.

use i18n_embed_fl::fl;
use leptos::prelude::*;

use crate::components::help::{HelpItem, HelpPanel};
use crate::i18n::LOADER;

/// What every field of the webhook form means, and what the webhook receives.
#[component]
pub fn WebhookHelp() -> impl IntoView {
    let t = |key: &'static str| Signal::derive(move || LOADER.get(key));
    view! {
        <HelpPanel id="webhook-help" intro=Signal::derive(move || fl!(LOADER, "webhook-help-intro"))>
                        <HelpItem term=t("webhook-url") text=t("webhook-help-url") />
            <HelpItem term=t("webhook-events") text=t("webhook-help-events") />
            <HelpItem term=t("webhook-help-body-term") text=t("webhook-help-body") />
            <HelpItem term=t("webhook-secret") text=t("webhook-help-secret") />
            <HelpItem term=t("webhook-help-services-term") text=t("webhook-help-services") />
            <HelpItem term=t("webhook-test-send") text=t("webhook-help-test") />
        </HelpPanel>
    }
}
