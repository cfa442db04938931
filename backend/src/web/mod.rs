//! Serving the web app: static files of the trunk build, the SPA fallback to `index.html`
//! for deep links, and the security headers (CSP allowing trunk's loader by hash only).

pub mod csp;

use std::path::{Path, PathBuf};

use actix_files::{Files, NamedFile};
use actix_web::dev::{fn_service, ServiceRequest, ServiceResponse};
use actix_web::{HttpResponse, Responder};

/// Page shown when the web app has not been built.
const NOT_BUILT: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>ElkarBackup</title></head><body><h1>ElkarBackup</h1><p>The web app has not been built. \
Run <code>cargo xtask serve</code>, or <code>trunk build --release</code> and restart the \
server. The API is available under <a href=\"/api/docs/\">/api/docs/</a>.</p></body></html>";

/// The static-file service for the built app (or a helpful page when it is missing).
pub fn spa_service(dist: &Path) -> Files {
    let index: PathBuf = dist.join("index.html");
    Files::new("/", dist)
        .index_file("index.html")
        .default_handler(fn_service(move |req: ServiceRequest| {
            let index = index.clone();
            async move {
                let (req, _) = req.into_parts();
                let res = match NamedFile::open(&index) {
                    Ok(file) => file.respond_to(&req).map_into_boxed_body(),
                    Err(_) => HttpResponse::Ok()
                        .content_type("text/html; charset=utf-8")
                        .body(NOT_BUILT),
                };
                Ok(ServiceResponse::new(req, res))
            }
        }))
}
