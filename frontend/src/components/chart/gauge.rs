//! The gauge: how much of a total is used (bytes or inodes of a location, a client's
//! quota), as words with the percentage and as a bar that turns amber from 75 % and red
//! from 90 %.

use i18n_embed_fl::fl;
use leptos::prelude::*;

use super::geometry::{percent, r};
use super::labels::{track_language, value_text};
use super::Unit;
use crate::i18n::LOADER;

/// How full a gauge is, for its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Level {
    Normal,
    High,
    Full,
    /// The total is not known.
    Unknown,
}

/// The level of `used` out of `total`.
pub(super) fn level(used: i64, total: i64) -> Level {
    match percent(used, total) {
        None => Level::Unknown,
        Some(p) if p >= 90.0 => Level::Full,
        Some(p) if p >= 75.0 => Level::High,
        Some(_) => Level::Normal,
    }
}

fn level_class(level: Level) -> &'static str {
    match level {
        Level::Normal => "gauge-fill",
        Level::High => "gauge-fill gauge-high",
        Level::Full => "gauge-fill gauge-full",
        Level::Unknown => "gauge-fill gauge-unknown",
    }
}

/// "12 %" in the interface language's order ("% 12" in Basque); whole percents, but
/// never "0 %" for something used nor "100 %" before it is full.
pub(super) fn percent_number(used: i64, total: i64) -> Option<i64> {
    let p = percent(used, total)?;
    let whole = p.round() as i64;
    Some(match whole {
        0 if used > 0 => 1,
        100 if used < total => 99,
        w => w,
    })
}

/// A gauge: its label, "12 GiB used of 100 GiB · 12 %", and the bar
/// (`<svg data-testid="gauge-<name>" data-used data-total>`).
#[component]
pub fn Gauge(
    /// `gauge-<name>` on the `<svg>`.
    #[prop(into)]
    name: String,
    /// What is measured ("Space", "Inodes").
    #[prop(into)]
    label: Signal<String>,
    unit: Unit,
    #[prop(into)] used: Signal<i64>,
    #[prop(into)] total: Signal<i64>,
) -> impl IntoView {
    let testid = format!("gauge-{name}");
    let words = move || {
        track_language();
        let (u, t) = (used.get(), total.get());
        match percent_number(u, t) {
            Some(p) => fl!(
                LOADER,
                "chart-gauge",
                used = value_text(unit, u),
                total = value_text(unit, t),
                percent = p
            ),
            None => fl!(LOADER, "chart-gauge-unknown", used = value_text(unit, u)),
        }
    };
    let aria = move || format!("{}: {}", label.get(), words());
    let fill = move || r(percent(used.get(), total.get()).unwrap_or(0.0));
    let class = move || level_class(level(used.get(), total.get()));
    view! {
        <div class="gauge">
            <div class="gauge-head">
                <span class="gauge-label">{move || label.get()}</span>
                <span class="gauge-words">{words}</span>
            </div>
            <svg
                class="gauge-bar"
                data-testid=testid
                data-used=move || used.get().to_string()
                data-total=move || total.get().to_string()
                viewBox="0 0 100 6"
                preserveAspectRatio="none"
                width="100%"
                height="10"
                role="img"
                aria-label=aria
            >
                <rect class="gauge-track" x="0" y="0" width="100" height="6" rx="3"></rect>
                <rect class=class x="0" y="0" width=fill height="6" rx="3"></rect>
            </svg>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels() {
        assert_eq!(level(10, 100), Level::Normal);
        assert_eq!(level(75, 100), Level::High);
        assert_eq!(level(95, 100), Level::Full);
        assert_eq!(level(1, 0), Level::Unknown);
    }

    #[test]
    fn percents_never_round_to_misleading_ends() {
        assert_eq!(percent_number(12, 100), Some(12));
        assert_eq!(percent_number(1, 1000), Some(1));
        assert_eq!(percent_number(0, 1000), Some(0));
        assert_eq!(percent_number(9_999, 10_000), Some(99));
        assert_eq!(percent_number(100, 100), Some(100));
        assert_eq!(percent_number(5, 0), None);
    }
}
