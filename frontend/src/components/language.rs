//! The eu / es / en language switch shown on every page, login included.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::Language;

use crate::i18n::LOADER;
use crate::state::use_session;

/// A labelled `<select id="lang-select">`; choosing a language applies it at once and,
/// when signed in, saves it as the user's preference.
#[component]
pub fn LanguageSelect() -> impl IntoView {
    let session = use_session();
    let on_change = move |ev| {
        if let Some(lang) = Language::from_tag(&event_target_value(&ev)) {
            session.choose_language(lang);
        }
    };
    view! {
        <div class="lang-switch">
            <label for="lang-select" class="lang-label">
                {move || fl!(LOADER, "lang-select-label")}
            </label>
            <select
                id="lang-select"
                data-testid="lang-select"
                on:change=on_change
                prop:value=move || session.language.get().tag()
            >
                {language_options(move |lang| session.language.get() == lang)}
            </select>
        </div>
    }
}

/// A language's name as shown in language lists: in that language itself, so that
/// people can find their own whatever the current interface language.
pub fn language_name(lang: Language) -> String {
    match lang {
        Language::Eu => fl!(LOADER, "language-eu"),
        Language::Es => fl!(LOADER, "language-es"),
        Language::En => fl!(LOADER, "language-en"),
    }
}

/// One `<option>` per language, in its own name (and marked as that language);
/// `selected` says which is chosen.
pub fn language_options(
    selected: impl Fn(Language) -> bool + Copy + Send + Sync + 'static,
) -> impl IntoView {
    Language::ALL
        .into_iter()
        .map(|lang| {
            view! {
                <option value=lang.tag() lang=lang.tag() selected=move || selected(lang)>
                    {move || language_name(lang)}
                </option>
            }
        })
        .collect_view()
}
