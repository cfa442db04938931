//! Validation building blocks shared by the server (authoritative) and the web app (early
//! feedback): an `Issue` names a field, a stable code and the message arguments.

/// A problem with one input field. The server turns it into a localised `FieldError`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The field as named in the request body; nested fields use dots (`schedule.daily.keep`).
    pub field: String,
    /// `required`, `too_short`, `too_long`, `out_of_range`, `invalid`, … (see `CODES`).
    pub code: &'static str,
    /// Integer arguments of the message (`min`, `max`).
    pub args: Vec<(&'static str, i64)>,
}

/// Every issue code, each with a translated message `validation-<code>`.
pub const CODES: &[&str] = &[
    "required",
    "too_short",
    "too_long",
    "out_of_range",
    "invalid",
    "not_allowed",
    "duplicate",
    "not_found",
    "time_format",
    "directory_missing",
    "directory_not_writable",
    "mismatch",
    "before_start",
    "too_weak",
    "outside_key_root",
    "invalid_code",
    "setup_not_started",
    "not_enabled",
    "own_two_factor_first",
];

/// The shortest password accepted (the server also checks how hard it is to guess).
pub const MIN_PASSWORD: usize = 12;

impl Issue {
    /// An issue without arguments.
    pub fn new(field: impl Into<String>, code: &'static str) -> Self {
        Issue {
            field: field.into(),
            code,
            args: Vec::new(),
        }
    }

    /// An issue with arguments.
    pub fn with(
        field: impl Into<String>,
        code: &'static str,
        args: &[(&'static str, i64)],
    ) -> Self {
        Issue {
            field: field.into(),
            code,
            args: args.to_vec(),
        }
    }
}

/// Checks a string's length in characters.
pub fn check_len(issues: &mut Vec<Issue>, field: &str, value: &str, min: usize, max: usize) {
    let n = value.chars().count();
    if n == 0 && min > 0 {
        issues.push(Issue::new(field, "required"));
    } else if n < min {
        issues.push(Issue::with(field, "too_short", &[("min", min as i64)]));
    } else if n > max {
        issues.push(Issue::with(field, "too_long", &[("max", max as i64)]));
    }
}

/// Checks an integer range.
pub fn check_range(issues: &mut Vec<Issue>, field: &str, value: i64, min: i64, max: i64) {
    if value < min || value > max {
        issues.push(Issue::with(
            field,
            "out_of_range",
            &[("min", min), ("max", max)],
        ));
    }
}

/// True for a name usable as a host name or address: letters, digits, dots, dashes,
/// colons and brackets (IPv6), not starting with a dash.
pub fn is_hostname(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && !s.starts_with('-')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']' | '_'))
}

/// True for a user name usable on the remote side: no spaces, no shell metacharacters, not
/// starting with a dash.
pub fn is_unix_user(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && !s.starts_with('-')
        && s
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '$' | '\\'))
        // `$` only as the trailing character of a Windows machine account.
        && !s[..s.len() - 1].contains('$')
}

/// True when a text contains no control characters (NUL, newlines, …).
pub fn is_single_line(s: &str) -> bool {
    !s.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_users() {
        assert!(is_hostname("backup-01.herria.eus"));
        assert!(is_hostname("192.168.1.10"));
        assert!(is_hostname("[fe80::1]"));
        assert!(!is_hostname("-oProxyCommand=x"));
        assert!(!is_hostname("a b"));
        assert!(!is_hostname("x;rm"));
        assert!(!is_hostname("$(id)"));
        assert!(is_unix_user("root"));
        assert!(is_unix_user("PC01$"));
        assert!(!is_unix_user("a$b"));
        assert!(!is_unix_user("-l"));
        assert!(!is_unix_user("a b"));
        assert!(!is_unix_user("x`id`"));
    }

    #[test]
    fn lengths_and_ranges() {
        let mut v = Vec::new();
        check_len(&mut v, "n", "", 1, 3);
        check_len(&mut v, "n", "abcd", 1, 3);
        check_range(&mut v, "p", 0, 1, 9);
        let codes: Vec<_> = v.iter().map(|i| i.code).collect();
        assert_eq!(codes, ["required", "too_long", "out_of_range"]);
    }
}
