//! Caching and content negotiation of the web app's files: trunk names them by the hash
//! of their content (`frontend-0123456789abcdef_bg.wasm`), so a name never changes meaning
//! and may be cached for good; the build writes `.br` and `.gz` siblings beside them, which
//! actix-files picks by the request's `Accept-Encoding` (`Files::try_compressed`), so every
//! response of a compressible file varies by that header.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;

/// For files whose name carries their content's hash: a year, never revalidated.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For everything else: cached, but asked again (by ETag) before each use.
pub const REVALIDATE: &str = "no-cache";

/// The file types that may have precompressed siblings (see xtask/src/compress.rs).
const COMPRESSIBLE: &[&str] = &["wasm", "js", "css", "svg"];

/// True when the last segment of `path` is a trunk-hashed name: `name-HASH.ext` or
/// `name-HASH_bg.wasm`, HASH being 8 to 16 lowercase hex digits (trunk writes a 64-bit hash
/// in hex, without leading zeros).
pub fn is_hashed(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    let Some((stem, _ext)) = file.split_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let Some((name, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    !name.is_empty()
        && (8..=16).contains(&hash.len())
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// True when `path` names a file type the build compresses.
pub fn is_compressible(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, ext)| COMPRESSIBLE.contains(&ext))
}

/// The `Cache-Control` of a file served from the build directory.
pub fn cache_control(path: &str) -> &'static str {
    if is_hashed(path) {
        IMMUTABLE
    } else {
        REVALIDATE
    }
}

/// True when `vary` (a `Vary` value) already names `Accept-Encoding` or `*`.
fn varies_by_encoding(vary: &str) -> bool {
    vary.split(',')
        .map(str::trim)
        .any(|v| v == "*" || v.eq_ignore_ascii_case("accept-encoding"))
}

/// Middleware around the static files: adds `Cache-Control` (see [`cache_control`]) and
/// `Vary: Accept-Encoding` to the responses that come from a file. The start page (the
/// fallback) sets its own `no-cache`, which is how it is told apart and left alone.
pub async fn asset_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let path = req.path().to_owned();
    let mut res = next.call(req).await?;
    let status = res.status();
    let from_file = status.is_success() || status == StatusCode::NOT_MODIFIED;
    let headers = res.headers_mut();
    if !from_file || headers.contains_key(header::CACHE_CONTROL) {
        return Ok(res);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control(&path)),
    );
    // Also on the plain file: a shared cache must not hand it to a browser that could
    // have had the compressed one, nor the reverse.
    let named = headers
        .get_all(header::VARY)
        .filter_map(|v| v.to_str().ok())
        .any(varies_by_encoding);
    if is_compressible(&path) && !named {
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_names_are_hashed() {
        for name in [
            "/frontend-3f9c2a7b1d0e4f5a_bg.wasm",
            "/frontend-3f9c2a7b1d0e4f5a.js",
            "/style-0123456789abcdef.css",
            "/favicon-9f1e2d3c4b5a.svg",
            "/sub/app-deadbeef.js",
            "frontend-3f9c2a7b1d0e4f5a_bg.wasm.br",
        ] {
            assert!(is_hashed(name), "{name}");
        }
        for name in [
            "/index.html",
            "/",
            "/jobs/3",
            "/frontend.js",
            "/frontend-1a2.js",
            "/frontend-3F9C2A7B1D0E4F5A.js",
            "/frontend-3f9c2a7b1d0e4f5a00.js",
            "/-3f9c2a7b1d0e4f5a.js",
            "/frontend-3f9c2a7g1d0e4f5a.js",
            "/deadbeef-x/app.js",
        ] {
            assert!(!is_hashed(name), "{name}");
        }
        assert_eq!(cache_control("/style-0123456789abcdef.css"), IMMUTABLE);
        assert_eq!(cache_control("/robots.txt"), REVALIDATE);
    }

    #[test]
    fn compressible_types() {
        for name in ["/a-1.wasm", "/a.js", "/s.css", "/i.svg"] {
            assert!(is_compressible(name), "{name}");
        }
        for name in ["/a.png", "/a.woff2", "/index.html", "/jobs", "/a.js.br"] {
            assert!(!is_compressible(name), "{name}");
        }
    }

    #[test]
    fn vary_values() {
        assert!(varies_by_encoding("Accept-Encoding"));
        assert!(varies_by_encoding("origin, accept-encoding"));
        assert!(varies_by_encoding("*"));
        assert!(!varies_by_encoding("origin"));
    }
}
