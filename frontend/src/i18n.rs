//! Translations: the Fluent loader (`LOADER`, used through `fl!`), choosing and remembering
//! the interface language, and the localised texts of API error codes.
//!
//! `LOADER` is reactive: reading it inside a Leptos view closure subscribes that closure to
//! language changes, so `{move || fl!(LOADER, "nav-jobs")}` re-renders when the language is
//! switched, without any explicit signal.

use std::ops::Deref;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::LazyLock;

use i18n_embed::fluent::{fluent_language_loader, FluentLanguageLoader};
use i18n_embed::LanguageLoader;
use i18n_embed_fl::fl;
use leptos::prelude::{ArcTrigger, Notify, Track};
use leptos::reactive::graph::Observer;
use rust_embed::RustEmbed;
use shared::{FieldError, Language};
use unic_langid::{langid, LanguageIdentifier};

/// Where this browser's explicit language choice is remembered (switched on the login
/// page or in the app).
const STORAGE_KEY: &str = "elkarbackup.language";

/// Set while a choice made on the login page has not been saved to any user yet: the next
/// user to sign in without a language of their own gets it.
const UNSAVED_KEY: &str = "elkarbackup.language.unsaved";

#[derive(RustEmbed)]
#[folder = "i18n"]
struct Localizations;

/// The Fluent loader of the web app, wrapped so that every read is tracked reactively.
pub struct Loader {
    bundles: LazyLock<FluentLanguageLoader>,
    changed: LazyLock<ArcTrigger>,
}

impl Deref for Loader {
    type Target = FluentLanguageLoader;

    fn deref(&self) -> &FluentLanguageLoader {
        // Only subscribe from inside a reactive scope (views, memos, effects); event
        // handlers read the current language without tracking.
        if Observer::get().is_some() {
            self.changed.track();
        }
        &self.bundles
    }
}

/// The loader that the `fl!` macro reads from (`fl!(LOADER, <id>)`).
pub static LOADER: Loader = Loader {
    bundles: LazyLock::new(build_loader),
    changed: LazyLock::new(ArcTrigger::new),
};

/// The language shown now, as an index into [`Language::ALL`].
static CURRENT: AtomicU8 = AtomicU8::new(2);

fn build_loader() -> FluentLanguageLoader {
    let loader: FluentLanguageLoader = fluent_language_loader!();
    if let Err(err) = loader.load_fallback_language(&Localizations) {
        log(&format!("cannot load the English texts: {err}"));
    }
    loader.set_use_isolating(false);
    loader
}

fn langid(lang: Language) -> LanguageIdentifier {
    match lang {
        Language::Eu => langid!("eu"),
        Language::Es => langid!("es"),
        Language::En => langid!("en"),
    }
}

/// The language shown now.
pub fn current() -> Language {
    let index = usize::from(CURRENT.load(Ordering::Relaxed));
    Language::ALL.get(index).copied().unwrap_or_default()
}

/// Shows the interface in `lang`: loads its texts, sets `<html lang>` and re-renders every
/// translated text. Does not remember the choice; see [`remember`].
pub fn apply(lang: Language) {
    if let Err(err) = i18n_embed::select(&*LOADER.bundles, &Localizations, &[langid(lang)]) {
        log(&format!("cannot load the texts of {}: {err}", lang.tag()));
    }
    // select() builds new bundles, which start with isolation marks on again.
    LOADER.bundles.set_use_isolating(false);
    let index = Language::ALL.iter().position(|l| *l == lang).unwrap_or(2);
    CURRENT.store(u8::try_from(index).unwrap_or(2), Ordering::Relaxed);
    set_document_lang(lang);
    LOADER.changed.notify();
}

#[cfg(target_arch = "wasm32")]
fn set_document_lang(lang: Language) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        // Ignoring the error: setting `lang` on <html> cannot fail in a browser.
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// Outside the browser (native unit tests) there is no document.
#[cfg(not(target_arch = "wasm32"))]
fn set_document_lang(_lang: Language) {}

/// Remembers an explicit choice of `lang` in this browser, for the login page and the
/// next visit. `unsaved`: made while signed out, so not saved to any user yet.
pub fn remember(lang: Language, unsaved: bool) {
    if let Some(storage) = local_storage() {
        // Ignoring the errors: private browsing may refuse storage; the choice then
        // lasts for this page only.
        let _ = storage.set_item(STORAGE_KEY, lang.tag());
        let _ = if unsaved {
            storage.set_item(UNSAVED_KEY, "1")
        } else {
            storage.remove_item(UNSAVED_KEY)
        };
    }
}

/// The choice made on the login page that no user has received yet, if any; forgets
/// that it is unsaved (whoever signs in now either takes it or has their own).
pub fn take_unsaved() -> Option<Language> {
    let storage = local_storage()?;
    let unsaved = storage.get_item(UNSAVED_KEY).ok().flatten().is_some();
    // Ignoring the error: at worst the choice is offered again at the next sign-in.
    let _ = storage.remove_item(UNSAVED_KEY);
    unsaved.then(remembered).flatten()
}

/// The explicit choice remembered in this browser, if any.
fn remembered() -> Option<Language> {
    local_storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|tag| Language::from_tag(&tag))
}

/// The language to start with: the one explicitly chosen in this browser, else the first
/// supported one of `navigator.languages`, else English.
pub fn initial() -> Language {
    remembered()
        .or_else(|| Language::negotiate(browser_languages().iter().map(String::as_str)))
        .unwrap_or_default()
}

/// `navigator.languages`, the user's preferred languages in order.
#[cfg(target_arch = "wasm32")]
fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|v| v.as_string())
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(not(target_arch = "wasm32"))]
fn browser_languages() -> Vec<String> {
    Vec::new()
}

#[cfg(target_arch = "wasm32")]
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Outside the browser (native unit tests) nothing is remembered.
#[cfg(not(target_arch = "wasm32"))]
fn local_storage() -> Option<web_sys::Storage> {
    None
}

/// Writes a message to the browser console.
pub fn log(message: &str) {
    leptos::logging::warn!("{message}");
}

/// The text of a refusal because other objects use the one concerned.
pub fn in_use_text() -> String {
    fl!(LOADER, "error-in-use")
}

/// The text of a failure the server explained with no readable body.
pub fn unknown_error_text() -> String {
    fl!(LOADER, "error-unknown")
}

/// The text shown when the server could not be reached at all.
pub fn network_error_text() -> String {
    fl!(LOADER, "error-network")
}

/// The localised text for a problem with one field, by its stable code; codes this app
/// does not know show the server's own (already localised) message.
pub fn field_error_text(error: &FieldError) -> String {
    match error.code.as_str() {
        "required" => fl!(LOADER, "field-error-required"),
        "too_short" => fl!(LOADER, "field-error-too-short"),
        "too_long" => fl!(LOADER, "field-error-too-long"),
        "out_of_range" | "range" => fl!(LOADER, "field-error-out-of-range"),
        "taken" | "duplicate" | "already_exists" => fl!(LOADER, "field-error-taken"),
        _ if !error.message.is_empty() => error.message.clone(),
        _ => fl!(LOADER, "field-error-invalid"),
    }
}

/// The localised text of a problem found by the shared validators (`shared::validate`),
/// worded like the server's own messages.
pub fn issue_text(issue: &shared::validate::Issue) -> String {
    let arg = |name: &str| {
        issue
            .args
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(0, |(_, v)| *v)
    };
    match issue.code {
        "required" => fl!(LOADER, "validation-required"),
        "too_short" => fl!(LOADER, "validation-too-short", min = arg("min")),
        "too_long" => fl!(LOADER, "validation-too-long", max = arg("max")),
        "out_of_range" => fl!(
            LOADER,
            "validation-out-of-range",
            min = arg("min"),
            max = arg("max")
        ),
        "not_allowed" => fl!(LOADER, "validation-not-allowed"),
        "duplicate" => fl!(LOADER, "validation-duplicate"),
        "time_format" => fl!(LOADER, "validation-time-format"),
        "mismatch" => fl!(LOADER, "validation-mismatch"),
        _ => fl!(LOADER, "validation-invalid"),
    }
}

/// The text of a field problem reported by the server: its own localised message, or
/// ours for its code when it sent none.
pub fn server_field_text(error: &FieldError) -> String {
    if error.message.is_empty() {
        field_error_text(error)
    } else {
        error.message.clone()
    }
}

/// Formats a time for people, in the interface language and the browser's time zone
/// (see [`crate::dates`]).
pub fn format_time(time: &chrono::DateTime<chrono::Utc>) -> String {
    crate::dates::date_time(time)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(ftl: &str) -> std::collections::BTreeSet<&str> {
        ftl.lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim()))
            .collect()
    }

    #[test]
    fn every_language_has_the_same_keys() {
        let en = keys(include_str!("../i18n/en/frontend.ftl"));
        let es = keys(include_str!("../i18n/es/frontend.ftl"));
        let eu = keys(include_str!("../i18n/eu/frontend.ftl"));
        assert!(en.len() > 50);
        assert_eq!(en, es, "en and es differ");
        assert_eq!(en, eu, "en and eu differ");
    }

    // One test, as the loader is global state.
    #[test]
    fn texts_in_every_language() {
        for lang in Language::ALL {
            apply(lang);
            assert_eq!(current(), lang);
            // Each run error code is explained by its own message (`RunError::message_id`).
            for e in shared::runs::RunError::ALL {
                let id = e.message_id();
                assert!(LOADER.has(&id), "{id} missing");
                let text = crate::run_labels::run_error_text(e);
                assert_eq!(text, LOADER.get(&id), "{e} uses another message");
            }
        }
        apply(Language::Es);
        let text = fl!(LOADER, "signed-in-as", user = "ane");
        assert!(!text.contains('\u{2068}'));
        assert!(text.contains("ane"));
        apply(Language::En);
    }
}
