//! Setting two-factor sign-in up: the password, then the QR code (and the secret, to type
//! into the app by hand) and a first code, which turns it on.

use i18n_embed_fl::fl;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::two_factor::TotpSetup;
use shared::ErrorCode;

use crate::api::{self, Failure};
use crate::components::copy::CopyBox;
use crate::components::feedback::{Alert, AlertKind};
use crate::components::fields::TextField;
use crate::components::submit::{Sending, SubmitButton};
use crate::i18n::{self, LOADER};
use crate::state::use_session;

/// The two steps of the set-up; `codes` receives the recovery codes.
#[component]
pub fn Setup(codes: RwSignal<Option<Vec<String>>>, changed: Callback<()>) -> impl IntoView {
    let secret = RwSignal::new(None::<TotpSetup>);
    view! {
        <section class="panel" aria-labelledby="totp-setup-title">
            <h2 id="totp-setup-title">{move || fl!(LOADER, "totp-setup-title")}</h2>
            <p id="totp-off" class="strong">{move || fl!(LOADER, "totp-off")}</p>
            {move || match secret.get() {
                None => view! { <PasswordStep secret=secret /> }.into_any(),
                Some(setup) => view! { <ConfirmStep setup=setup codes=codes changed=changed /> }.into_any(),
            }}
        </section>
    }
}

/// The password, which starts the set-up.
#[component]
fn PasswordStep(secret: RwSignal<Option<TotpSetup>>) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let sending = Sending::new();
    let (failure, pending) = (sending.failure, sending.pending);
    let submit = move |ev: SubmitEvent| {
        if !sending.begin(&ev) {
            return;
        }
        let pw = password.get_untracked();
        sending.send(async move { api::two_factor::setup(pw).await }, move |s| {
            password.set(String::new());
            secret.set(Some(s));
        });
    };
    let wrong = wrong_password(failure);
    let error = general_error(failure);
    view! {
        <Alert id="totp-setup-error" kind=AlertKind::Error message=error />
        <form id="totp-setup-form" class="form" novalidate on:submit=submit>
            <TextField id="totp-password" label=Signal::derive(|| fl!(LOADER, "password-current")) input_type="password"
                autocomplete="current-password" value=password error=wrong
                help=Signal::derive(|| fl!(LOADER, "totp-password-help")) />
            <div class="form-actions">
                <SubmitButton id="totp-setup-start" pending=pending idle=|| fl!(LOADER, "totp-setup-start") busy=|| fl!(LOADER, "saving") />
            </div>
        </form>
    }
}

/// The QR code, the secret, and the first code.
#[component]
fn ConfirmStep(
    setup: TotpSetup,
    codes: RwSignal<Option<Vec<String>>>,
    changed: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let code = RwSignal::new(String::new());
    let sending = Sending::new();
    let (failure, pending) = (sending.failure, sending.pending);
    let submit = move |ev: SubmitEvent| {
        if !sending.begin(&ev) {
            return;
        }
        let typed = code.get_untracked().trim().to_owned();
        sending.send(
            async move { api::two_factor::confirm(typed).await },
            move |made| {
                session.user.update(|u| {
                    if let Some(me) = u {
                        me.two_factor = true;
                        me.two_factor_setup_required = false;
                    }
                });
                codes.set(Some(made.codes));
                changed.run(());
            },
        );
    };
    let code_error = code_error(failure);
    let error = general_error(failure);
    let TotpSetup {
        secret, qr_code, ..
    } = setup;
    view! {
        <ol class="steps">
            <li>{move || fl!(LOADER, "totp-step-scan")}</li>
            <li>{move || fl!(LOADER, "totp-step-code")}</li>
        </ol>
        // A data: URL made by the server from our own address: an image, never markup.
        <img id="totp-qr" class="qr-code" src=qr_code width="220" height="220"
            alt=move || fl!(LOADER, "totp-qr-alt") />
        <CopyBox id="totp-secret" label=Signal::derive(|| fl!(LOADER, "totp-secret-label"))
            text=Signal::derive(move || grouped(&secret)) rows=2 />
        <Alert id="totp-confirm-error" kind=AlertKind::Error message=error />
        <form id="totp-confirm-form" class="form" novalidate on:submit=submit>
            <TextField id="totp-code" label=Signal::derive(|| fl!(LOADER, "login-code")) value=code error=code_error
                autocomplete="one-time-code" maxlength=12 class="input-short" />
            <div class="form-actions">
                <SubmitButton id="totp-confirm" pending=pending idle=|| fl!(LOADER, "totp-confirm") busy=|| fl!(LOADER, "saving") />
            </div>
        </form>
    }
}

/// A base32 secret in groups of four, as it is read out and typed (apps ignore spaces).
fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The problem with the `code` field, in words.
pub(super) fn code_error(failure: RwSignal<Option<Failure>>) -> Signal<Option<String>> {
    Signal::derive(move || failure.with(|f| f.as_ref()?.field("code").map(i18n::field_error_text)))
}

/// A wrong password, as the password field's problem.
pub(super) fn wrong_password(failure: RwSignal<Option<Failure>>) -> Signal<Option<String>> {
    Signal::derive(move || {
        failure.with(|f| {
            f.as_ref()
                .filter(|f| f.code == Some(ErrorCode::InvalidCredentials))
                .map(|_| fl!(LOADER, "password-wrong-current"))
        })
    })
}

/// A problem that belongs to no field (nor to the password).
pub(super) fn general_error(failure: RwSignal<Option<Failure>>) -> Signal<Option<String>> {
    Signal::derive(move || {
        failure.with(|f| {
            f.as_ref()
                .filter(|f| f.fields.is_empty() && f.code != Some(ErrorCode::InvalidCredentials))
                .map(Failure::message)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn secrets_are_shown_in_groups_of_four() {
        assert_eq!(grouped("ABCDEFGHIJ"), "ABCD EFGH IJ");
        assert_eq!(grouped(""), "");
    }
}
