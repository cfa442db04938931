//! The changed fields of an audit record: a pure comparison of two JSON documents (the
//! object before and after a change), with secrets redacted and large texts left out.

use serde_json::{Map, Value};

/// What stands in for a secret, before and after, when it changed.
pub const REDACTED: &str = "<redacted>";
/// What stands in for a large text (a script's content) that changed.
pub const CHANGED: &str = "<changed>";

/// Fields whose values never enter the audit trail: passwords, tokens, keys, secrets.
const SECRET_FIELDS: &[&str] = &[
    "password",
    "current_password",
    "new_password",
    "mail_password",
    "daemon_password",
    "token",
    "trigger_token",
    "secret",
    "private_key",
    "key",
];

/// Fields not secret but too large to copy: only that they changed is recorded.
const LARGE_FIELDS: &[&str] = &["content", "content_base64"];

/// Fields every save changes by itself: no news.
const IGNORED_FIELDS: &[&str] = &["created_at", "updated_at", "last_used_at"];

/// Whether the value of `field` must never be recorded.
pub fn is_secret(field: &str) -> bool {
    SECRET_FIELDS.contains(&field)
}

/// The top-level fields that differ between `before` and `after`, each as
/// `[before, after]` (a field missing on one side is `null` there; nested objects are
/// compared whole). Secrets become [`REDACTED`] and large texts [`CHANGED`] on both sides,
/// so their values never appear. A document that is not an object counts as empty: a
/// creation is `changes(&Value::Null, &after)`, a deletion `changes(&before, &Value::Null)`.
pub fn changes(before: &Value, after: &Value) -> Map<String, Value> {
    let empty = Map::new();
    let b = before.as_object().unwrap_or(&empty);
    let a = after.as_object().unwrap_or(&empty);
    let mut out = Map::new();
    for field in b.keys().chain(a.keys()) {
        if out.contains_key(field) || IGNORED_FIELDS.contains(&field.as_str()) {
            continue;
        }
        let (old, new) = (
            b.get(field).unwrap_or(&Value::Null),
            a.get(field).unwrap_or(&Value::Null),
        );
        if old == new {
            continue;
        }
        out.insert(field.clone(), pair(field, old, new));
    }
    out
}

/// The `[before, after]` recorded for a field that changed.
fn pair(field: &str, old: &Value, new: &Value) -> Value {
    let stand_in = if is_secret(field) {
        Some(REDACTED)
    } else if LARGE_FIELDS.contains(&field) {
        Some(CHANGED)
    } else {
        None
    };
    match stand_in {
        Some(s) => Value::Array(vec![s.into(), s.into()]),
        None => Value::Array(vec![old.clone(), new.clone()]),
    }
}

/// Marks a secret field as changed (for secrets a view never shows, such as a new
/// password given with an update): `[REDACTED, REDACTED]`.
pub fn mark_secret_changed(changes: &mut Map<String, Value>, field: &str) {
    changes.insert(
        field.to_owned(),
        Value::Array(vec![REDACTED.into(), REDACTED.into()]),
    );
}

/// Marks a large text a view never shows (a script's content) as changed:
/// `[CHANGED, CHANGED]`.
pub fn mark_large_changed(changes: &mut Map<String, Value>, field: &str) {
    changes.insert(
        field.to_owned(),
        Value::Array(vec![CHANGED.into(), CHANGED.into()]),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_changed_top_level_fields_with_before_and_after() {
        let b = json!({"name": "home", "active": true, "include": ["a"], "n": {"x": 1, "y": 2}});
        let a = json!({"name": "docs", "active": true, "include": ["a"], "n": {"x": 1, "y": 3}});
        assert_eq!(
            Value::Object(changes(&b, &a)),
            json!({"name": ["home", "docs"], "n": [{"x": 1, "y": 2}, {"x": 1, "y": 3}]})
        );
    }

    #[test]
    fn equal_documents_have_no_changes() {
        let v = json!({"name": "home", "list": [1, 2]});
        assert!(changes(&v, &v).is_empty());
    }

    #[test]
    fn missing_fields_and_non_objects_count_as_null() {
        assert_eq!(
            Value::Object(changes(&Value::Null, &json!({"name": "x", "quota": null}))),
            json!({"name": [null, "x"]})
        );
        assert_eq!(
            Value::Object(changes(&json!({"name": "x"}), &json!({}))),
            json!({"name": ["x", null]})
        );
    }

    #[test]
    fn secrets_are_redacted_and_large_texts_left_out() {
        let b = json!({"password": "old-pw", "mail_password": "a", "content_base64": "QUJD"});
        let a = json!({"password": "new-pw", "mail_password": "b", "content_base64": "REVG"});
        let out = Value::Object(changes(&b, &a));
        assert_eq!(
            out,
            json!({
                "password": [REDACTED, REDACTED],
                "mail_password": [REDACTED, REDACTED],
                "content_base64": [CHANGED, CHANGED],
            })
        );
        let text = out.to_string();
        for secret in ["old-pw", "new-pw", "QUJD", "REVG"] {
            assert!(!text.contains(secret), "{secret} leaked into {text}");
        }
    }

    #[test]
    fn unchanged_secrets_are_not_mentioned_and_timestamps_ignored() {
        let b = json!({"token": "t", "updated_at": "2026-01-01T00:00:00Z", "name": "a"});
        let a = json!({"token": "t", "updated_at": "2026-02-01T00:00:00Z", "name": "a"});
        assert!(changes(&b, &a).is_empty());
    }

    #[test]
    fn marking_a_secret_changed_redacts_it() {
        let mut m = Map::new();
        mark_secret_changed(&mut m, "password");
        assert_eq!(Value::Object(m), json!({"password": [REDACTED, REDACTED]}));
    }
}
