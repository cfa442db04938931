//! Middleware re-rendering error bodies in the caller's language (`Accept-Language`).
//! Errors are built in English by `AppError::error_response`, which cannot see the request.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use shared::Language;

use super::error::AppError;

/// The language asked for by the request, English by default.
pub fn request_language(req: &actix_web::HttpRequest) -> Language {
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Language::from_accept_language)
        .unwrap_or_default()
}

/// Replaces the body of error responses carrying an `AppError` when the caller prefers
/// another language than English.
pub async fn localize_errors(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let lang = request_language(req.request());
    let res = next.call(req).await?.map_into_boxed_body();
    if lang == Language::En {
        return Ok(res);
    }
    let Some(err) = res.response().extensions().get::<AppError>().cloned() else {
        return Ok(res);
    };
    let body =
        serde_json::to_vec(&err.body(lang)).map_err(actix_web::error::ErrorInternalServerError)?;
    let mut res = res.map_body(|head, _| {
        head.headers.remove(header::CONTENT_LENGTH);
        BoxBody::new(body)
    });
    res.headers_mut().insert(
        header::CONTENT_LANGUAGE,
        header::HeaderValue::from_static(lang.tag()),
    );
    Ok(res)
}
