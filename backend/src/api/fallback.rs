//! Answers for `/api` requests that match no handler, and for the other methods of the
//! documented addresses outside it (`/metrics`, the 2.x trigger): 405 with `Allow` when the
//! path exists with other methods, else 404 — both in the API's error shape. Known paths and methods
//! come from the OpenAPI document, so they cannot drift from the mounted routes.

use actix_web::http::{header, Method};
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use shared::ErrorCode;

use super::error::AppError;

/// The documented paths, as segment patterns, with their methods.
#[derive(Debug, Clone, Default)]
pub struct KnownRoutes {
    routes: Vec<(Vec<String>, Vec<Method>)>,
}

impl KnownRoutes {
    /// Builds the table from an OpenAPI document.
    pub fn from_openapi(api: &utoipa::openapi::OpenApi) -> Self {
        let routes = api
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let segments = path.split('/').map(str::to_owned).collect();
                let mut methods = Vec::new();
                let ops = [
                    (Method::GET, item.get.is_some()),
                    (Method::PUT, item.put.is_some()),
                    (Method::POST, item.post.is_some()),
                    (Method::DELETE, item.delete.is_some()),
                    (Method::PATCH, item.patch.is_some()),
                ];
                for (m, present) in ops {
                    if present {
                        methods.push(m);
                    }
                }
                (segments, methods)
            })
            .collect();
        KnownRoutes { routes }
    }

    /// The methods allowed on `path`, if it is a known path. A literal path
    /// (`/api/jobs/priorities`) hides the templates it also matches (`/api/jobs/{id}`).
    pub fn allowed(&self, path: &str) -> Option<Vec<Method>> {
        let parts: Vec<&str> = path.split('/').collect();
        let is_param = |p: &String| p.starts_with('{') && p.ends_with('}');
        let mut literal: Option<Vec<Method>> = None;
        let mut templated: Option<Vec<Method>> = None;
        for (pattern, methods) in &self.routes {
            let matches = pattern.len() == parts.len()
                && pattern
                    .iter()
                    .zip(&parts)
                    .all(|(p, s)| p == s || (is_param(p) && !s.is_empty()));
            if matches {
                let slot = if pattern.iter().any(is_param) {
                    &mut templated
                } else {
                    &mut literal
                };
                slot.get_or_insert_with(Vec::new)
                    .extend(methods.iter().cloned());
            }
        }
        literal.or(templated)
    }
}

/// Default service of the `/api` scope, and the other methods' handler of the documented
/// addresses outside it.
pub async fn api_fallback(req: HttpRequest, known: web::Data<KnownRoutes>) -> HttpResponse {
    match known.allowed(req.path()) {
        Some(methods) if !methods.contains(req.method()) => {
            let allow = methods
                .iter()
                .map(Method::as_str)
                .collect::<Vec<_>>()
                .join(", ");
            let mut res = AppError::new(ErrorCode::MethodNotAllowed).error_response();
            if let Ok(v) = header::HeaderValue::from_str(&allow) {
                res.headers_mut().insert(header::ALLOW, v);
            }
            res
        }
        _ => AppError::new(ErrorCode::NotFound).error_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_templates() {
        let k = KnownRoutes::from_openapi(&crate::api::openapi());
        let allowed = k.allowed("/api/tokens/12").unwrap();
        assert_eq!(allowed, vec![Method::DELETE]);
        let allowed = k.allowed("/api/me/preferences").unwrap();
        assert!(allowed.contains(&Method::GET) && allowed.contains(&Method::PUT));
        assert!(k.allowed("/api/tokens/").is_none());
        assert!(k.allowed("/api/nothing").is_none());
        assert_eq!(
            k.allowed("/api/jobs/priorities").unwrap(),
            vec![Method::PUT]
        );
        assert!(k.allowed("/api/jobs/7").unwrap().contains(&Method::PATCH));
    }
}
