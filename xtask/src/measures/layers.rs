//! The backend's module graph, read from `crate::` and `super::` paths in its sources: the
//! cycles between modules and the imports that point up the layers of DESIGN.md §2.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module: `domain::clients`, or `domain` for `domain/mod.rs`, `config` for `config.rs`.
pub type Module = String;

/// Edges from each module to the modules it names.
pub type Graph = BTreeMap<Module, BTreeSet<Module>>;

/// The layer of a top-level module: a module may name modules of its own layer or lower.
/// `None` for a module not in the table (the check then names it, so the table stays whole).
pub fn layer(top: &str) -> Option<u8> {
    Some(match top {
        "main" | "cli" | "startup" | "web" | "api" | "state" => 6,
        // `elkarbackup doctor` and `recover`: whole-installation commands beside the server.
        "doctor" | "recovery" => 6,
        "scheduler" => 5,
        "domain" => 4,
        "auth" => 3,
        "engine" => 3,
        // Dumps of the catalog into the locations: the engine's places, the database's URL.
        "catalog" => 3,
        // The replication sync drives the engine's queue; the replication run (engine)
        // reads the primary through it.
        "replication" => 3,
        "events" | "notify" => 2,
        "db" | "views" => 1,
        "snapfs" | "config" | "i18n" | "lib" => 0,
        _ => return None,
    })
}

/// The module a source file (relative to `src/`) defines.
pub fn module_of(rel: &Path) -> Module {
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.last_mut() {
        *last = last.trim_end_matches(".rs").to_owned();
    }
    if parts.last().is_some_and(|l| l == "mod") {
        parts.pop();
    }
    parts.join("::")
}

/// The two-level module a path names (`crate::db::runs::x` → `db::runs`), relative to the
/// module `from` for `super::` paths. Names that are not modules (types, functions) are
/// cut to the module holding them by `known`.
fn resolve(from: &str, path: &[&str], known: &BTreeSet<Module>) -> Option<Module> {
    let mut base: Vec<&str> = match *path.first()? {
        "crate" => Vec::new(),
        "super" => {
            let mut b: Vec<&str> = from.split("::").collect();
            b.pop();
            b
        }
        _ => return None,
    };
    let mut rest = &path[1..];
    while rest.first() == Some(&"super") {
        base.pop();
        rest = &rest[1..];
    }
    let mut full: Vec<&str> = base;
    full.extend(rest.iter().filter(|s| **s != "self"));
    // The longest prefix of at most two segments that is a known module.
    for n in (1..=full.len().min(2)).rev() {
        let m = full[..n].join("::");
        if known.contains(&m) {
            return Some(m);
        }
    }
    None
}

/// Expands a `use` tree (`crate::db::{self, runs, x::{a, b}}`) into its paths.
fn expand(tree: &str) -> Vec<Vec<String>> {
    fn go(prefix: &[String], s: &str, out: &mut Vec<Vec<String>>) {
        let s = s.trim();
        if let Some(open) = s.find('{') {
            let head: Vec<String> = s[..open]
                .split("::")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect();
            let inner = &s[open + 1..s.rfind('}').unwrap_or(s.len())];
            let mut p = prefix.to_vec();
            p.extend(head);
            let mut depth = 0;
            let mut start = 0;
            for (i, ch) in inner.char_indices() {
                match ch {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        go(&p, &inner[start..i], out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            go(&p, &inner[start..], out);
        } else if !s.is_empty() {
            let mut p = prefix.to_vec();
            let s = s.split(" as ").next().unwrap_or(s);
            p.extend(s.split("::").map(|x| x.trim().to_owned()));
            out.push(p);
        }
    }
    let mut out = Vec::new();
    go(&[], tree, &mut out);
    out
}

/// The paths one file names: its `use` trees and the `crate::…`/`super::…` paths in code.
fn paths_in(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let code: String = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut rest = code.as_str();
    // `use` statements, which may span lines and group paths in braces.
    while let Some(at) = rest.find("use ") {
        let before_ok = at == 0 || rest[..at].ends_with([' ', '\n', '\t']);
        let after = &rest[at + 4..];
        if before_ok {
            if let Some(end) = after.find(';') {
                let tree = &after[..end];
                if tree.starts_with("crate") || tree.starts_with("super") {
                    out.extend(expand(tree));
                }
            }
        }
        rest = after;
    }
    // Inline paths such as `crate::db::runs::finish(..)`.
    for start in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(start) {
            let s = from + at;
            from = s + start.len();
            // Not the tail of a longer path (`super::super::x`) or of a name (`my_crate::`).
            if code[..s].ends_with(|c: char| c == ':' || c == '_' || c.is_alphanumeric()) {
                continue;
            }
            let tail: String = code[s..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            out.push(tail.split("::").map(str::to_owned).collect());
        }
    }
    out
}

/// The graph of `src` (a crate's source folder): module → modules it names, self-edges and
/// edges into its own children left out.
pub fn graph(src: &Path, files: &[std::path::PathBuf]) -> std::io::Result<Graph> {
    let mods: Vec<(Module, String)> = files
        .iter()
        .map(|f| {
            // Test modules may reach anywhere; only what ships counts.
            let text = std::fs::read_to_string(src.join(f))?;
            Ok((module_of(f), super::size::without_tests(&text).join("\n")))
        })
        .collect::<std::io::Result<_>>()?;
    let known: BTreeSet<Module> = mods
        .iter()
        .flat_map(|(m, _)| {
            let top = m.split("::").next().unwrap_or(m).to_owned();
            [m.clone(), top]
        })
        .collect();
    let mut g = Graph::new();
    for (m, text) in &mods {
        let node = two_levels(m);
        let entry = g.entry(node.clone()).or_default();
        for p in paths_in(text) {
            let refs: Vec<&str> = p.iter().map(String::as_str).collect();
            if let Some(to) = resolve(m, &refs, &known) {
                if to != node && !to.starts_with(&format!("{node}::")) {
                    entry.insert(to);
                }
            }
        }
    }
    Ok(g)
}

fn two_levels(m: &str) -> Module {
    m.split("::").take(2).collect::<Vec<_>>().join("::")
}

/// Pairs of modules that name each other, directly or through others: each cycle's
/// modules (strongly connected components with more than one module).
pub fn cycles(g: &Graph) -> Vec<Vec<Module>> {
    // Kosaraju: finish order on the graph, then components on the reversed graph.
    let nodes: Vec<&Module> = g.keys().collect();
    let mut seen = BTreeSet::new();
    let mut order = Vec::new();
    for n in &nodes {
        dfs(g, n, &mut seen, &mut order);
    }
    let mut rev: BTreeMap<&Module, Vec<&Module>> = BTreeMap::new();
    for (a, bs) in g {
        for b in bs {
            rev.entry(b).or_default().push(a);
        }
    }
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for n in order.iter().rev() {
        if done.contains(*n) {
            continue;
        }
        let mut comp = Vec::new();
        let mut stack = vec![*n];
        done.insert((*n).clone());
        while let Some(x) = stack.pop() {
            comp.push(x.clone());
            for y in rev.get(x).into_iter().flatten() {
                if done.insert((*y).clone()) {
                    stack.push(y);
                }
            }
        }
        if comp.len() > 1 {
            comp.sort();
            out.push(comp);
        }
    }
    out.sort();
    out
}

fn dfs<'a>(
    g: &'a Graph,
    n: &'a Module,
    seen: &mut BTreeSet<&'a Module>,
    order: &mut Vec<&'a Module>,
) {
    if !seen.insert(n) {
        return;
    }
    // Iterative would be safer for deep graphs; a crate's modules are a few dozen deep.
    for m in g.get(n).into_iter().flatten() {
        if let Some((k, _)) = g.get_key_value(m) {
            dfs(g, k, seen, order);
        }
    }
    order.push(n);
}

/// Edges that point to a higher layer (or touch a module missing from the layer table),
/// as `from -> to`.
pub fn upward(g: &Graph) -> Vec<String> {
    let mut out = Vec::new();
    for (a, bs) in g {
        for b in bs {
            let (ta, tb) = (top(a), top(b));
            match (layer(ta), layer(tb)) {
                (Some(la), Some(lb)) if lb <= la => {}
                _ => out.push(format!("{a} -> {b}")),
            }
        }
    }
    out
}

fn top(m: &str) -> &str {
    m.split("::").next().unwrap_or(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(ms: &[&str]) -> BTreeSet<Module> {
        ms.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn use_trees_expand_to_their_paths() {
        let got = expand("crate::db::{self, runs::{a, b as c}, Pool}");
        let want: Vec<Vec<String>> = [
            "crate::db::self",
            "crate::db::runs::a",
            "crate::db::runs::b",
            "crate::db::Pool",
        ]
        .iter()
        .map(|s| s.split("::").map(str::to_owned).collect())
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn paths_resolve_to_two_level_modules() {
        let k = known(&[
            "db",
            "db::runs",
            "domain",
            "domain::jobs",
            "domain::clients",
        ]);
        assert_eq!(
            resolve("domain::clients", &["crate", "db", "runs", "finish"], &k).as_deref(),
            Some("db::runs")
        );
        assert_eq!(
            resolve("domain::clients", &["crate", "db", "DbError"], &k).as_deref(),
            Some("db")
        );
        assert_eq!(
            resolve("domain::clients", &["super", "jobs", "x"], &k).as_deref(),
            Some("domain::jobs")
        );
        assert_eq!(resolve("domain::clients", &["std", "fs"], &k), None);
        assert_eq!(module_of(Path::new("domain/mod.rs")), "domain");
        assert_eq!(
            module_of(Path::new("engine/store/tests.rs")),
            "engine::store::tests"
        );
    }

    #[test]
    fn cycles_and_upward_edges_are_found() {
        let mut g = Graph::new();
        let mut add = |a: &str, b: &str| {
            g.entry(a.into()).or_default().insert(b.into());
            g.entry(b.into()).or_default();
        };
        add("domain::runs", "engine::runner");
        add("engine::runner", "events");
        add("events", "domain::runs");
        add("api::jobs", "db::jobs");
        let c = cycles(&g);
        assert_eq!(
            c,
            vec![vec![
                "domain::runs".to_string(),
                "engine::runner".into(),
                "events".into()
            ]]
        );
        assert_eq!(upward(&g), vec!["events -> domain::runs".to_string()]);
    }

    #[test]
    fn inline_paths_and_grouped_uses_are_read() {
        let text = "use crate::{db::{self, jobs}, engine::places};\n// crate::api::x in a comment\nfn f() { crate::domain::runs::finish(); super::keys::x(); super::super::y(); }\n";
        let ps = paths_in(text);
        let joined: Vec<String> = ps.iter().map(|p| p.join("::")).collect();
        assert!(
            joined.contains(&"crate::db::jobs".to_string()),
            "{joined:?}"
        );
        assert!(joined.contains(&"crate::engine::places".to_string()));
        assert!(joined.contains(&"crate::domain::runs::finish".to_string()));
        assert!(joined.contains(&"super::keys::x".to_string()));
        assert!(!joined.iter().any(|p| p.contains("api")));
        assert!(joined.contains(&"super::super::y".to_string()));
        assert!(!joined.contains(&"super::y".to_string()), "{joined:?}");
    }
}
