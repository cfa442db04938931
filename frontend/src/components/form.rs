//! Form state: `FormState` routes the problems of a form (found by the shared validators
//! or reported by the API as `fields[].field`) to the inputs they belong to (see `fields`
//! for the labelled inputs that show them), plus small parsing helpers.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::validate::Issue;
use shared::ErrorCode;

use crate::api::Failure;
use crate::i18n::{self, LOADER};
use crate::state::Session;

/// One problem with one field, already worded.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Problem {
    field: String,
    text: String,
}

/// The state every form shares: its problems, the last failure, whether a request is
/// under way. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct FormState {
    problems: RwSignal<Vec<Problem>>,
    failure: RwSignal<Option<Failure>>,
    /// Field names that have an input showing their problems.
    claimed: StoredValue<Vec<String>>,
    /// True while the form is being sent.
    pub pending: RwSignal<bool>,
    /// A success message after saving.
    pub notice: RwSignal<Option<String>>,
}

impl Default for FormState {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether the problem reported for `field` belongs to the input named `name`: the same
/// name, or one entry of the list it edits (`ssh_options.2` for `ssh_options`). Returns
/// the entry's line number (from 1) for list entries.
fn belongs(name: &str, field: &str) -> Option<Option<usize>> {
    if field == name {
        return Some(None);
    }
    let rest = field.strip_prefix(name)?.strip_prefix('.')?;
    rest.parse::<usize>().ok().map(|i| Some(i + 1))
}

impl FormState {
    /// A form without problems.
    pub fn new() -> Self {
        FormState {
            problems: RwSignal::new(Vec::new()),
            failure: RwSignal::new(None),
            claimed: StoredValue::new(Vec::new()),
            pending: RwSignal::new(false),
            notice: RwSignal::new(None),
        }
    }

    /// Forgets every problem and message (before sending again).
    pub fn clear(self) {
        self.problems.set(Vec::new());
        self.failure.set(None);
        self.notice.set(None);
    }

    /// Shows the problems found by the shared validators; true when there are none.
    pub fn check(self, issues: &[Issue]) -> bool {
        let problems: Vec<Problem> = issues
            .iter()
            .map(|issue| Problem {
                field: issue.field.clone(),
                text: i18n::issue_text(issue),
            })
            .collect();
        let ok = problems.is_empty();
        self.problems.set(problems);
        ok
    }

    /// Shows a failed request: field problems next to their fields, the rest on top. A
    /// plain conflict on saving means the name is taken: it is shown at the name field.
    pub fn fail(self, session: Session, failure: Failure) {
        let failure = session.check_failure(failure);
        let mut problems: Vec<Problem> = failure
            .fields
            .iter()
            .map(|f| Problem {
                field: f.field.clone(),
                text: i18n::server_field_text(f),
            })
            .collect();
        if failure.plain_conflict() {
            let name = self.claimed.with_value(|c| {
                ["name", "username"]
                    .into_iter()
                    .find(|n| c.iter().any(|x| x == n))
            });
            if let Some(field) = name {
                problems.push(Problem {
                    field: field.to_owned(),
                    text: fl!(LOADER, "validation-duplicate"),
                });
            }
        }
        self.problems.set(problems);
        self.failure.set(Some(failure));
    }

    /// The fields that have problems now (reactive).
    pub fn problem_fields(self) -> Vec<String> {
        self.problems
            .with(|list| list.iter().map(|p| p.field.clone()).collect())
    }

    /// The problems of the input editing `field`, as one text.
    pub fn error(self, field: impl Into<String>) -> Signal<Option<String>> {
        let field: String = field.into();
        self.claimed.update_value(|c| c.push(field.clone()));
        Signal::derive(move || {
            let texts: Vec<String> = self.problems.with(|list| {
                list.iter()
                    .filter_map(|p| match belongs(&field, &p.field)? {
                        None => Some(p.text.clone()),
                        Some(line) => Some(fl!(
                            LOADER,
                            "field-line",
                            line = line,
                            message = p.text.clone()
                        )),
                    })
                    .collect()
            });
            (!texts.is_empty()).then(|| texts.join(" "))
        })
    }

    /// The message on top of the form: the failure, plus the problems no input shows.
    pub fn general(self) -> Signal<Option<String>> {
        Signal::derive(move || {
            let unclaimed: Vec<String> = self.problems.with(|list| {
                self.claimed.with_value(|claimed| {
                    list.iter()
                        .filter(|p| !claimed.iter().any(|c| belongs(c, &p.field).is_some()))
                        .map(|p| p.text.clone())
                        .collect()
                })
            });
            let any_problem = self.problems.with(|p| !p.is_empty());
            let head = self.failure.with(|f| match f {
                Some(f) if f.code == Some(ErrorCode::ValidationFailed) || any_problem => {
                    fl!(LOADER, "form-invalid")
                }
                Some(f) => f.explain(),
                None if any_problem => fl!(LOADER, "form-invalid"),
                None => String::new(),
            });
            if head.is_empty() {
                return None;
            }
            let mut text = head;
            for u in unclaimed {
                text.push(' ');
                text.push_str(&u);
            }
            Some(text)
        })
    }
}

/// Splits a text area into its non-blank lines (one list entry each), trimmed.
pub fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Parses an optional whole number; `Err(())` when something that is not one was typed.
pub fn parse_number(text: &str) -> Result<Option<i64>, ()> {
    let t = text.trim();
    if t.is_empty() {
        Ok(None)
    } else {
        t.parse().map(Some).map_err(drop)
    }
}

/// Reads a required whole number for `field`. When anything else was typed, records that
/// it must lie in `min..=max` and gives `fallback` instead.
pub fn required_number(
    text: &str,
    field: &'static str,
    (min, max): (i64, i64),
    fallback: i32,
    issues: &mut Vec<Issue>,
) -> i32 {
    match parse_number(text) {
        Ok(Some(n)) => i32::try_from(n).unwrap_or(0),
        _ => {
            issues.push(Issue::with(
                field,
                "out_of_range",
                &[("min", min), ("max", max)],
            ));
            fallback
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_find_their_field() {
        assert_eq!(belongs("name", "name"), Some(None));
        assert_eq!(belongs("ssh_options", "ssh_options.0"), Some(Some(1)));
        assert_eq!(belongs("connection.host", "connection.host"), Some(None));
        assert_eq!(belongs("connection", "connection.host"), None);
        assert_eq!(belongs("name", "names"), None);
        assert_eq!(
            belongs("schedule.daily.times", "schedule.daily.times.1"),
            Some(Some(2))
        );
    }

    #[test]
    fn splits_lines() {
        assert_eq!(lines(" a \r\n\n b\n  \n"), vec!["a", "b"]);
        assert_eq!(parse_number(" 12 "), Ok(Some(12)));
        assert_eq!(parse_number(""), Ok(None));
        assert!(parse_number("1x").is_err());
        let mut issues = Vec::new();
        assert_eq!(required_number("7", "n", (1, 9), 1, &mut issues), 7);
        assert!(issues.is_empty());
        assert_eq!(required_number("x", "n", (1, 9), 3, &mut issues), 3);
        assert_eq!(issues.len(), 1);
    }
}
