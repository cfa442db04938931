//! Change password (`/password`): current, new and repeated new password. The repeat is
//! checked here; the rest (wrong current password, too short) comes from the API.

use i18n_embed_fl::fl;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{ChangePassword, ErrorCode, FieldError as ApiFieldError};

use crate::api::{self, Failure};
use crate::components::feedback::{Alert, AlertKind, FieldError};
use crate::components::help::{HelpItem, HelpPanel};
use crate::components::page::PageTitle;
use crate::i18n::{self, LOADER};
use crate::state::use_session;

/// The change-password form.
#[component]
pub fn PasswordPage() -> impl IntoView {
    let session = use_session();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let mismatch = RwSignal::new(false);
    let failure = RwSignal::new(None::<Failure>);
    let changed = RwSignal::new(false);
    let pending = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        failure.set(None);
        changed.set(false);
        if new.get_untracked() != repeat.get_untracked() {
            mismatch.set(true);
            return;
        }
        mismatch.set(false);
        pending.set(true);
        let body = ChangePassword {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        spawn_local(async move {
            match api::change_password(&body).await {
                Ok(()) => {
                    for field in [current, new, repeat] {
                        field.set(String::new());
                    }
                    changed.set(true);
                }
                Err(err) => failure.set(Some(session.check_failure(err))),
            }
            pending.set(false);
        });
    };

    let current_error = Signal::derive(move || {
        failure.with(|f| {
            let f = f.as_ref()?;
            let wrong = f.code == Some(ErrorCode::InvalidCredentials);
            let field = f.field("current_password");
            (wrong || field.is_some()).then(|| fl!(LOADER, "password-wrong-current"))
        })
    });
    let new_error = Signal::derive(move || {
        failure.with(|f| f.as_ref()?.field("new_password").map(new_password_text))
    });
    let repeat_error =
        Signal::derive(move || mismatch.get().then(|| fl!(LOADER, "password-mismatch")));
    let general_error = Signal::derive(move || {
        failure.with(|f| {
            f.as_ref()
                .filter(|f| f.fields.is_empty() && f.code != Some(ErrorCode::InvalidCredentials))
                .map(Failure::message)
        })
    });
    let success = Signal::derive(move || changed.get().then(|| fl!(LOADER, "password-changed")));
    let username = move || {
        session
            .user
            .with(|u| u.as_ref().map(|me| me.username.clone()))
            .unwrap_or_default()
    };
    let invalid = |error: Signal<Option<String>>| move || error.get().is_some().to_string();

    view! {
        <PageTitle title=Signal::derive(move || fl!(LOADER, "nav-password")) />
        <div class="form-page">
        <section class="panel form-column">
            <Alert id="password-error" kind=AlertKind::Error message=general_error />
            <Alert id="password-success" kind=AlertKind::Success message=success />
            <form id="password-form" class="form" novalidate on:submit=submit>
                // For password managers, which file the new password under this name.
                <input
                    type="text"
                    class="visually-hidden"
                    autocomplete="username"
                    tabindex="-1"
                    aria-hidden="true"
                    readonly
                    prop:value=username
                />
                <div class="field">
                    <label for="password-current">{move || fl!(LOADER, "password-current")}</label>
                    <input
                        id="password-current"
                        type="password"
                        autocomplete="current-password"
                        aria-describedby="password-current-error"
                        aria-invalid=invalid(current_error)
                        bind:value=current
                    />
                    <FieldError id="password-current-error" message=current_error />
                </div>
                <div class="field">
                    <label for="password-new">{move || fl!(LOADER, "password-new")}</label>
                    <input
                        id="password-new"
                        type="password"
                        autocomplete="new-password"
                        aria-describedby="password-new-help password-new-error"
                        aria-invalid=invalid(new_error)
                        bind:value=new
                    />
                    <p class="field-help" id="password-new-help">
                        {move || fl!(LOADER, "password-help")}
                    </p>
                    <FieldError id="password-new-error" message=new_error />
                </div>
                <div class="field">
                    <label for="password-repeat">{move || fl!(LOADER, "password-repeat")}</label>
                    <input
                        id="password-repeat"
                        type="password"
                        autocomplete="new-password"
                        aria-describedby="password-repeat-error"
                        aria-invalid=invalid(repeat_error)
                        bind:value=repeat
                    />
                    <FieldError id="password-repeat-error" message=repeat_error />
                </div>
                <div class="form-actions">
                    <button
                        id="password-submit"
                        type="submit"
                        class="button button-primary"
                        disabled=move || pending.get()
                    >
                        {move || {
                            if pending.get() { fl!(LOADER, "saving") } else { fl!(LOADER, "password-submit") }
                        }}
                    </button>
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

/// The message for a problem with the new password: the length rule when it is too
/// short, else the generic text for the field's code.
fn new_password_text(error: &ApiFieldError) -> String {
    match error.code.as_str() {
        "too_short" | "length" | "min_length" => fl!(LOADER, "password-too-short"),
        _ => i18n::field_error_text(error),
    }
}
