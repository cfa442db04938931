//! The HTTP server: the API under `/api` (plain actix routes from `api::routes`), the
//! OpenAPI document built once and its Swagger UI, `/metrics`, the web app, and the
//! middleware in the order that makes the path prefix, security headers and localised
//! errors see what they need.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{from_fn, DefaultHeaders, Next};
use actix_web::{web, App, HttpServer};
use utoipa_swagger_ui::SwaggerUi;

use super::index::IndexPage;
use super::{csp, prefix, spa_service};
use crate::api::{self, fallback::KnownRoutes};
use crate::state::AppState;

/// Builds the server on `listener` (HTTPS with `tls`), with the configured workers.
pub fn build_server(
    state: AppState,
    listener: TcpListener,
    tls: Option<rustls::ServerConfig>,
) -> anyhow::Result<Server> {
    let dist = state.config.frontend_dir.clone();
    let workers = state.config.http_workers;
    let prefix: Arc<str> = state.config.url_prefix.as_str().into();
    let page = IndexPage::load(&dist, &prefix);
    let app_csp = page.csp.clone();
    let mut openapi = api::openapi();
    let known = web::Data::new(KnownRoutes::from_openapi(&openapi));
    // Under a prefix the document names it as its server, so that "Try it out" calls
    // reach the API.
    if !prefix.is_empty() {
        openapi.servers = Some(vec![utoipa::openapi::Server::new(prefix.to_string())]);
    }
    // Serialised once and shared by the workers.
    let document = web::Bytes::from(openapi.to_json()?);
    drop(openapi);
    let data = web::Data::new(state);
    let server = HttpServer::new(move || {
        let app_csp = app_csp.clone();
        let prefix = prefix.clone();
        let document = document.clone();
        // The docs first: the `/api` scope below would otherwise claim `/api/docs`. Plain
        // actix routes: the OpenAPI document was built once, above.
        App::new()
            .service(
                web::resource("/api/openapi.json")
                    .guard(actix_web::guard::Get())
                    .to(move || serve_document(document.clone())),
            )
            .service(api_docs(&prefix))
            .app_data(data.clone())
            .app_data(known.clone())
            .app_data(api::json_config())
            .app_data(api::path_config())
            .app_data(api::query_config())
            .service(
                web::scope("/api")
                    .configure(api::routes::configure)
                    .default_service(web::to(api::fallback::api_fallback)),
            )
            // Where Prometheus looks by default, outside `/api`.
            .service(api::metrics::get_metrics)
            // ElkarBackup 2.x's trigger address, for the crontabs of migrated installations.
            .service(api::upstream::upstream_trigger)
            // The methods these two addresses lack, before the web app claims every other
            // path: 405 with `Allow`, as under `/api`.
            .service(web::resource("/metrics").to(api::fallback::api_fallback))
            .service(web::resource(api::upstream::PATH).to(api::fallback::api_fallback))
            .service(spa_service(&dist, &page, &prefix))
            .wrap(from_fn(api::localize::localize_errors))
            .wrap(from_fn(move |req, next| {
                security_headers(req, next, app_csp.clone())
            }))
            // Outside the two above, so that they see paths without the prefix.
            .wrap(from_fn(move |req, next| {
                prefix::under_prefix(req, next, prefix.clone())
            }))
            .wrap(
                DefaultHeaders::new()
                    .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
                    .add((header::REFERRER_POLICY, "same-origin"))
                    .add((header::X_FRAME_OPTIONS, "DENY")),
            )
            .wrap(actix_web::middleware::Logger::new("%a \"%r\" %s %b %Dms"))
    });
    // 0 keeps actix's default (one worker per CPU).
    let server = match workers {
        0 => server,
        n => server.workers(n),
    };
    let server = match tls {
        Some(tls) => server.listen_rustls_0_23(listener, tls)?,
        None => server.listen(listener)?,
    };
    Ok(server.run())
}

/// Swagger UI at `/api/docs/`, reading the document at `/api/openapi.json` (under a
/// prefix, there).
fn api_docs(prefix: &str) -> SwaggerUi {
    SwaggerUi::new("/api/docs/{_:.*}").config(utoipa_swagger_ui::Config::new([format!(
        "{prefix}/api/openapi.json"
    )]))
}

/// The OpenAPI document, serialised at start.
async fn serve_document(document: web::Bytes) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .content_type(header::ContentType::json())
        .body(document)
}

async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
    app_csp: String,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let path = req.path().to_owned();
    let mut res = next.call(req).await?;
    let policy = if path.starts_with("/api/docs") {
        csp::docs_policy()
    } else {
        app_csp
    };
    if let Ok(v) = HeaderValue::from_str(&policy) {
        res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, v);
    }
    if path.starts_with("/api/") && !path.starts_with("/api/docs") {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(res)
}
