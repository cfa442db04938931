//! Where the app is served: the path prefix (`/elkarbackup`, or empty at the root), read
//! once from the `<base href>` the server writes into the start page when it is served
//! under one, so that one build works anywhere. API URLs are built from it by `api::url`;
//! links to the app's own pages by [`href`]; the router gets it as its base.

use std::sync::OnceLock;

/// The prefix of this page: `""` at the root, else `/segment[/segment…]`.
pub fn prefix() -> &'static str {
    // Off the browser (unit tests) there is no page and no prefix.
    if cfg!(not(target_arch = "wasm32")) {
        return "";
    }
    static PREFIX: OnceLock<String> = OnceLock::new();
    PREFIX.get_or_init(|| {
        let href = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("base[href]").ok().flatten())
            .and_then(|b| b.get_attribute("href"));
        prefix_of_base(href.as_deref())
    })
}

/// The prefix a `<base href>` value stands for (a path, or a whole URL).
fn prefix_of_base(href: Option<&str>) -> String {
    let Some(href) = href else {
        return String::new();
    };
    // `https://host/x/` → `/x/`: the path after the authority.
    let path = match href.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
        None => href,
    };
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("/{trimmed}")
    }
}

/// `path` (absolute, `/…`) under `prefix`.
pub fn join(prefix: &str, path: &str) -> String {
    format!("{prefix}{path}")
}

/// The address of one of the app's pages (`/jobs/3` → `/elkarbackup/jobs/3`), for plain
/// `<a href>` links. The router's `navigate` and `<Redirect>` add the prefix themselves,
/// so they take in-app paths.
pub fn href(path: &str) -> String {
    join(prefix(), path)
}

/// The in-app path of a location's path (`/elkarbackup/jobs` → `/jobs`).
pub fn in_app(pathname: &str) -> &str {
    strip(prefix(), pathname)
}

fn strip<'a>(prefix: &str, pathname: &'a str) -> &'a str {
    match pathname.strip_prefix(prefix) {
        Some("") => "/",
        Some(rest) if prefix.is_empty() || rest.starts_with('/') => rest,
        _ => pathname,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_gives_the_prefix() {
        assert_eq!(prefix_of_base(None), "");
        assert_eq!(prefix_of_base(Some("/")), "");
        assert_eq!(prefix_of_base(Some("/elkarbackup/")), "/elkarbackup");
        assert_eq!(prefix_of_base(Some("/it/backup")), "/it/backup");
        assert_eq!(
            prefix_of_base(Some("https://intranet:8443/elkarbackup/")),
            "/elkarbackup"
        );
        assert_eq!(prefix_of_base(Some("https://intranet")), "");
    }

    #[test]
    fn paths_are_joined_and_stripped() {
        assert_eq!(join("", "/api/jobs"), "/api/jobs");
        assert_eq!(join("/eb", "/api/jobs?page=2"), "/eb/api/jobs?page=2");
        assert_eq!(strip("", "/jobs"), "/jobs");
        assert_eq!(strip("/eb", "/eb/jobs/3"), "/jobs/3");
        assert_eq!(strip("/eb", "/eb"), "/");
        assert_eq!(strip("/eb", "/eb/"), "/");
        assert_eq!(strip("/eb", "/ebx/jobs"), "/ebx/jobs");
    }
}
