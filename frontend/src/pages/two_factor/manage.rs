//! With two-factor sign-in on: new recovery codes (after a code), and turning it off
//! (after the password and a code).

use i18n_embed_fl::fl;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::two_factor::TotpDisable;

use super::setup::{code_error, general_error, wrong_password};
use crate::api;
use crate::components::feedback::{Alert, AlertKind};
use crate::components::fields::TextField;
use crate::components::submit::{Sending, SubmitButton};
use crate::i18n::LOADER;
use crate::state::use_session;

/// "New recovery codes": a code, then the new codes in `codes`.
#[component]
pub fn RenewForm(codes: RwSignal<Option<Vec<String>>>, changed: Callback<()>) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let sending = Sending::new();
    let (failure, pending) = (sending.failure, sending.pending);
    let submit = move |ev: SubmitEvent| {
        if !sending.begin(&ev) {
            return;
        }
        let typed = code.get_untracked().trim().to_owned();
        sending.send(
            async move { api::two_factor::renew_recovery_codes(typed).await },
            move |made| {
                code.set(String::new());
                codes.set(Some(made.codes));
                changed.run(());
            },
        );
    };
    view! {
        <section class="panel" aria-labelledby="totp-renew-title">
            <h2 id="totp-renew-title">{move || fl!(LOADER, "totp-renew-title")}</h2>
            <p>{move || fl!(LOADER, "totp-renew-text")}</p>
            <Alert id="totp-renew-error" kind=AlertKind::Error message=general_error(failure) />
            <form id="totp-renew-form" class="form" novalidate on:submit=submit>
                <TextField id="totp-renew-code" label=Signal::derive(|| fl!(LOADER, "login-code")) value=code
                    error=code_error(failure) autocomplete="one-time-code" maxlength=24 class="input-short" />
                <div class="form-actions">
                    <SubmitButton id="totp-renew" pending=pending idle=|| fl!(LOADER, "totp-renew") busy=|| fl!(LOADER, "saving") />
                </div>
            </form>
        </section>
    }
}

/// "Turn off": the password and a code.
#[component]
pub fn DisableForm(changed: Callback<()>) -> impl IntoView {
    let session = use_session();
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let sending = Sending::new();
    let (failure, pending) = (sending.failure, sending.pending);
    let submit = move |ev: SubmitEvent| {
        if !sending.begin(&ev) {
            return;
        }
        let body = TotpDisable {
            password: password.get_untracked(),
            code: code.get_untracked().trim().to_owned(),
        };
        sending.send(
            async move { api::two_factor::disable(&body).await },
            move |()| {
                session.user.update(|u| {
                    if let Some(me) = u {
                        me.two_factor = false;
                    }
                });
                changed.run(());
            },
        );
    };
    let wrong = wrong_password(failure);
    view! {
        <section class="panel" aria-labelledby="totp-off-title">
            <h2 id="totp-off-title">{move || fl!(LOADER, "totp-disable-title")}</h2>
            <p>{move || fl!(LOADER, "totp-disable-text")}</p>
            <Alert id="totp-disable-error" kind=AlertKind::Error message=general_error(failure) />
            <form id="totp-disable-form" class="form" novalidate on:submit=submit>
                <TextField id="totp-disable-password" label=Signal::derive(|| fl!(LOADER, "password-current")) input_type="password"
                    autocomplete="current-password" value=password error=wrong />
                <TextField id="totp-disable-code" label=Signal::derive(|| fl!(LOADER, "login-code")) value=code
                    error=code_error(failure) autocomplete="one-time-code" maxlength=24 class="input-short" />
                <div class="form-actions">
                    <button id="totp-disable" type="submit" class="button button-danger" disabled=move || pending.get()>
                        {move || fl!(LOADER, "totp-disable")}
                    </button>
                </div>
            </form>
        </section>
    }
}
