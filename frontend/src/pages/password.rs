//! Change password (`/password`): current, new and repeated new password. The repeat is
//! checked here; the rest (wrong current password, too short) comes from the API.

use i18n_embed_fl::fl;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::{ChangePassword, ErrorCode, FieldError as ApiFieldError};

use crate::api::{self, Failure};
use crate::components::feedback::{Alert, AlertKind};
use crate::components::fields::TextField;
use crate::components::help::{HelpItem, HelpPanel};
use crate::components::page::PageTitle;
use crate::components::submit::{Sending, SubmitButton};
use crate::i18n::{self, LOADER};
use crate::state::use_session;

/// The change-password form.
#[component]
pub fn PasswordPage() -> impl IntoView {
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let mismatch = RwSignal::new(false);
    let changed = RwSignal::new(false);
    let sending = Sending::new();
    let (failure, pending) = (sending.failure, sending.pending);

    let submit = move |ev: SubmitEvent| {
        if !sending.begin(&ev) {
            return;
        }
        changed.set(false);
        if new.get_untracked() != repeat.get_untracked() {
            mismatch.set(true);
            return;
        }
        mismatch.set(false);
        let body = ChangePassword {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        sending.send(
            async move { api::change_password(&body).await },
            move |()| {
                for field in [current, new, repeat] {
                    field.set(String::new());
                }
                changed.set(true);
            },
        );
    };

    let errors = PasswordErrors::new(failure, mismatch);
    let success = Signal::derive(move || changed.get().then(|| fl!(LOADER, "password-changed")));

    view! {
        <PageTitle title=Signal::derive(move || fl!(LOADER, "nav-password")) />
        <div class="form-page">
        <section class="panel form-column">
            <Alert id="password-error" kind=AlertKind::Error message=errors.general />
            <Alert id="password-success" kind=AlertKind::Success message=success />
            <form id="password-form" class="form" novalidate on:submit=submit>
                <UsernameHint />
                <TextField id="password-current" label=Signal::derive(|| fl!(LOADER, "password-current")) input_type="password" autocomplete="current-password" value=current error=errors.current />
                <TextField id="password-new" label=Signal::derive(|| fl!(LOADER, "password-new")) input_type="password" autocomplete="new-password" value=new error=errors.new
                    help=Signal::derive(|| fl!(LOADER, "password-help")) />
                <TextField id="password-repeat" label=Signal::derive(|| fl!(LOADER, "password-repeat")) input_type="password" autocomplete="new-password" value=repeat error=errors.repeat />
                <div class="form-actions">
                    <SubmitButton id="password-submit" pending=pending idle=|| fl!(LOADER, "password-submit") busy=|| fl!(LOADER, "saving") />
                </div>
            </form>
        </section>
        <HelpPanel id="password-help-panel">
            <HelpItem term=Signal::derive(move || fl!(LOADER, "password-current")) text=Signal::derive(move || fl!(LOADER, "password-help-current")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "password-new")) text=Signal::derive(move || fl!(LOADER, "password-help-new")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "password-repeat")) text=Signal::derive(move || fl!(LOADER, "password-help-repeat")) />
        </HelpPanel>
        </div>
    }
}

/// The problems to show: one per field, and the general one that belongs to no field.
#[derive(Clone, Copy)]
struct PasswordErrors {
    current: Signal<Option<String>>,
    new: Signal<Option<String>>,
    repeat: Signal<Option<String>>,
    general: Signal<Option<String>>,
}

impl PasswordErrors {
    /// A wrong current password is the current field's problem, not a general one.
    fn new(failure: RwSignal<Option<Failure>>, mismatch: RwSignal<bool>) -> Self {
        let current = Signal::derive(move || {
            failure.with(|f| {
                let f = f.as_ref()?;
                let wrong = f.code == Some(ErrorCode::InvalidCredentials);
                let field = f.field("current_password");
                (wrong || field.is_some()).then(|| fl!(LOADER, "password-wrong-current"))
            })
        });
        let new = Signal::derive(move || {
            failure.with(|f| f.as_ref()?.field("new_password").map(new_password_text))
        });
        let repeat =
            Signal::derive(move || mismatch.get().then(|| fl!(LOADER, "password-mismatch")));
        let general = Signal::derive(move || {
            failure.with(|f| {
                f.as_ref()
                    .filter(|f| {
                        f.fields.is_empty() && f.code != Some(ErrorCode::InvalidCredentials)
                    })
                    .map(Failure::message)
            })
        });
        Self {
            current,
            new,
            repeat,
            general,
        }
    }
}

/// The signed-in user's name in a hidden field, for password managers, which file the
/// new password under this name.
#[component]
fn UsernameHint() -> impl IntoView {
    let session = use_session();
    let username = move || session.username();
    view! {
        <input
            type="text"
            class="visually-hidden"
            autocomplete="username"
            tabindex="-1"
            aria-hidden="true"
            readonly
            prop:value=username
        />
    }
}

/// The message for a problem with the new password: the length rule when it is too
/// short, else the generic text for the field's code.
fn new_password_text(error: &ApiFieldError) -> String {
    match error.code.as_str() {
        "too_short" | "length" | "min_length" => fl!(LOADER, "password-too-short"),
        _ => i18n::field_error_text(error),
    }
}
