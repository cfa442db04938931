//! A polite live region that tells screen readers how something long goes (a run's
//! progress), at most once per interval so that updates every second do not flood them;
//! a change of state (queued, running, finished) is said at once.

use leptos::prelude::*;
use shared::runs::Run;

use crate::run_labels;

/// The shortest time between two progress announcements of the same state.
const GAP_MS: f64 = 15_000.0;

/// Whether an update is said now: at once when its `state` differs from the last one
/// said (or nothing was said yet), else not before `gap_ms` after the last.
pub fn due(last: Option<(f64, &str)>, now: f64, state: &str, gap_ms: f64) -> bool {
    match last {
        None => true,
        Some((at, said)) => said != state || now - at >= gap_ms,
    }
}

/// A visually hidden `role="status"` paragraph `id` saying `text`, throttled as [`due`]
/// says; `state` is the part whose change is said at once.
#[component]
pub fn Announcer(
    id: &'static str,
    #[prop(into)] text: Signal<String>,
    #[prop(into)] state: Signal<String>,
) -> impl IntoView {
    let said = RwSignal::new(String::new());
    let last = StoredValue::new(None::<(f64, String)>);
    Effect::new(move |_| {
        let (text, state) = (text.get(), state.get());
        let now = js_sys::Date::now();
        let due = last.with_value(|l| {
            due(
                l.as_ref().map(|(at, s)| (*at, s.as_str())),
                now,
                &state,
                GAP_MS,
            )
        });
        if due && said.with_untracked(|s| *s != text) {
            last.set_value(Some((now, state)));
            said.set(text);
        }
    });
    view! {
        <p id=id class="visually-hidden" role="status" aria-live="polite" data-testid=id>
            {move || said.get()}
        </p>
    }
}

/// The [`Announcer`] of a run followed on the page: silent for a run that had already
/// ended when the page opened; else its state and progress, then its result.
#[component]
pub fn RunAnnouncer(id: &'static str, #[prop(into)] run: Signal<Option<Run>>) -> impl IntoView {
    // Once seen unfinished, followed for good.
    let followed = Memo::new(move |before: Option<&bool>| {
        before.copied().unwrap_or(false)
            || run.with(|r| r.as_ref().is_some_and(run_labels::unfinished))
    });
    let said = Memo::new(move |_| {
        followed
            .get()
            .then(|| run.with(|r| r.as_ref().map(run_labels::announcement)))
            .flatten()
            .unwrap_or_default()
    });
    view! {
        <Announcer
            id=id
            text=Signal::derive(move || said.with(|s| s.1.clone()))
            state=Signal::derive(move || said.with(|s| s.0.clone()))
        />
    }
}

#[cfg(test)]
mod tests {
    use super::due;

    #[test]
    fn a_new_state_is_said_at_once_and_progress_once_per_gap() {
        assert!(due(None, 0.0, "running", 15_000.0), "the first one");
        assert!(!due(Some((0.0, "running")), 14_999.0, "running", 15_000.0));
        assert!(due(Some((0.0, "running")), 15_000.0, "running", 15_000.0));
        assert!(
            due(Some((0.0, "running")), 1.0, "finished", 15_000.0),
            "the end"
        );
    }
}
