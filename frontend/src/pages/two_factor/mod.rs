//! Two-factor sign-in (`/two-factor`): its state, setting it up (password, QR code, first
//! code), the recovery codes shown once, new recovery codes, turning it off. An
//! administrator held to setting it up (the settings require it) lands here.

mod codes;
mod manage;
mod setup;

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::two_factor::TotpStatus;

use crate::api::{self, Failure};
use crate::components::feedback::{Alert, AlertKind};
use crate::components::help::{HelpItem, HelpPanel};
use crate::components::page::{Loading, PageTitle};
use crate::i18n::LOADER;
use crate::scaffold::loaded::use_loaded;
use crate::state::use_session;
use codes::RecoveryCodesPanel;
use manage::{DisableForm, RenewForm};
use setup::Setup;

/// The two-factor page.
#[component]
pub fn TwoFactorPage() -> impl IntoView {
    let session = use_session();
    let reload = RwSignal::new(0u32);
    let loaded = use_loaded(
        move || {
            reload.track();
            api::two_factor::status()
        },
        |_| {},
    );
    let (status, failure) = (loaded.data, loaded.failure);
    // Recovery codes just made, shown until the user says they are saved.
    let codes = RwSignal::new(None::<Vec<String>>);
    let changed = Callback::new(move |()| reload.update(|n| *n += 1));
    let held = Signal::derive(move || {
        session
            .user
            .with(|u| u.as_ref().is_some_and(|me| me.two_factor_setup_required))
    });
    let error = Signal::derive(move || failure.with(|f| f.as_ref().map(Failure::message)));
    let held_text = Signal::derive(move || held.get().then(|| fl!(LOADER, "totp-held")));

    view! {
        <PageTitle title=Signal::derive(move || fl!(LOADER, "nav-two-factor")) />
        <p class="lead">{move || fl!(LOADER, "totp-intro")}</p>
        <Alert id="totp-held" kind=AlertKind::Warning message=held_text />
        <Alert id="totp-error" kind=AlertKind::Error message=error />
        {move || codes.get().map(|list| view! {
            <RecoveryCodesPanel codes=list on_done=Callback::new(move |()| codes.set(None)) />
        })}
        <div class="form-page">
        <div class="form-column">
        {move || match status.get() {
            None => view! { <Loading /> }.into_any(),
            Some(st) if !st.enabled => view! {
                <Setup codes=codes changed=changed />
            }.into_any(),
            Some(st) => view! { <Enabled status=st codes=codes changed=changed /> }.into_any(),
        }}
        </div>
        <HelpPanel id="totp-help">
            <HelpItem term=Signal::derive(move || fl!(LOADER, "totp-help-app-term")) text=Signal::derive(move || fl!(LOADER, "totp-help-app")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "totp-recovery-title")) text=Signal::derive(move || fl!(LOADER, "totp-help-recovery")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "totp-help-lost-term")) text=Signal::derive(move || fl!(LOADER, "totp-help-lost")) />
        </HelpPanel>
        </div>
    }
}

/// Two-factor sign-in is on: since when, the recovery codes left, and what can be done.
#[component]
fn Enabled(
    status: TotpStatus,
    codes: RwSignal<Option<Vec<String>>>,
    changed: Callback<()>,
) -> impl IntoView {
    let since = status
        .enabled_at
        .map(|t| crate::i18n::format_time(&t))
        .unwrap_or_default();
    let left = status.recovery_codes_left;
    view! {
        <section class="panel" aria-labelledby="totp-on-title">
            <h2 id="totp-on-title">{move || fl!(LOADER, "totp-on-title")}</h2>
            <p id="totp-state" class="strong">
                {move || fl!(LOADER, "totp-on-since", since = since.clone())}
            </p>
            <p id="totp-codes-left">{move || fl!(LOADER, "totp-codes-left", count = left)}</p>
        </section>
        <RenewForm codes=codes changed=changed />
        {if status.required {
            view! {
                <p id="totp-required" class="muted">{move || fl!(LOADER, "totp-required-note")}</p>
            }
            .into_any()
        } else {
            view! { <DisableForm changed=changed /> }.into_any()
        }}
    }
}
