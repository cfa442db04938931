//! Sizes of non-test Rust sources: files over a line budget and functions over a line
//! budget, read from rustfmt-formatted text (a body ends at the first line holding only
//! `}` at the indentation of its `fn`).

use std::path::{Path, PathBuf};

/// One place over its budget: the file, the 1-based line it starts at, its name and length.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Long {
    /// The file, relative to the workspace root.
    pub file: String,
    /// The 1-based line the function starts at (1 for a whole file).
    pub line: usize,
    /// The function's name, or empty for a whole file.
    pub name: String,
    /// How many lines it spans.
    pub lines: usize,
}

/// Whether a path is test code as a whole: `tests/` folders and `tests.rs` files.
pub fn is_test_file(rel: &Path) -> bool {
    rel.components().any(|c| c.as_os_str() == "tests")
        || rel.file_name().is_some_and(|n| n == "tests.rs")
}

/// Every non-test `.rs` file below the given folders of `root`, as paths relative to it.
pub fn sources(root: &Path, dirs: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for d in dirs {
        walk(root, &root.join(d), &mut out);
    }
    out.sort();
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(root, &p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            if let Ok(rel) = p.strip_prefix(root) {
                if !is_test_file(rel) {
                    out.push(rel.to_owned());
                }
            }
        }
    }
}

/// The lines of a file that are not test code: `#[cfg(test)]` items are blanked out so
/// line numbers stay true.
pub fn without_tests(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = text.lines().collect();
    for (from, to) in test_items(&out.clone()) {
        for l in &mut out[from..to] {
            *l = "";
        }
    }
    out
}

/// How many lines of a file are code that ships: all but its `#[cfg(test)]` items.
pub fn code_lines(text: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let tests: usize = test_items(&lines).iter().map(|(a, b)| b - a).sum();
    lines.len() - tests
}

/// The `#[cfg(test)]` items of a file as line ranges (start inclusive, end exclusive): up
/// to the item's closing brace at the attribute's indentation, or its line when it ends
/// with `;` (`mod tests;`).
fn test_items(lines: &[&str]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() != "#[cfg(test)]" {
            i += 1;
            continue;
        }
        let indent = indent_of(lines[i]);
        let mut j = i + 1;
        while j < lines.len() && !lines[j].trim_end().ends_with(['{', ';']) {
            j += 1;
        }
        if j < lines.len() && lines[j].trim_end().ends_with('{') {
            j += 1;
            while j < lines.len() && !(indent_of(lines[j]) == indent && lines[j].trim() == "}") {
                j += 1;
            }
        }
        let end = (j + 1).min(lines.len());
        out.push((i, end));
        i = end;
    }
    out
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The name of the function a line declares, if it declares one.
fn fn_name(line: &str) -> Option<&str> {
    let mut words = line.trim_start();
    loop {
        let next = [
            "pub(crate) ",
            "pub(super) ",
            "pub ",
            "const ",
            "async ",
            "unsafe ",
            "extern \"C\" ",
        ]
        .iter()
        .find_map(|p| words.strip_prefix(p));
        match next {
            Some(rest) => words = rest,
            None => break,
        }
    }
    let rest = words.strip_prefix("fn ")?;
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// The functions of a file's lines longer than `max` lines, from `fn` to closing brace.
pub fn long_functions(file: &str, lines: &[&str], max: usize) -> Vec<Long> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(name) = fn_name(line) else { continue };
        let indent = indent_of(line);
        // The signature ends at the first line ending with `{` (a body follows), `}` (the
        // body ends on that line) or `;` (no body).
        let Some(open) = (i..lines.len()).find(|&k| lines[k].trim_end().ends_with(['{', '}', ';']))
        else {
            continue;
        };
        if lines[open].trim_end().ends_with(';') {
            continue;
        }
        let close = if lines[open].trim_end().ends_with('}') {
            Some(open)
        } else {
            (open + 1..lines.len())
                .find(|&k| indent_of(lines[k]) == indent && lines[k].trim_start().starts_with('}'))
        };
        let Some(close) = close else { continue };
        let len = close - i + 1;
        if len > max {
            out.push(Long {
                file: file.to_owned(),
                line: i + 1,
                name: name.to_owned(),
                lines: len,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_function_spans_from_fn_to_its_closing_brace() {
        let text = "pub async fn a(\n    x: u8,\n) -> u8 {\n    x\n}\n\nfn b() {}\n";
        let lines: Vec<&str> = text.lines().collect();
        let long = long_functions("f.rs", &lines, 4);
        assert_eq!(long.len(), 1);
        assert_eq!(
            (long[0].name.as_str(), long[0].line, long[0].lines),
            ("a", 1, 5)
        );
        assert!(long_functions("f.rs", &lines, 5).is_empty());
    }

    #[test]
    fn declarations_without_body_and_nested_blocks_are_read_right() {
        let text =
            "trait T {\n    fn d(&self);\n    fn e(&self) {\n        if x {\n        }\n    }\n}\n";
        let lines: Vec<&str> = text.lines().collect();
        let long = long_functions("f.rs", &lines, 1);
        assert_eq!(long.len(), 1, "{long:?}");
        assert_eq!((long[0].name.as_str(), long[0].lines), ("e", 4));
    }

    #[test]
    fn test_modules_are_left_out() {
        let text = "fn a() {}\n\n#[cfg(test)]\nmod tests {\n    fn t() {\n    }\n}\n";
        let lines = without_tests(text);
        assert_eq!(
            code_lines(text),
            2,
            "the function and the blank line after it"
        );
        let after = "fn a() {}\n#[cfg(test)]\nmod tests {\n}\nfn b() {}\n";
        assert_eq!(
            code_lines(after),
            2,
            "code after the tests counts, the tests do not"
        );
        assert!(long_functions("f.rs", &lines, 0).len() == 1);
        assert!(is_test_file(Path::new("backend/tests/api/x.rs")));
        assert!(is_test_file(Path::new("backend/src/engine/store/tests.rs")));
        assert!(!is_test_file(Path::new("backend/src/engine/store.rs")));
    }
}
