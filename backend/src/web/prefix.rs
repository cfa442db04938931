//! Serving under a path prefix (`url_prefix = "/elkarbackup"`): requests under the prefix
//! have it taken off before routing, so every route, handler and check below sees the
//! same paths as without a prefix; `/` and the bare prefix are redirected to `prefix/`;
//! everything else is 404.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse, Url};
use actix_web::http::header;
use actix_web::http::uri::{PathAndQuery, Uri};
use actix_web::middleware::Next;
use actix_web::HttpResponse;

/// Where a request path goes.
#[derive(Debug, PartialEq, Eq)]
pub enum Routed {
    /// Served, as this path (the prefix taken off).
    Inside(String),
    /// Redirected (302) to this path.
    Redirect(String),
    /// Outside the prefix: 404.
    Outside,
}

/// Routes `path` for `prefix` (normalised: empty, or `/a[/b…]` without a trailing slash).
pub fn route(prefix: &str, path: &str) -> Routed {
    if prefix.is_empty() {
        return Routed::Inside(path.to_owned());
    }
    if path == prefix || path == "/" {
        return Routed::Redirect(format!("{prefix}/"));
    }
    match path.strip_prefix(prefix) {
        Some(rest) if rest.starts_with('/') => Routed::Inside(rest.to_owned()),
        _ => Routed::Outside,
    }
}

/// The middleware: applies [`route`] to each request. Outermost but for the logger and
/// the default headers, so that the security headers and the API see prefix-free paths.
pub async fn under_prefix(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
    prefix: std::sync::Arc<str>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if prefix.is_empty() {
        return Ok(next.call(req).await?.map_into_left_body());
    }
    let query = req.query_string().to_owned();
    let with_query = |path: String| {
        if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        }
    };
    match route(&prefix, req.path()) {
        Routed::Inside(path) => {
            let mut parts = req.head().uri.clone().into_parts();
            parts.path_and_query = Some(
                PathAndQuery::try_from(with_query(path))
                    .map_err(actix_web::error::ErrorBadRequest)?,
            );
            let uri = Uri::from_parts(parts).map_err(actix_web::error::ErrorBadRequest)?;
            // Nothing is matched yet at this level: the router reads this path.
            req.match_info_mut().set(Url::new(uri.clone()));
            req.head_mut().uri = uri;
            Ok(next.call(req).await?.map_into_left_body())
        }
        Routed::Redirect(to) => Ok(req
            .into_response(
                HttpResponse::Found()
                    .insert_header((header::LOCATION, with_query(to)))
                    .finish(),
            )
            .map_into_right_body()),
        Routed::Outside => Ok(req
            .into_response(
                HttpResponse::NotFound()
                    .content_type("text/plain; charset=utf-8")
                    .body(format!(
                        "Not found. ElkarBackup is served under {prefix}/\n"
                    )),
            )
            .map_into_right_body()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_prefix_everything_is_inside() {
        assert_eq!(route("", "/"), Routed::Inside("/".into()));
        assert_eq!(route("", "/api/jobs"), Routed::Inside("/api/jobs".into()));
    }

    #[test]
    fn with_a_prefix_only_its_paths_are_served() {
        let p = "/elkarbackup";
        assert_eq!(route(p, "/elkarbackup/"), Routed::Inside("/".into()));
        assert_eq!(
            route(p, "/elkarbackup/api/auth/me"),
            Routed::Inside("/api/auth/me".into())
        );
        assert_eq!(
            route(p, "/elkarbackup/jobs/3"),
            Routed::Inside("/jobs/3".into())
        );
        assert_eq!(
            route(p, "/elkarbackup"),
            Routed::Redirect("/elkarbackup/".into())
        );
        assert_eq!(route(p, "/"), Routed::Redirect("/elkarbackup/".into()));
        for outside in [
            "/api/auth/me",
            "/metrics",
            "/elkarbackupx/",
            "/elkarbackupx",
            "/x/elkarbackup/",
        ] {
            assert_eq!(route(p, outside), Routed::Outside, "{outside}");
        }
        assert_eq!(
            route("/it/backup", "/it/backup/api/health"),
            Routed::Inside("/api/health".into())
        );
        assert_eq!(route("/it/backup", "/it/"), Routed::Outside);
    }
}
