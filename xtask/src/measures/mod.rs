//! `cargo xtask measures`: the code's structural measures (files over 400 lines, functions
//! over 80 lines, module cycles and upward imports in the backend), and the test that keeps
//! them from growing: what exceeds a budget today is listed in `xtask/measures-known.txt`,
//! and the test fails on anything new and on anything listed that is gone.

pub mod layers;
pub mod size;

use std::collections::BTreeSet;
use std::path::Path;

/// Lines a non-test source file may have.
pub const FILE_MAX: usize = 400;
/// Lines a non-test function may have.
pub const FN_MAX: usize = 80;
/// The folders whose sources are measured.
pub const DIRS: [&str; 4] = ["backend/src", "shared/src", "frontend/src", "xtask/src"];

/// Every finding, one line each, in a stable order: `file path lines`,
/// `fn path:line name lines`, `cycle a b c`, `upward a -> b`.
pub fn findings(root: &Path) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    for rel in size::sources(root, &DIRS) {
        let text = std::fs::read_to_string(root.join(&rel))?;
        let lines = size::without_tests(&text);
        let file = rel.to_string_lossy().into_owned();
        let n = size::code_lines(&text);
        // Generated files (diesel's `schema.rs`) are checked against their generator,
        // not measured.
        if n > FILE_MAX && !text.starts_with("// @generated") {
            out.push(format!("file {file} {n}"));
        }
        for l in size::long_functions(&file, &lines, FN_MAX) {
            out.push(format!("fn {}:{} {} {}", l.file, l.line, l.name, l.lines));
        }
    }
    let src = root.join("backend/src");
    let files: Vec<_> = size::sources(root, &["backend/src"])
        .into_iter()
        .filter_map(|p| p.strip_prefix("backend/src").ok().map(Path::to_owned))
        .collect();
    let g = layers::graph(&src, &files)?;
    for c in layers::cycles(&g) {
        out.push(format!("cycle {}", c.join(" ")));
    }
    for u in layers::upward(&g) {
        out.push(format!("upward {u}"));
    }
    Ok(out)
}

/// A finding without what moves with every edit (line numbers and lengths), to compare
/// with the known list.
pub fn key(finding: &str) -> String {
    let mut w: Vec<&str> = finding.split(' ').collect();
    match w.first() {
        Some(&"file") => w.truncate(2),
        Some(&"fn") => {
            if let Some(path) = w.get_mut(1) {
                *path = path.split(':').next().unwrap_or(path);
            }
            w.truncate(3);
        }
        _ => {}
    }
    w.join(" ")
}

/// Prints the measures with their counts, marking what the known list lacks as new.
pub fn print(root: &Path) -> anyhow::Result<()> {
    let all = findings(root)?;
    let known = known(root)?;
    for kind in ["file", "fn", "cycle", "upward"] {
        let these: Vec<&String> = all
            .iter()
            .filter(|f| f.split(' ').next() == Some(kind))
            .collect();
        println!("{kind}: {}", these.len());
        for f in these {
            let new = if known.contains(&key(f)) {
                ""
            } else {
                "  (new)"
            };
            println!("  {f}{new}");
        }
    }
    Ok(())
}

/// The known list: one `key` a line; `#` comments and blank lines ignored.
pub fn known(root: &Path) -> anyhow::Result<BTreeSet<String>> {
    let text = std::fs::read_to_string(root.join("xtask/measures-known.txt"))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_code_stays_within_its_budgets() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let now: BTreeSet<String> = findings(root).unwrap().iter().map(|f| key(f)).collect();
        let known = known(root).unwrap();
        let new: Vec<&String> = now.difference(&known).collect();
        let gone: Vec<&String> = known.difference(&now).collect();
        assert!(
            new.is_empty() && gone.is_empty(),
            "over budget and not in xtask/measures-known.txt: {new:#?}\n\
             listed there but fixed (remove them): {gone:#?}\n(see `cargo xtask measures`)"
        );
    }

    #[test]
    fn keys_drop_what_moves() {
        assert_eq!(key("file a.rs 401"), "file a.rs");
        assert_eq!(key("fn a.rs:12 run 93"), "fn a.rs run");
        assert_eq!(
            key("upward events -> domain::queue"),
            "upward events -> domain::queue"
        );
    }
}
