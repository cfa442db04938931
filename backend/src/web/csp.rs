//! Content-Security-Policy: scripts only from our origin plus the exact inline loader that
//! trunk writes into `index.html` (allowed by its SHA-256), styles only from our origin.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The `'sha256-…'` sources of every inline `<script>` in an HTML page.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        rest = &rest[start..];
        let Some(tag_end) = rest.find('>') else { break };
        let tag = &rest[..tag_end];
        let body_start = tag_end + 1;
        let Some(close) = rest[body_start..].find("</script>") else {
            break;
        };
        let body = &rest[body_start..body_start + close];
        if !tag.contains(" src=") && !body.trim().is_empty() {
            hashes.push(format!(
                "'sha256-{}'",
                STANDARD.encode(Sha256::digest(body.as_bytes()))
            ));
        }
        rest = &rest[body_start + close..];
    }
    hashes
}

/// The policy for the web app's pages.
pub fn app_policy(script_hashes: &[String]) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        script_hashes.join(" ")
    )
    .replace("  ", " ")
}

/// The policy for the API documentation page (Swagger UI sets inline styles).
pub fn docs_policy() -> String {
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; \
     frame-ancestors 'none'"
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only() {
        let html = "<html><script type=\"module\">import init from '/a.js';</script>\
                    <script src=\"/b.js\"></script><script>\n</script></html>";
        let h = inline_script_hashes(html);
        assert_eq!(h.len(), 1);
        let expected = STANDARD.encode(Sha256::digest(b"import init from '/a.js';"));
        assert_eq!(h[0], format!("'sha256-{expected}'"));
        assert!(app_policy(&h).contains(&h[0]));
        assert!(!app_policy(&h).contains("unsafe-inline"));
    }
}
