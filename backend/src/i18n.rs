//! Server-side translations (Fluent via i18n-embed) of API error messages, chosen per
//! request from `Accept-Language`, and of the command line's start-up errors, in the
//! language of the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`).
//!
//! Each text exists once: the server owns the messages of its error codes (the web app
//! shows the message of the error body) and of the validation codes only it can find;
//! the web app owns the other field-validation texts, which it needs before any request,
//! and the server reads those from the web app's files (`validation-*`).

use std::collections::HashMap;

use i18n_embed::fluent::FluentLanguageLoader;
use i18n_embed::LanguageLoader;
use rust_embed::RustEmbed;
use shared::Language;

#[derive(RustEmbed)]
#[folder = "i18n/"]
struct Assets;

/// The web app's translations, for the texts it owns (field validation).
#[derive(RustEmbed)]
#[folder = "../frontend/i18n/"]
struct WebAssets;

/// The translations, loaded once from the embedded files.
pub fn translations() -> &'static Translations {
    static T: std::sync::OnceLock<Translations> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        // The files are compiled in and checked by a unit test, so this cannot fail in a
        // tested build; an empty set degrades to message ids rather than crashing.
        Translations::load().unwrap_or_else(|e| {
            tracing::error!("cannot load translations: {e}");
            Translations {
                loaders: HashMap::new(),
                web: HashMap::new(),
            }
        })
    })
}

/// One loaded bundle per language, the server's and the web app's.
pub struct Translations {
    loaders: HashMap<Language, FluentLanguageLoader>,
    web: HashMap<Language, FluentLanguageLoader>,
}

impl std::fmt::Debug for Translations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Translations(..)")
    }
}

impl Translations {
    /// Loads the embedded `.ftl` files of every language.
    pub fn load() -> Result<Self, String> {
        let mut loaders = HashMap::new();
        let mut web = HashMap::new();
        for lang in Language::ALL {
            loaders.insert(lang, loader(&Assets, "backend", lang)?);
            web.insert(lang, loader(&WebAssets, "frontend", lang)?);
        }
        Ok(Translations { loaders, web })
    }

    /// The bundle of `lang` that defines `id`: the server's, else the web app's.
    fn bundle(&self, lang: Language, id: &str) -> Option<&FluentLanguageLoader> {
        match self.loaders.get(&lang) {
            Some(l) if l.has(id) => Some(l),
            server => self.web.get(&lang).filter(|w| w.has(id)).or(server),
        }
    }

    /// The message `id` in `lang`, with integer arguments.
    pub fn get(&self, lang: Language, id: &str, args: &[(&str, i64)]) -> String {
        let Some(loader) = self.bundle(lang, id) else {
            return id.to_owned();
        };
        if args.is_empty() {
            loader.get(id)
        } else {
            let map: HashMap<String, i64> =
                args.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect();
            loader.get_args(id, map)
        }
    }
}

/// Loads one domain's `.ftl` file of `lang` (English as the fallback).
fn loader(
    assets: &dyn i18n_embed::I18nAssets,
    domain: &str,
    lang: Language,
) -> Result<FluentLanguageLoader, String> {
    let id: unic_langid::LanguageIdentifier = lang.tag().parse().map_err(|e| format!("{e}"))?;
    let fallback: unic_langid::LanguageIdentifier = "en".parse().map_err(|e| format!("{e}"))?;
    let loader = FluentLanguageLoader::new(domain, fallback);
    loader
        .load_languages(assets, &[id])
        .map_err(|e| e.to_string())?;
    loader.set_use_isolating(false);
    Ok(loader)
}

/// The language of the command line's environment (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`,
/// `LANG`, the first one set), English when it is none of ours.
pub fn environment_language() -> Language {
    language_of(|k| std::env::var(k).ok())
}

fn language_of(var: impl Fn(&str) -> Option<String>) -> Language {
    ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| var(k).filter(|v| !v.is_empty()))
        .find_map(|v| v.split(':').find_map(Language::from_tag))
        .unwrap_or(Language::En)
}

impl Translations {
    /// The message `id` in `lang`, with text arguments.
    pub fn text(&self, lang: Language, id: &str, args: &[(&str, String)]) -> String {
        let Some(loader) = self.bundle(lang, id) else {
            return id.to_owned();
        };
        let map: HashMap<String, String> = args
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect();
        loader.get_args(id, map)
    }

    /// Like [`Translations::text`], with one number argument as well, so that the
    /// message can choose its plural forms (`{ $n -> [one] … *[other] … }`).
    pub fn text_count(
        &self,
        lang: Language,
        id: &str,
        args: &[(&str, String)],
        (name, n): (&str, i64),
    ) -> String {
        use fluent::FluentValue;
        let Some(loader) = self.bundle(lang, id) else {
            return id.to_owned();
        };
        let mut map: HashMap<String, FluentValue> = args
            .iter()
            .map(|(k, v)| ((*k).to_owned(), FluentValue::from(v.clone())))
            .collect();
        map.insert(name.to_owned(), FluentValue::from(n));
        loader.get_args(id, map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::ErrorCode;

    #[test]
    fn the_environment_chooses_the_language() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(language_of(env(&[("LANG", "eu_ES.UTF-8")])), Language::Eu);
        assert_eq!(
            language_of(env(&[("LC_ALL", "es_ES.UTF-8"), ("LANG", "eu_ES.UTF-8")])),
            Language::Es
        );
        assert_eq!(language_of(env(&[("LANG", "C.UTF-8")])), Language::En);
        assert_eq!(language_of(env(&[])), Language::En);
        let t = Translations::load().unwrap();
        let text = t.text(
            Language::Eu,
            "cli-postgres-blocked",
            &[
                ("dir", "/root".into()),
                ("cluster", "/root/eb/postgres".into()),
            ],
        );
        assert!(
            text.contains("/root/eb/postgres") && text.contains("/var/lib"),
            "{text}"
        );
    }

    #[test]
    fn every_error_code_is_translated_in_every_language() {
        let t = Translations::load().unwrap();
        for lang in Language::ALL {
            for code in ErrorCode::ALL {
                let id = code.message_id();
                let text = t.get(lang, &id, &[]);
                assert!(
                    !text.is_empty() && !text.contains("No localization"),
                    "{id} missing in {lang:?}"
                );
            }
        }
        assert_ne!(
            t.get(Language::Es, "error-invalid-credentials", &[]),
            t.get(Language::En, "error-invalid-credentials", &[])
        );
        // Field-validation texts are the web app's, read from its files.
        for lang in Language::ALL {
            for code in shared::validate::CODES {
                let id = format!("validation-{}", code.replace('_', "-"));
                let text = t.get(lang, &id, &[("min", 1), ("max", 2)]);
                assert!(
                    !text.contains("No localization") && text != id,
                    "{id} in {lang:?}"
                );
            }
        }
        assert_eq!(
            t.get(Language::Eu, "validation-too-long", &[("max", 7)]),
            "Gehienez 7 karaktere izan ditzake."
        );
    }
}
