//! The web app's start page as served: trunk's `index.html`, read once at start and, under
//! a path prefix, rewritten so that the same build works there (a `<base href>` for the
//! app to find its prefix, trunk's absolute asset URLs moved under the prefix), with the
//! Content-Security-Policy hashes of the page actually served.

use std::path::Path;

use super::csp;

/// The start page and the policy that allows its inline loader.
#[derive(Debug, Clone)]
pub struct IndexPage {
    /// The page; `None` when the web app has not been built.
    pub html: Option<String>,
    /// The Content-Security-Policy of the web app's pages.
    pub csp: String,
}

impl IndexPage {
    /// Reads `dist/index.html` and rewrites it for `prefix`.
    pub fn load(dist: &Path, prefix: &str) -> Self {
        let html = std::fs::read_to_string(dist.join("index.html"))
            .ok()
            .map(|html| rewrite(&html, prefix, &asset_names(dist)));
        let hashes = html
            .as_deref()
            .map(csp::inline_script_hashes)
            .unwrap_or_default();
        IndexPage {
            html,
            csp: csp::app_policy(&hashes),
        }
    }
}

/// The names at the top of the build directory: what trunk's absolute URLs may name.
fn asset_names(dist: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dist) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| !n.is_empty())
        .collect()
}

/// `html` for serving under `prefix`: a `<base href="prefix/">` first in `<head>`, and every
/// quoted absolute URL of a build file (`"/frontend-1a2b.js"`, `'/frontend-1a2b_bg.wasm'`)
/// moved under the prefix, in one pass (nothing is rewritten twice). Unchanged without a
/// prefix.
pub fn rewrite(html: &str, prefix: &str, assets: &[String]) -> String {
    if prefix.is_empty() {
        return html.to_owned();
    }
    let names_asset = |url: &str| {
        assets.iter().any(|a| {
            url.strip_prefix(a.as_str())
                .is_some_and(|after| after.starts_with(['"', '\'', '?', '#']))
        })
    };
    let mut out = String::with_capacity(html.len() + 64 + 16 * prefix.len());
    let mut rest = html;
    while let Some(i) = rest.find(['"', '\'']) {
        let (upto, after) = rest.split_at(i + 1);
        out.push_str(upto);
        if after.strip_prefix('/').is_some_and(names_asset) {
            out.push_str(prefix);
        }
        rest = after;
    }
    out.push_str(rest);
    insert_base(&out, prefix)
}

/// Puts `<base href="prefix/">` right after the `<head>` tag (or first, without one).
fn insert_base(html: &str, prefix: &str) -> String {
    let base = format!("<base href=\"{prefix}/\">");
    let at = html
        .find("<head")
        .and_then(|h| html[h..].find('>').map(|end| h + end + 1))
        .unwrap_or(0);
    format!("{}{base}{}", &html[..at], &html[at..])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape of trunk 0.21's output.
    const TRUNK: &str = "<!DOCTYPE html><html lang=\"en\"><head>\n\
        <link rel=\"icon\" href=\"/favicon-9f1.svg\" type=\"image/svg+xml\">\n\
        <link rel=\"stylesheet\" href=\"/style-77a.css\" integrity=\"sha384-x\">\n\
        <link rel=\"modulepreload\" href=\"/frontend-1a2.js\" crossorigin=\"anonymous\">\n\
        <link rel=\"preload\" href=\"/frontend-1a2_bg.wasm\" as=\"fetch\" type=\"application/wasm\">\n\
        <script type=\"module\">\nimport init, * as bindings from '/frontend-1a2.js';\n\
        const wasm = await init({ module_or_path: '/frontend-1a2_bg.wasm' });\n</script>\n\
        </head><body><a href=\"/elsewhere\">x</a></body></html>";

    fn assets() -> Vec<String> {
        [
            "favicon-9f1.svg",
            "style-77a.css",
            "frontend-1a2.js",
            "frontend-1a2_bg.wasm",
            "index.html",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn no_prefix_changes_nothing() {
        assert_eq!(rewrite(TRUNK, "", &assets()), TRUNK);
    }

    #[test]
    fn assets_move_under_the_prefix_and_the_base_comes_first() {
        let out = rewrite(TRUNK, "/elkarbackup", &assets());
        assert!(out
            .starts_with("<!DOCTYPE html><html lang=\"en\"><head><base href=\"/elkarbackup/\">\n"));
        for url in [
            "href=\"/elkarbackup/favicon-9f1.svg\"",
            "href=\"/elkarbackup/style-77a.css\"",
            "href=\"/elkarbackup/frontend-1a2.js\"",
            "href=\"/elkarbackup/frontend-1a2_bg.wasm\"",
            "from '/elkarbackup/frontend-1a2.js'",
            "module_or_path: '/elkarbackup/frontend-1a2_bg.wasm'",
        ] {
            assert!(out.contains(url), "{url} in {out}");
        }
        // Not a build file: left alone. Nothing is prefixed twice.
        assert!(out.contains("href=\"/elsewhere\""));
        assert!(!out.contains("/elkarbackup/elkarbackup"));
        // The loader changed, so its hash in the policy must be the new one.
        let page_hash = csp::inline_script_hashes(&out);
        assert_ne!(page_hash, csp::inline_script_hashes(TRUNK));
    }

    #[test]
    fn an_asset_named_like_the_prefix_is_still_prefixed_once() {
        let html = "<head></head><script src=\"/app.js\"></script><img src='/app.js.map'>";
        let out = rewrite(html, "/app.js", &["app.js".into(), "app.js.map".into()]);
        assert_eq!(
            out,
            "<head><base href=\"/app.js/\"></head><script src=\"/app.js/app.js\"></script>\
             <img src='/app.js/app.js.map'>"
        );
    }

    #[test]
    fn loads_and_hashes_the_rewritten_page() {
        let dist = tempfile::tempdir().unwrap();
        std::fs::write(dist.path().join("index.html"), TRUNK).unwrap();
        for a in assets().iter().filter(|a| *a != "index.html") {
            std::fs::write(dist.path().join(a), "").unwrap();
        }
        let page = IndexPage::load(dist.path(), "/eb");
        let html = page.html.unwrap();
        assert!(html.contains("from '/eb/frontend-1a2.js'"));
        let hash = csp::inline_script_hashes(&html).remove(0);
        assert!(page.csp.contains(&hash), "{}", page.csp);
        let missing = IndexPage::load(&dist.path().join("nothing"), "/eb");
        assert!(missing.html.is_none());
    }
}
