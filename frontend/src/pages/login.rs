//! The login page (`/login`): username and password, the API's error as a localised
//! message, and the language switch. After signing in, goes to the page asked for in
//! `?next=` or to the main page.

use i18n_embed_fl::fl;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;
use shared::{ErrorCode, LoginRequest};

use crate::api::{self, Failure};
use crate::components::feedback::{Alert, AlertKind};
use crate::components::language::LanguageSelect;
use crate::components::page::PageTitle;
use crate::components::submit::Sending;
use crate::i18n::LOADER;
use crate::state::use_session;

/// The sign-in form.
#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let next = query.with_untracked(|q| safe_next(q.get("next").as_deref()));
    let signed_in = Memo::new(move |_| session.user.with(Option::is_some));

    view! {
        {move || signed_in.get().then(|| view! { <Redirect path=next.clone() /> })}
        <div class="login-page">
            <div class="login-top">
                <LanguageSelect />
            </div>
            <main id="main" class="login-main">
                <div class="login-card panel">
                    <p class="login-brand">{move || fl!(LOADER, "app-name")}</p>
                    <p class="login-subtitle">{move || fl!(LOADER, "login-subtitle")}</p>
                    <PageTitle title=Signal::derive(move || fl!(LOADER, "login-title")) />
                    <LoginForm />
                </div>
            </main>
        </div>
    }
}

/// The error, the username and password, and "Sign in"; a wrong password is emptied.
/// For an account with two-factor sign-in, the server's answer to the right password
/// brings a second step: the code from the app (or a recovery code), sent with them.
#[component]
fn LoginForm() -> impl IntoView {
    let session = use_session();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let asking_code = RwSignal::new(false);
    let sending = Sending::new();
    let (pending, failure) = (sending.pending, sending.failure);

    let submit = move |ev: SubmitEvent| {
        if !sending.begin(&ev) {
            return;
        }
        let body = LoginRequest {
            username: username.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            code: asking_code
                .get_untracked()
                .then(|| code.get_untracked().trim().to_owned()),
        };
        sending.send(
            async move {
                let answer = api::login(&body).await;
                if let Err(f) = &answer {
                    after_failure(f, password, code, asking_code);
                }
                answer
            },
            move |answer| session.signed_in(answer.user),
        );
    };

    view! {
        <Alert
            id="login-error"
            kind=AlertKind::Error
            message=Signal::derive(move || failure.with(|f| f.as_ref().map(login_error)))
        />
        <form id="login-form" class="form" on:submit=submit>
            {login_input("username", || fl!(LOADER, "login-username"), "text", "username", username)}
            {login_input("password", || fl!(LOADER, "login-password"), "password", "current-password", password)}
            <Show when=move || asking_code.get()>
                <CodeField code=code />
            </Show>
            <button
                id="login-submit"
                type="submit"
                class="button button-primary button-wide"
                disabled=move || pending.get()
            >
                {move || {
                    if pending.get() {
                        fl!(LOADER, "login-submitting")
                    } else {
                        fl!(LOADER, "login-submit")
                    }
                }}
            </button>
        </form>
    }
}

/// What a refused sign-in changes in the form: the right password of an account with a
/// second factor brings the code field; a wrong code is emptied; anything else empties
/// the password (and goes back to the first step).
fn after_failure(
    f: &Failure,
    password: RwSignal<String>,
    code: RwSignal<String>,
    asking_code: RwSignal<bool>,
) {
    match f.code {
        Some(ErrorCode::SecondFactorRequired) => asking_code.set(true),
        Some(ErrorCode::InvalidSecondFactor) => code.set(String::new()),
        _ => {
            password.set(String::new());
            code.set(String::new());
            asking_code.set(false);
        }
    }
}

/// The second step's field: the code from the app or a recovery code. It takes the focus
/// when it appears (the password is already typed).
#[component]
fn CodeField(code: RwSignal<String>) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
        }
    });
    view! {
        <div class="field">
            <label for="login-code">{move || fl!(LOADER, "login-code")}</label>
            <input
                id="login-code"
                name="code"
                type="text"
                inputmode="numeric"
                autocomplete="one-time-code"
                autocapitalize="none"
                spellcheck="false"
                maxlength="24"
                required
                aria-describedby="login-code-help"
                node_ref=input
                bind:value=code
            />
            <p id="login-code-help" class="field-help">{move || fl!(LOADER, "login-code-help")}</p>
        </div>
    }
}

/// A labelled, required input of the sign-in form (`login-{name}`); the username is
/// plain text (no capitals, no spelling check), the password is not.
fn login_input(
    name: &'static str,
    label: fn() -> String,
    input_type: &'static str,
    autocomplete: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    let id = format!("login-{name}");
    let plain = input_type == "text";
    view! {
        <div class="field">
            <label for=id.clone()>{move || label()}</label>
            <input
                id=id
                name=name
                type=input_type
                autocomplete=autocomplete
                autocapitalize=plain.then_some("none")
                spellcheck=plain.then_some("false")
                required
                bind:value=value
            />
        </div>
    }
}

/// The page to open after signing in: `next` when it is a path of this app, else `/`.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/\\")
                && !path.starts_with("/login") =>
        {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

/// What a failed sign-in says: wrong credentials in our words, so that the message follows
/// the language picked on this page after the answer came; anything else as the server said.
fn login_error(f: &Failure) -> String {
    match f.code {
        Some(ErrorCode::InvalidCredentials) => fl!(LOADER, "login-failed"),
        Some(ErrorCode::SecondFactorRequired) => fl!(LOADER, "login-code-needed"),
        Some(ErrorCode::InvalidSecondFactor) => fl!(LOADER, "login-code-wrong"),
        _ => f.message(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next(None), "/");
        assert_eq!(safe_next(Some("/clients/3")), "/clients/3");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("/login")), "/");
    }
}
