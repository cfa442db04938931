//! Dates, times, weekday and month names in the interface language, from the CLDR data that
//! ICU4X compiles in ("2026(e)ko abenduaren 6(a) (05:45)", "6 de diciembre de 2026 a las
//! 05:45", "December 6, 2026 at 5:45 AM").
//!
//! Not the browser's `Intl.DateTimeFormat`: Chromium's ICU has no Basque, so `Intl` answers
//! `eu` with English ("Dec 6, 2026" next to Basque texts). Times are shown in the browser's
//! time zone (its UTC offset at that instant, from `Date.getTimezoneOffset`); native builds
//! (unit tests) use UTC.

use std::cell::RefCell;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Timelike, Utc};
use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::{self, enums::CompositeDateTimeFieldSet};
use icu_datetime::options::TimePrecision;
use icu_datetime::DateTimeFormatterPreferences;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_locale_core::locale;
use icu_time::Time;
use shared::Language;

use crate::i18n;
use frontend_icu_data::Data;

/// The shapes of text this module writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Long date and time to the minute.
    DateTime,
    /// Long date with the weekday, and time to the minute.
    DateTimeWeekday,
    /// Abbreviated weekday name.
    Weekday,
    /// Abbreviated month name.
    Month,
    /// Day and abbreviated month, for chart axes ("Dec 6", "6 dic", "abe. 6(a)").
    DayMonth,
    /// Long date without the time ("December 6, 2026").
    Date,
    /// Time of day to the minute ("5:45 AM", "05:45").
    Time,
}

type Formatter = FixedCalendarDateTimeFormatter<Gregorian, CompositeDateTimeFieldSet>;

thread_local! {
    /// Formatters built so far, by language and shape (building one reads the baked data).
    static CACHE: RefCell<Vec<(Language, Shape, Formatter)>> = const { RefCell::new(Vec::new()) };
}

fn preferences(lang: Language) -> DateTimeFormatterPreferences {
    match lang {
        Language::Eu => locale!("eu").into(),
        Language::Es => locale!("es").into(),
        Language::En => locale!("en").into(),
    }
}

fn build(
    lang: Language,
    shape: Shape,
) -> Result<Formatter, icu_datetime::DateTimeFormatterLoadError> {
    let prefs = preferences(lang);
    let minutes = TimePrecision::Minute;
    Ok(match shape {
        Shape::DateTime => FixedCalendarDateTimeFormatter::try_new_unstable(
            &Data,
            prefs,
            fieldsets::YMDT::long().with_time_precision(minutes),
        )?
        .cast_into_fset(),
        Shape::DateTimeWeekday => FixedCalendarDateTimeFormatter::try_new_unstable(
            &Data,
            prefs,
            fieldsets::YMDET::long().with_time_precision(minutes),
        )?
        .cast_into_fset(),
        Shape::Weekday => {
            FixedCalendarDateTimeFormatter::try_new_unstable(&Data, prefs, fieldsets::E::short())?
                .cast_into_fset()
        }
        Shape::Month => {
            FixedCalendarDateTimeFormatter::try_new_unstable(&Data, prefs, fieldsets::M::medium())?
                .cast_into_fset()
        }
        Shape::DayMonth => {
            FixedCalendarDateTimeFormatter::try_new_unstable(&Data, prefs, fieldsets::MD::medium())?
                .cast_into_fset()
        }
        Shape::Date => {
            FixedCalendarDateTimeFormatter::try_new_unstable(&Data, prefs, fieldsets::YMD::long())?
                .cast_into_fset()
        }
        Shape::Time => FixedCalendarDateTimeFormatter::try_new_unstable(
            &Data,
            prefs,
            fieldsets::T::medium().with_time_precision(minutes),
        )?
        .cast_into_fset(),
    })
}

/// The interface language, tracked inside reactive scopes (so views re-render on a switch).
fn language() -> Language {
    let _ = i18n::LOADER.current_languages();
    i18n::current()
}

/// Formats a date and time with the formatter of `shape` in `lang`.
fn write(lang: Language, shape: Shape, date: Date<Gregorian>, time: Time) -> String {
    let value = icu_time::DateTime { date, time };
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((_, _, f)) = cache.iter().find(|(l, s, _)| *l == lang && *s == shape) {
            return f.format(&value).to_string();
        }
        match build(lang, shape) {
            Ok(f) => {
                let text = f.format(&value).to_string();
                cache.push((lang, shape, f));
                text
            }
            Err(err) => {
                i18n::log(&format!("no date format for {}: {err}", lang.tag()));
                String::new()
            }
        }
    })
}

fn parts(local: NaiveDateTime) -> Option<(Date<Gregorian>, Time)> {
    let date = Date::try_new_gregorian(
        local.year(),
        u8::try_from(local.month()).ok()?,
        u8::try_from(local.day()).ok()?,
    )
    .ok()?;
    let time = Time::try_new(
        u8::try_from(local.hour()).ok()?,
        u8::try_from(local.minute()).ok()?,
        0,
        0,
    )
    .ok()?;
    Some((date, time))
}

/// `time` on the browser's clock.
fn local(time: &DateTime<Utc>) -> NaiveDateTime {
    #[cfg(target_arch = "wasm32")]
    {
        // Milliseconds since the epoch fit an f64 exactly for any plausible date.
        let millis = time.timestamp_millis() as f64;
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis));
        // Minutes to add to local time to get UTC, at that instant (DST included).
        let offset = date.get_timezone_offset() as i64;
        time.naive_utc() - Duration::minutes(offset)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        time.naive_utc()
    }
}

fn at(lang: Language, shape: Shape, local: NaiveDateTime) -> String {
    match parts(local) {
        Some((date, time)) => write(lang, shape, date, time),
        None => String::new(),
    }
}

/// A date and time for people, on the browser's clock: "2026(e)ko abenduaren 6(a) (05:45)".
pub fn date_time(time: &DateTime<Utc>) -> String {
    at(language(), Shape::DateTime, local(time))
}

/// The same with the weekday: "2026(e)ko abenduaren 7(a), astelehena (21:00)".
pub fn date_time_with_weekday(time: &DateTime<Utc>) -> String {
    at(language(), Shape::DateTimeWeekday, local(time))
}

/// A day and month on the browser's clock, for chart axes: "abe. 6(a)", "6 dic", "Dec 6".
pub fn day_month(time: &DateTime<Utc>) -> String {
    at(language(), Shape::DayMonth, local(time))
}

/// A date on the browser's clock, without the time: "2026(e)ko abenduaren 6(a)".
pub fn date(time: &DateTime<Utc>) -> String {
    at(language(), Shape::Date, local(time))
}

/// A calendar day as it is (no time zone): "2026(e)ko abenduaren 6(a)".
pub fn day(day: &NaiveDate) -> String {
    day.and_hms_opt(12, 0, 0)
        .map_or_else(String::new, |d| at(language(), Shape::Date, d))
}

/// A calendar day as a short axis label: "abe. 6(a)", "6 dic", "Dec 6".
pub fn day_short(day: &NaiveDate) -> String {
    day.and_hms_opt(12, 0, 0)
        .map_or_else(String::new, |d| at(language(), Shape::DayMonth, d))
}

/// A time of day on the browser's clock, to the minute: "05:45", "5:45 AM".
pub fn time_of_day(time: &DateTime<Utc>) -> String {
    at(language(), Shape::Time, local(time))
}

/// A day of a known week (Monday 1 January 2024 is day 1).
fn day_of_week(day: u8) -> Option<NaiveDateTime> {
    let monday = NaiveDate::from_ymd_opt(2024, 1, 1)?;
    let offset = i64::from(day.clamp(1, 7)) - 1;
    (monday + Duration::days(offset)).and_hms_opt(12, 0, 0)
}

fn weekday_in(lang: Language, day: u8) -> String {
    day_of_week(day).map_or_else(String::new, |d| at(lang, Shape::Weekday, d))
}

fn month_in(lang: Language, month: u8) -> String {
    NaiveDate::from_ymd_opt(2024, u32::from(month.clamp(1, 12)), 1)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .map_or_else(String::new, |d| at(lang, Shape::Month, d))
}

/// The abbreviated name of an ISO weekday (1 = Monday): "al.", "lun", "Mon".
pub fn weekday_short(day: u8) -> String {
    weekday_in(language(), day)
}

/// The abbreviated name of a month (1 = January): "urt.", "ene", "Jan".
pub fn month_short(month: u8) -> String {
    month_in(language(), month)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn text(lang: Language, shape: Shape) -> String {
        let t = Utc.with_ymd_and_hms(2026, 12, 6, 5, 45, 0).unwrap();
        // CLDR puts a narrow no-break space before AM/PM.
        at(lang, shape, t.naive_utc()).replace('\u{202f}', " ")
    }

    #[test]
    fn basque() {
        assert_eq!(
            text(Language::Eu, Shape::DateTime),
            "2026(e)ko abenduaren 6(a) (05:45)"
        );
        assert!(text(Language::Eu, Shape::DateTimeWeekday).contains("igandea"));
        let week: Vec<String> = (1..=7).map(|d| weekday_in(Language::Eu, d)).collect();
        assert_eq!(week, ["al.", "ar.", "az.", "og.", "or.", "lr.", "ig."]);
        assert_eq!(month_in(Language::Eu, 12), "abe.");
        assert_eq!(text(Language::Eu, Shape::DayMonth), "abe. 6(a)");
        assert_eq!(text(Language::Eu, Shape::Date), "2026(e)ko abenduaren 6(a)");
        assert_eq!(text(Language::Eu, Shape::Time), "05:45");
    }

    #[test]
    fn spanish_and_english() {
        assert_eq!(
            text(Language::Es, Shape::DateTime),
            "6 de diciembre de 2026 a las 05:45"
        );
        assert_eq!(weekday_in(Language::Es, 7), "dom");
        assert_eq!(month_in(Language::Es, 1), "ene");
        assert_eq!(
            text(Language::En, Shape::DateTime),
            "December 6, 2026 at 5:45 AM"
        );
        assert_eq!(
            text(Language::En, Shape::DateTimeWeekday),
            "Sunday, December 6, 2026 at 5:45 AM"
        );
        assert_eq!(weekday_in(Language::En, 1), "Mon");
        assert_eq!(month_in(Language::En, 9), "Sep");
        assert_eq!(text(Language::En, Shape::DayMonth), "Dec 6");
        assert_eq!(text(Language::Es, Shape::DayMonth), "6 dic");
        assert_eq!(text(Language::Es, Shape::Date), "6 de diciembre de 2026");
        assert_eq!(text(Language::En, Shape::Time), "5:45 AM");
    }
}
