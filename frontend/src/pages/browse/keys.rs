//! Keyboard navigation of a listing: arrow keys move the highlighted row, Enter opens a
//! directory or downloads a file, Backspace goes up one directory. Keys typed into a
//! field, or with a modifier, are left alone.

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};

/// What a key does to the listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAction {
    /// Highlight the next row.
    Down,
    /// Highlight the previous row.
    Up,
    /// Open (directory) or download (file) the highlighted row.
    Open,
    /// Go to the parent directory.
    Back,
}

/// The action of a key, by its `KeyboardEvent.key`.
pub fn key_action(key: &str) -> Option<KeyAction> {
    match key {
        "ArrowDown" => Some(KeyAction::Down),
        "ArrowUp" => Some(KeyAction::Up),
        "Enter" => Some(KeyAction::Open),
        "Backspace" => Some(KeyAction::Back),
        _ => None,
    }
}

/// The row highlighted after moving from `current` in a list of `len` rows.
pub fn moved(current: Option<usize>, len: usize, down: bool) -> Option<usize> {
    if len == 0 {
        return None;
    }
    Some(match (current, down) {
        (None, true) => 0,
        (None, false) => len - 1,
        (Some(i), true) => (i + 1).min(len - 1),
        (Some(i), false) => i.saturating_sub(1),
    })
}

/// The action of `ev` for the listing, or `None` when something else should have the
/// key: a modifier is held, or the focus is in a field, on a link or on a button (Enter
/// there does its own thing).
pub fn listing_action(ev: &KeyboardEvent) -> Option<KeyAction> {
    if ev.ctrl_key() || ev.alt_key() || ev.meta_key() || ev.default_prevented() {
        return None;
    }
    let action = key_action(&ev.key())?;
    let tag = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlElement>().ok())
        .map(|e| e.tag_name().to_ascii_lowercase())
        .unwrap_or_default();
    let in_field = matches!(tag.as_str(), "input" | "textarea" | "select");
    let on_control = matches!(tag.as_str(), "a" | "button" | "summary");
    match action {
        _ if in_field => None,
        KeyAction::Open if on_control => None,
        _ => Some(action),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_within_bounds() {
        assert_eq!(moved(None, 0, true), None);
        assert_eq!(moved(None, 3, true), Some(0));
        assert_eq!(moved(None, 3, false), Some(2));
        assert_eq!(moved(Some(2), 3, true), Some(2));
        assert_eq!(moved(Some(0), 3, false), Some(0));
        assert_eq!(moved(Some(1), 3, true), Some(2));
    }

    #[test]
    fn maps_keys() {
        assert_eq!(key_action("Enter"), Some(KeyAction::Open));
        assert_eq!(key_action("Backspace"), Some(KeyAction::Back));
        assert_eq!(key_action("a"), None);
    }
}
