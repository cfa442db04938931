//! Serving the web app: static files of the trunk build (precompressed siblings when the
//! browser takes them, cached for good when hashed, see `assets`), the start page
//! (rewritten for the path prefix, see `index`) for `/` and as the SPA fallback for deep
//! links, the security headers (CSP allowing trunk's loader by hash only), the path prefix
//! and built-in HTTPS.

pub mod assets;
pub mod csp;
pub mod index;
pub mod prefix;
pub mod server;
pub mod tls;

use std::path::{Path, PathBuf};

use actix_files::Files;
use actix_web::dev::{fn_service, HttpServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::from_fn;
use actix_web::{web, HttpResponse};

use index::IndexPage;

/// Page shown when the web app has not been built.
fn not_built(prefix: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>ElkarBackup</title></head><body><h1>ElkarBackup</h1><p>The web app has not been built. \
Run <code>cargo xtask serve</code>, or <code>trunk build --release</code> and restart the \
server. The API is available under <a href=\"{prefix}/api/docs/\">{prefix}/api/docs/</a>.</p></body></html>"
    )
}

/// The static-file service for the built app: its files (or their `.br`/`.gz` sibling, by
/// `Accept-Encoding`), with cache headers, and for `/`, `/index.html`, directories and
/// every unknown path the start page from memory (or a helpful page when the app is
/// missing).
pub fn spa_service(dist: &Path, page: &IndexPage, prefix: &str) -> impl HttpServiceFactory {
    let root: PathBuf = dist.to_owned();
    let fallback = match &page.html {
        Some(html) => html.clone(),
        None => not_built(prefix),
    };
    let files = Files::new("/", dist)
        .try_compressed()
        .path_filter(move |path, _| {
            !path.as_os_str().is_empty()
                && path != Path::new("index.html")
                && !root.join(path).is_dir()
        })
        .default_handler(fn_service(move |req: ServiceRequest| {
            let body = fallback.clone();
            async move {
                let (req, _) = req.into_parts();
                // Always asked again: it names the current build's hashed files.
                let res = HttpResponse::Ok()
                    .content_type("text/html; charset=utf-8")
                    .insert_header((header::CACHE_CONTROL, "no-cache"))
                    .body(body);
                Ok(ServiceResponse::new(req, res))
            }
        }));
    // An empty scope: the same paths, with the header middleware around the files only.
    web::scope("")
        .wrap(from_fn(assets::asset_headers))
        .service(files)
}
