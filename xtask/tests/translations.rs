//! Translation completeness: every Fluent key exists in eu, es and en with the same
//! variables, no message is empty, every key is used by the code, every API error code
//! has a message in the server's files and every validation code one in the web app's
//! (which the server reads too), and no key is defined in both: each text exists once.

#![allow(clippy::unwrap_used)] // a test: a panic is a failure

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

const LANGS: [&str; 3] = ["en", "es", "eu"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

fn variables(p: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el {
            expr_vars(expression, out);
        }
    }
}

fn expr_vars(e: &Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        Expression::Inline(i) => inline_vars(i, out),
        Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                variables(&v.value, out);
            }
        }
    }
}

fn inline_vars(i: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    if let InlineExpression::VariableReference { id } = i {
        out.insert(id.name.to_owned());
    }
}

/// key → variables, for one .ftl file.
fn messages(path: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let res = fluent_syntax::parser::parse(text.as_str())
        .unwrap_or_else(|(_, errs)| panic!("{}: syntax errors {errs:?}", path.display()));
    let mut out = BTreeMap::new();
    for entry in res.body {
        if let Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            let value = m
                .value
                .as_ref()
                .unwrap_or_else(|| panic!("{}: {} has no value", path.display(), m.id.name));
            variables(value, &mut vars);
            let empty = value.elements.iter().all(
                |e| matches!(e, PatternElement::TextElement { value } if value.trim().is_empty()),
            );
            assert!(!empty, "{}: {} is empty", path.display(), m.id.name);
            out.insert(m.id.name.to_owned(), vars);
        }
    }
    out
}

fn rust_sources(dir: &Path) -> String {
    let mut all = String::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                all.push_str(&std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    all
}

/// Loads the three languages of one domain and checks they agree; returns the English map.
fn consistent(dir: &str, file: &str) -> BTreeMap<String, BTreeSet<String>> {
    let maps: Vec<_> = LANGS
        .iter()
        .map(|l| (l, messages(&root().join(dir).join(l).join(file))))
        .collect();
    let en = &maps[0].1;
    for (lang, map) in &maps[1..] {
        let missing: Vec<_> = en.keys().filter(|k| !map.contains_key(*k)).collect();
        let extra: Vec<_> = map.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{dir}: missing in {lang}: {missing:?}");
        assert!(
            extra.is_empty(),
            "{dir}: only in {lang}, not in en: {extra:?}"
        );
        for (k, vars) in en {
            assert_eq!(&map[k], vars, "{dir}: variables of {k} differ in {lang}");
        }
    }
    en.clone()
}

#[test]
fn web_app_translations_are_complete_and_used() {
    let en = consistent("frontend/i18n", "frontend.ftl");
    let code = rust_sources(&root().join("frontend/src"));
    let unused: Vec<_> = en
        .keys()
        .filter(|k| !code.contains(&format!("\"{k}\"")))
        .collect();
    assert!(
        unused.is_empty(),
        "keys not used by frontend/src: {unused:?}"
    );
}

/// Every validation code has its text once: in the web app's files (it checks fields
/// before any request; the server reads those files for the API's field errors), or in
/// the server's for the codes only the server can find (a missing directory, …).
#[test]
fn every_validation_code_has_one_text() {
    let server = consistent("backend/i18n", "backend.ftl");
    let web = consistent("frontend/i18n", "frontend.ftl");
    for c in shared::validate::CODES {
        let id = format!("validation-{}", c.replace('_', "-"));
        assert!(
            server.contains_key(&id) != web.contains_key(&id),
            "{id} must be defined by exactly one of server and web app"
        );
    }
}

/// One source of truth: no message id is defined by both the server and the web app (the
/// server owns the API error messages, the web app the rest).
#[test]
fn no_key_is_defined_twice() {
    let server = consistent("backend/i18n", "backend.ftl");
    let web = consistent("frontend/i18n", "frontend.ftl");
    let both: Vec<&String> = server.keys().filter(|k| web.contains_key(*k)).collect();
    assert!(both.is_empty(), "defined by server and web app: {both:?}");
}

#[test]
fn server_translations_are_complete_and_used() {
    let en = consistent("backend/i18n", "backend.ftl");
    let presets: BTreeSet<String> = shared::policies::PolicyPreset::ALL
        .iter()
        .flat_map(|p| {
            let (name, description) = p.message_ids();
            [name, description]
        })
        .collect();
    for id in &presets {
        assert!(en.contains_key(id), "server lacks {id}");
    }
    let backend = rust_sources(&root().join("backend/src"));
    for k in en.keys() {
        if k.starts_with("policy-preset-") {
            assert!(presets.contains(k), "{k} names no seeded policy");
        } else if ["cli-", "doctor-", "recover-", "run-phase-"]
            .iter()
            .any(|p| k.starts_with(p))
        {
            // The command line's own messages (start-up errors, `elkarbackup doctor`,
            // `elkarbackup recover`) and the phase marks of a run's log, used by the
            // backend by their literal ids.
            assert!(
                backend.contains(&format!("\"{k}\"")),
                "{k} is not used by backend/src"
            );
        } else if let Some(rest) = k.strip_prefix("mail-") {
            // Notification e-mails (backend/src/notify): literal ids, or built from an
            // event's or a run kind's name.
            let event = rest.strip_prefix("event-").is_some_and(|e| {
                shared::notifications::NotificationEvent::ALL
                    .iter()
                    .any(|v| v.as_str().replace('_', "-") == e)
            });
            let kind = rest
                .strip_prefix("kind-")
                .is_some_and(|kd| shared::runs::RunKind::ALL.iter().any(|v| v.as_str() == kd));
            assert!(
                event || kind || backend.contains(&format!("\"{k}\"")),
                "{k} is not used by backend/src"
            );
        } else if let Some(v) = k.strip_prefix("validation-") {
            let code = v.replace('-', "_");
            assert!(
                shared::validate::CODES.contains(&code.as_str()),
                "{k}: no validation code {code} in shared::validate::CODES"
            );
        } else {
            let used = shared::ErrorCode::ALL.iter().any(|c| &c.message_id() == k);
            assert!(used, "{k} matches no error code");
        }
    }
    for c in shared::ErrorCode::ALL {
        let id = c.message_id();
        assert!(en.contains_key(&id), "server lacks {id}");
    }
}

#[test]
fn validation_codes_are_emitted_somewhere() {
    // Each listed code appears as a literal besides the list itself.
    let code =
        rust_sources(&root().join("shared/src")) + &rust_sources(&root().join("backend/src"));
    for c in shared::validate::CODES {
        let uses = code.matches(&format!("\"{c}\"")).count();
        assert!(uses >= 2, "validation code {c} is listed but never emitted");
    }
}

/// Every run error code the engine can produce (`shared::runs::RunError`) is explained in
/// the web app, in each language.
#[test]
fn every_run_error_code_has_an_explanation_in_every_language() {
    for lang in LANGS {
        let map = messages(&root().join("frontend/i18n").join(lang).join("frontend.ftl"));
        let missing: Vec<String> = shared::runs::RunError::ALL
            .iter()
            .map(|e| e.message_id())
            .filter(|id| !map.contains_key(id))
            .collect();
        assert!(
            missing.is_empty(),
            "{lang}: run error codes without an explanation: {missing:?}"
        );
    }
}
