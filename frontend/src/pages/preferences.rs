//! Preferences (`/preferences`): the user's language and rows per page, saved with
//! `PUT /api/me/preferences`; the API's validation errors appear next to their field.

use i18n_embed_fl::fl;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::{Language, Preferences};

use crate::api::{self, Failure};
use crate::components::feedback::{Alert, AlertKind, FieldError};
use crate::components::fields::TextField;
use crate::components::help::{HelpItem, HelpPanel};
use crate::components::language::{language_name, language_options};
use crate::components::page::PageTitle;
use crate::components::submit::{Sending, SubmitButton};
use crate::i18n::{self, LOADER};
use crate::state::use_session;

/// The preferences form.
#[component]
pub fn PreferencesPage() -> impl IntoView {
    let session = use_session();
    let current = session.user.get_untracked();
    // `None`: not chosen yet (the app shows the login page's language meanwhile).
    let language = RwSignal::new(current.as_ref().and_then(|me| me.language));
    let page_size = RwSignal::new(
        current
            .map(|me| me.page_size.to_string())
            .unwrap_or_default(),
    );
    let bad_number = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let sending = Sending::new();
    let (failure, pending) = (sending.failure, sending.pending);

    keep_in_step(language, page_size, failure);

    let submit = move |ev: SubmitEvent| {
        if !sending.begin(&ev) {
            return;
        }
        saved.set(false);
        let Ok(size) = page_size.get_untracked().trim().parse::<i32>() else {
            bad_number.set(true);
            return;
        };
        bad_number.set(false);
        let body = Preferences {
            language: language.get_untracked(),
            page_size: size,
        };
        sending.send(
            async move { api::save_preferences(&body).await },
            move |prefs| {
                session.preferences_saved(&prefs);
                if let Some(lang) = prefs.language {
                    i18n::remember(lang, false);
                    session.show_language(lang);
                }
                page_size.set(prefs.page_size.to_string());
                saved.set(true);
            },
        );
    };

    let general_error = Signal::derive(move || {
        failure.with(|f| {
            f.as_ref()
                .filter(|f| f.fields.is_empty())
                .map(Failure::message)
        })
    });
    let success = Signal::derive(move || saved.get().then(|| fl!(LOADER, "prefs-saved")));

    view! {
        <PageTitle title=Signal::derive(move || fl!(LOADER, "nav-preferences")) />
        <div class="form-page">
        <section class="panel form-column">
            <Alert id="prefs-error" kind=AlertKind::Error message=general_error />
            <Alert id="prefs-success" kind=AlertKind::Success message=success />
            <form id="prefs-form" class="form" novalidate on:submit=submit>
                <LanguageChoice language=language failure=failure />
                <PageSizeField value=page_size failure=failure bad_number=bad_number />
                <div class="form-actions">
                    <SubmitButton id="prefs-save" pending=pending idle=|| fl!(LOADER, "save") busy=|| fl!(LOADER, "saving") />
                </div>
            </form>
        </section>
        <PreferencesHelp />
        </div>
    }
}

/// Keeps the form in step with the header's language switch and with the server.
fn keep_in_step(
    language: RwSignal<Option<Language>>,
    page_size: RwSignal<String>,
    failure: RwSignal<Option<Failure>>,
) {
    let session = use_session();
    // The header's language switch also changes (and saves) the language: follow it, but
    // not on the first run, which would turn "not chosen" into the language shown.
    Effect::new(move |first: Option<()>| {
        let shown = session.language.get();
        if first.is_some() {
            language.set(Some(shown));
        }
    });

    // The server is the authority: refresh the form from it, but never over what the user
    // typed or chose meanwhile (the answer may come after their first keystroke).
    let (first_language, first_size) = (language.get_untracked(), page_size.get_untracked());
    let stored = LocalResource::new(api::preferences);
    Effect::new(move |_| {
        let Some(answer) = stored.get() else { return };
        untrack(|| match answer {
            Ok(prefs) => {
                if language.get() == first_language {
                    language.set(prefs.language);
                }
                if page_size.with(|s| *s == first_size) {
                    page_size.set(prefs.page_size.to_string());
                }
            }
            Err(err) => failure.set(Some(session.check_failure(err))),
        });
    });
}

/// The rows-per-page input, with its help line and error (not a number, or refused by
/// the API).
#[component]
fn PageSizeField(
    value: RwSignal<String>,
    failure: RwSignal<Option<Failure>>,
    /// Whether the text is not a whole number (checked here, before sending).
    bad_number: RwSignal<bool>,
) -> impl IntoView {
    let error = Signal::derive(move || {
        let from_api = failure.with(|f| f.as_ref().and_then(|f| f.field("page_size")).is_some());
        (bad_number.get() || from_api).then(|| fl!(LOADER, "prefs-page-size-invalid"))
    });
    view! {
        <TextField
            id="prefs-page-size"
            label=Signal::derive(|| fl!(LOADER, "prefs-page-size"))
            value=value
            error=error
            help=Signal::derive(|| fl!(LOADER, "prefs-page-size-help"))
            input_type="number"
            min=5
            max=500
            class="input-short"
        />
    }
}

/// The language choice: "not chosen" (showing the language in use), then every language
/// in its own name.
#[component]
fn LanguageChoice(
    language: RwSignal<Option<Language>>,
    failure: RwSignal<Option<Failure>>,
) -> impl IntoView {
    let session = use_session();
    let language_error = Signal::derive(move || {
        failure.with(|f| {
            f.as_ref()
                .and_then(|f| f.field("language"))
                .map(i18n::field_error_text)
        })
    });
    view! {
        <div class="field">
            <label for="prefs-language">{move || fl!(LOADER, "prefs-language")}</label>
            <select
                id="prefs-language"
                aria-describedby="prefs-language-error"
                aria-invalid=move || language_error.get().is_some().to_string()
                prop:value=move || language.get().map_or("", Language::tag)
                on:change=move |ev| language.set(Language::from_tag(&event_target_value(&ev)))
            >
                <option value="" selected=move || language.get().is_none()>
                    {move || fl!(LOADER, "prefs-language-unset", shown = language_name(session.language.get()))}
                </option>
                {language_options(move |lang| language.get() == Some(lang))}
            </select>
            <FieldError id="prefs-language-error" message=language_error />
        </div>
    }
}

/// What each preference means.
#[component]
fn PreferencesHelp() -> impl IntoView {
    view! {
        <HelpPanel id="prefs-help">
            <HelpItem term=Signal::derive(move || fl!(LOADER, "prefs-language")) text=Signal::derive(move || fl!(LOADER, "prefs-help-language")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "prefs-page-size")) text=Signal::derive(move || fl!(LOADER, "prefs-help-page-size")) />
        </HelpPanel>
    }
}
