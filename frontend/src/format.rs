//! Numbers, sizes, times and lists written for people, in the interface language: the
//! browser's `Intl` does the language-specific work; native builds (unit tests) get a
//! plain English fallback.

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

#[cfg(target_arch = "wasm32")]
fn relative(value: i64, unit: &str) -> String {
    let options = js_sys::Object::new();
    // Ignoring the error: setting a property on a fresh object cannot fail.
    let _ = js_sys::Reflect::set(&options, &"numeric".into(), &"auto".into());
    let format = js_sys::Intl::RelativeTimeFormat::new(&locales(), &options);
    String::from(format.format(value as f64, unit))
}

#[cfg(not(target_arch = "wasm32"))]
fn relative(value: i64, unit: &str) -> String {
    if value < 0 {
        format!("{} {unit}s ago", -value)
    } else {
        format!("in {value} {unit}s")
    }
}

/// Joins items as a sentence does: "a, b and c".
pub fn list(items: &[String]) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let array: js_sys::Array = items
            .iter()
            .map(|s| js_sys::JsString::from(s.as_str()))
            .collect();
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"type".into(), &"conjunction".into());
        let format = js_sys::Intl::ListFormat::new(&locales(), &options);
        String::from(format.format(&array))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    }
}

/// A date and time with the weekday, in the browser's time zone ("Mon, 3 Mar 2025, 21:00").
pub fn date_time_with_weekday(time: &DateTime<Utc>) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let millis = time.timestamp_millis() as f64;
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis));
        let options = js_sys::Object::new();
        for (key, value) in [
            ("weekday", "short"),
            ("year", "numeric"),
            ("month", "short"),
            ("day", "numeric"),
            ("hour", "2-digit"),
            ("minute", "2-digit"),
        ] {
            let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
        }
        String::from(date.to_locale_string(i18n::current().tag(), &options))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        time.format("%a %Y-%m-%d %H:%M UTC").to_string()
    }
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

#[cfg(target_arch = "wasm32")]
fn locales() -> js_sys::Array {
    // Tracks the language so texts follow a switch.
    let _ = i18n::LOADER.current_languages();
    js_sys::Array::of1(&i18n::current().tag().into())
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
    fn lists() {
        assert_eq!(list(&["a".into()]), "a");
        assert_eq!(list(&["a".into(), "b".into(), "c".into()]), "a, b and c");
    }
}
