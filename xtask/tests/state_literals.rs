//! No state-like string literal in the server's code: run states, results, kinds,
//! triggers, batch states, script phases, log levels and sources, notification thresholds,
//! mail TLS modes and roles are the enums of `shared`, converted to text in one place (the
//! enums' `as_str`, used by the database conversion), so a literal such as `"finished"`
//! outside tests is a string that escaped the types.
//!
//! The measure of issue 12 ("81 literals today, target 0") is this test's count:
//! `cargo test -p xtask --test state_literals -- --nocapture` prints it.

#![allow(clippy::unwrap_used)] // a test: a panic is a failure

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use shared::text::TextEnum;

/// Literals that are the same word with another meaning: (file, literal, why).
const OTHER_MEANINGS: [(&str, &str, &str); 10] = [
    (
        "backend/src/api/health.rs",
        "ok",
        "the health endpoint's status word",
    ),
    ("backend/src/main.rs", "info", "the default tracing filter"),
    (
        "backend/src/domain/accounts.rs",
        "admin",
        "the first administrator's username",
    ),
    (
        "backend/src/api/health.rs",
        "system",
        "the OpenAPI tag of health and version",
    ),
    (
        "backend/src/api/mod.rs",
        "system",
        "the OpenAPI tag of health and version",
    ),
    (
        "backend/src/db/cluster.rs",
        "run",
        "the managed cluster's socket directory",
    ),
    (
        "backend/src/domain/audit/diff.rs",
        "token",
        "a field whose value the audit trail never records",
    ),
    // A folder (ending in `/`) excuses the word in every file below it.
    (
        "backend/src/api/",
        "replication",
        "the OpenAPI tag of the replication endpoints",
    ),
    (
        "backend/src/domain/replications/validation.rs",
        "token",
        "the replication source's token field, named in field errors",
    ),
    (
        "backend/src/replication/primary/setup.rs",
        "replication",
        "the data directory's folder of replication files",
    ),
];

fn names<T: TextEnum>(out: &mut BTreeSet<&'static str>) {
    out.extend(T::variants().iter().map(|v| v.wire()));
}

fn state_names() -> BTreeSet<&'static str> {
    let mut n = BTreeSet::new();
    names::<shared::runs::RunState>(&mut n);
    names::<shared::common::RunResult>(&mut n);
    names::<shared::runs::RunKind>(&mut n);
    names::<shared::runs::RunTrigger>(&mut n);
    names::<shared::runs::BatchState>(&mut n);
    names::<shared::scripts::ScriptPhase>(&mut n);
    names::<shared::events::LogLevel>(&mut n);
    names::<shared::events::LogSource>(&mut n);
    names::<shared::jobs::NotifyThreshold>(&mut n);
    names::<shared::settings::MailTls>(&mut n);
    names::<shared::Role>(&mut n);
    n
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n != "tests") {
                rust_files(&p, out);
            }
        } else if p.extension().is_some_and(|x| x == "rs")
            && p.file_name().is_some_and(|n| n != "tests.rs")
        {
            out.push(p);
        }
    }
}

/// `"word"` literals on the line (plain double-quoted strings without escapes).
fn literals(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find('"') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('"') else { break };
        out.push(&after[..end]);
        rest = &after[end + 1..];
    }
    out
}

#[test]
fn no_state_literals_in_the_server() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let states = state_names();
    let mut files = Vec::new();
    rust_files(&root.join("backend/src"), &mut files);
    files.sort();
    let mut found = Vec::new();
    for f in files {
        let rel = f.strip_prefix(root).unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&f).unwrap();
        for (i, line) in text.lines().enumerate() {
            // Unit tests (at the end of a file) may spell wire names out.
            if line.trim_start().starts_with("#[cfg(test)]") {
                break;
            }
            if line.trim_start().starts_with("//") {
                continue;
            }
            for lit in literals(line) {
                let excused = OTHER_MEANINGS.iter().any(|(file, word, _)| {
                    (*file == rel || (file.ends_with('/') && rel.starts_with(file))) && *word == lit
                });
                if states.contains(lit) && !excused {
                    found.push(format!("{rel}:{}: \"{lit}\"", i + 1));
                }
            }
        }
    }
    println!("state literals in backend/src: {}", found.len());
    assert!(
        found.is_empty(),
        "use the shared enums:\n{}",
        found.join("\n")
    );
}
