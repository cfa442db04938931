//! Numbers, sizes, times and lists written for people, in the interface language. Relative
//! times and lists come from ICU4X's compiled CLDR data, not the browser's `Intl`, which has
//! no Basque in Chromium; dates and times are in [`crate::dates`].

use chrono::{DateTime, Utc};

use crate::i18n;

/// A byte count with a binary unit: `0 B`, `512 B`, `1.5 KiB`, `23 GiB`. One decimal
/// below 10 units, with the interface language's decimal separator.
pub fn size(bytes: i64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut value = bytes.max(0) as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let number = if unit == 0 || value >= 10.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    };
    let number = match i18n::current() {
        shared::Language::En => number,
        _ => number.replace('.', ","),
    };
    format!("{number} {}", UNITS[unit])
}

/// A whole number with the interface language's digit grouping: "12,345" (en), "12.345"
/// (es, eu); CLDR leaves four-digit numbers ungrouped in Spanish and Basque ("1234").
pub fn number(value: i64) -> String {
    // Tracks the language inside reactive scopes.
    let _ = i18n::LOADER.current_languages();
    number_in(i18n::current(), value)
}

type Decimal = icu_decimal::DecimalFormatter;

thread_local! {
    /// Number formatters built so far, by language.
    static DECIMAL: std::cell::RefCell<Vec<(shared::Language, Decimal)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn number_in(lang: shared::Language, value: i64) -> String {
    let number = fixed_decimal::Decimal::from(value);
    DECIMAL.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((_, f)) = cache.iter().find(|(l, _)| *l == lang) {
            return f.format(&number).to_string();
        }
        match Decimal::try_new_unstable(
            &frontend_icu_data::Data,
            locale_of(lang).into(),
            Default::default(),
        ) {
            Ok(f) => {
                let text = f.format(&number).to_string();
                cache.push((lang, f));
                text
            }
            Err(err) => {
                i18n::log(&format!("no number format for {}: {err}", lang.tag()));
                value.to_string()
            }
        }
    })
}

/// The unit and count for "how long ago": the largest unit that fits.
fn relative_parts(seconds: i64) -> (i64, &'static str) {
    let s = seconds.abs();
    let sign = if seconds < 0 { -1 } else { 1 };
    let (value, unit) = if s < 60 {
        (s, "second")
    } else if s < 3600 {
        (s / 60, "minute")
    } else if s < 86_400 {
        (s / 3600, "hour")
    } else if s < 30 * 86_400 {
        (s / 86_400, "day")
    } else if s < 365 * 86_400 {
        (s / (30 * 86_400), "month")
    } else {
        (s / (365 * 86_400), "year")
    };
    (sign * value, unit)
}

/// "5 minutes ago", "yesterday", "hace 3 horas", "duela 2 egun"…
pub fn ago(time: &DateTime<Utc>, now: &DateTime<Utc>) -> String {
    let (value, unit) = relative_parts((*time - *now).num_seconds());
    relative(value, unit)
}

/// "duela 5 minutu", "hace 5 minutos", "5 minutes ago", "atzo"… (CLDR data through ICU4X:
/// the browser's `Intl.RelativeTimeFormat` has no Basque).
fn relative(value: i64, unit: &'static str) -> String {
    // Tracks the language inside reactive scopes.
    let _ = i18n::LOADER.current_languages();
    relative_in(i18n::current(), value, unit)
}

type Relative = icu_experimental::relativetime::RelativeTimeFormatter;

thread_local! {
    /// Relative time formatters built so far, by language and unit.
    static RELATIVE: std::cell::RefCell<Vec<(shared::Language, &'static str, Relative)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn relative_in(lang: shared::Language, value: i64, unit: &'static str) -> String {
    use icu_experimental::relativetime::options::{Numeric, RelativeTimeFormatterOptions};
    let build = || {
        let prefs = locale_of(lang).into();
        let options = RelativeTimeFormatterOptions::default().with_numeric(Numeric::Auto);
        match unit {
            "second" => {
                Relative::try_new_long_second_unstable(&frontend_icu_data::Data, prefs, options)
            }
            "minute" => {
                Relative::try_new_long_minute_unstable(&frontend_icu_data::Data, prefs, options)
            }
            "hour" => {
                Relative::try_new_long_hour_unstable(&frontend_icu_data::Data, prefs, options)
            }
            "day" => Relative::try_new_long_day_unstable(&frontend_icu_data::Data, prefs, options),
            "month" => {
                Relative::try_new_long_month_unstable(&frontend_icu_data::Data, prefs, options)
            }
            _ => Relative::try_new_long_year_unstable(&frontend_icu_data::Data, prefs, options),
        }
    };
    RELATIVE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let number = fixed_decimal::Decimal::from(value);
        if let Some((_, _, f)) = cache.iter().find(|(l, u, _)| *l == lang && *u == unit) {
            return f.format(number).to_string();
        }
        match build() {
            Ok(f) => {
                let text = f.format(number).to_string();
                cache.push((lang, unit, f));
                text
            }
            Err(err) => {
                i18n::log(&format!(
                    "no relative time format for {}: {err}",
                    lang.tag()
                ));
                String::new()
            }
        }
    })
}

fn locale_of(lang: shared::Language) -> icu_locale_core::Locale {
    use icu_locale_core::locale;
    match lang {
        shared::Language::Eu => locale!("eu"),
        shared::Language::Es => locale!("es"),
        shared::Language::En => locale!("en"),
    }
}

/// Joins items as a sentence does, in the interface language: "a, b and c", "a, b eta c"
/// (CLDR data through ICU4X: the browser's `Intl.ListFormat` has no Basque).
pub fn list(items: &[String]) -> String {
    // Tracks the language inside reactive scopes.
    let _ = i18n::LOADER.current_languages();
    list_in(i18n::current(), items)
}

fn list_in(lang: shared::Language, items: &[String]) -> String {
    use icu_list::options::ListFormatterOptions;
    use icu_list::ListFormatter;
    match ListFormatter::try_new_and_unstable(
        &frontend_icu_data::Data,
        locale_of(lang).into(),
        ListFormatterOptions::default(),
    ) {
        Ok(f) => f.format_to_string(items.iter()),
        Err(_) => items.join(", "),
    }
}

/// A date and time with the weekday, in the browser's time zone ("Monday, March 3, 2025 at
/// 9:00 PM"; see [`crate::dates`]).
pub fn date_time_with_weekday(time: &DateTime<Utc>) -> String {
    crate::dates::date_time_with_weekday(time)
}

/// The browser's time zone, e.g. `Europe/Madrid`.
pub fn time_zone() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let format =
            js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
        js_sys::Reflect::get(&format.resolved_options(), &"timeZone".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        "UTC".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(size(0), "0 B");
        assert_eq!(size(1023), "1023 B");
        assert_eq!(size(1536), "1.5 KiB");
        assert_eq!(size(20 * 1024 * 1024), "20 MiB");
        assert_eq!(size(-5), "0 B");
    }

    #[test]
    fn relative_units() {
        assert_eq!(relative_parts(-30), (-30, "second"));
        assert_eq!(relative_parts(-7200), (-2, "hour"));
        assert_eq!(relative_parts(-3 * 86_400), (-3, "day"));
        assert_eq!(relative_parts(400 * 86_400), (1, "year"));
    }

    #[test]
    fn relative_times() {
        use shared::Language;
        assert_eq!(relative_in(Language::Eu, -5, "minute"), "duela 5 minutu");
        assert_eq!(relative_in(Language::Eu, -1, "day"), "atzo");
        assert_eq!(relative_in(Language::Es, -3, "day"), "hace 3 días");
        assert_eq!(relative_in(Language::En, -2, "hour"), "2 hours ago");
    }

    #[test]
    fn numbers() {
        use shared::Language;
        assert_eq!(number_in(Language::En, 1_234_567), "1,234,567");
        assert_eq!(number_in(Language::Es, 12_345), "12.345");
        assert_eq!(number_in(Language::Es, 1234), "1234");
        assert_eq!(number_in(Language::Eu, 12_345), "12.345");
        assert_eq!(number_in(Language::En, -5), "-5");
    }

    #[test]
    fn lists() {
        use shared::Language;
        let abc: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        assert_eq!(list_in(Language::En, &abc[..1]), "a");
        assert_eq!(list_in(Language::En, &abc), "a, b, and c");
        assert_eq!(list_in(Language::Es, &abc), "a, b y c");
        assert_eq!(list_in(Language::Eu, &abc), "a, b eta c");
    }
}
