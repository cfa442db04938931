//! The web app's files as served: the `.br` or `.gz` sibling by `Accept-Encoding` (brotli
//! preferred, `q=0` honoured, the plain file otherwise) with the file's own Content-Type
//! and `Vary: Accept-Encoding`; hashed names cached for good, the start page never; HEAD,
//! ranges and the path prefix still right.

use std::io::{Read, Write};

use reqwest::header::{HeaderMap, ACCEPT_ENCODING, RANGE};

use crate::helpers::TestApp;
use crate::tls::{spawn_served, Serving};

const WASM: &str = "app-0123456789abcdef_bg.wasm";
const JS: &str = "app-0123456789abcdef.js";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// What Chromium sends.
const CHROME: &str = "gzip, deflate, br, zstd";

/// A wasm-like body: compressible, and big enough for the siblings to be much smaller.
fn wasm() -> Vec<u8> {
    let mut data = b"\0asm\x01\0\0\0".to_vec();
    for i in 0..20_000u32 {
        data.extend_from_slice(&(i % 700).to_le_bytes());
    }
    data
}

fn js() -> Vec<u8> {
    (0..500)
        .map(|i| format!("export function f{i}() {{ return {i}; }}\n"))
        .collect::<String>()
        .into_bytes()
}

fn brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
    w.write_all(data).unwrap();
    drop(w);
    out
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut w = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    w.write_all(data).unwrap();
    w.finish().unwrap()
}

fn unbrotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(data, 4096)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn gunzip(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(data)
        .read_to_end(&mut out)
        .unwrap();
    out
}

/// A build directory like trunk's after `xtask`'s compression: the wasm with both
/// siblings, the JS with gzip only, a start page.
/// A server of a fresh [`dist`] under `prefix` ("" for none); the directory lives as
/// long as the returned guard.
async fn serve_dist(prefix: &str) -> (tempfile::TempDir, TestApp) {
    let web = dist();
    let app = spawn_served(Serving {
        url_prefix: prefix.into(),
        frontend_dir: Some(web.path().to_owned()),
        ..Serving::default()
    })
    .await;
    (web, app)
}

fn dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("index.html"),
        format!(
            "<!DOCTYPE html><html><head><script type=\"module\">import init from '/{JS}'; \
             await init({{ module_or_path: '/{WASM}' }});</script></head><body></body></html>"
        ),
    )
    .unwrap();
    std::fs::write(d.join(WASM), wasm()).unwrap();
    std::fs::write(d.join(format!("{WASM}.br")), brotli(&wasm())).unwrap();
    std::fs::write(d.join(format!("{WASM}.gz")), gzip(&wasm())).unwrap();
    std::fs::write(d.join(JS), js()).unwrap();
    std::fs::write(d.join(format!("{JS}.gz")), gzip(&js())).unwrap();
    dir
}

/// A client that neither asks for nor decodes compression by itself.
fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_gzip()
        .no_brotli()
        .no_deflate()
        .no_zstd()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn header<'a>(h: &'a HeaderMap, name: &str) -> &'a str {
    h.get(name).map_or("", |v| v.to_str().unwrap())
}

fn varies_by_encoding(h: &HeaderMap) -> bool {
    h.get_all("vary")
        .iter()
        .flat_map(|v| v.to_str().unwrap().split(','))
        .any(|v| v.trim().eq_ignore_ascii_case("accept-encoding"))
}

/// GETs `url` with `accept` as Accept-Encoding (none when `None`): headers and body.
async fn get(url: &str, accept: Option<&str>) -> (HeaderMap, Vec<u8>) {
    let mut req = client().get(url);
    if let Some(a) = accept {
        req = req.header(ACCEPT_ENCODING, a);
    }
    let res = req.send().await.unwrap();
    assert_eq!(res.status(), 200, "{url} {accept:?}");
    let headers = res.headers().clone();
    (headers, res.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn siblings_are_chosen_by_accept_encoding() {
    let (_web, app) = serve_dist("").await;
    let url = app.url(&format!("/{WASM}"));

    // Brotli is preferred whenever accepted, whatever the order.
    for accept in [CHROME, "br", "gzip;q=1, br;q=1", "*, br"] {
        let (h, body) = get(&url, Some(accept)).await;
        assert_eq!(header(&h, "content-encoding"), "br", "{accept}");
        assert_eq!(header(&h, "content-type"), "application/wasm", "{accept}");
        assert_eq!(unbrotli(&body), wasm(), "{accept}");
        assert!(body.len() < wasm().len() / 4);
        assert!(varies_by_encoding(&h), "{accept}");
        assert_eq!(header(&h, "cache-control"), IMMUTABLE, "{accept}");
    }
    // gzip when brotli is not accepted, or refused.
    for accept in [
        "gzip",
        "gzip, deflate",
        "br;q=0, gzip",
        "gzip;q=0.5, br;q=0",
    ] {
        let (h, body) = get(&url, Some(accept)).await;
        assert_eq!(header(&h, "content-encoding"), "gzip", "{accept}");
        assert_eq!(header(&h, "content-type"), "application/wasm");
        assert_eq!(gunzip(&body), wasm(), "{accept}");
        assert!(varies_by_encoding(&h), "{accept}");
        assert_eq!(header(&h, "cache-control"), IMMUTABLE);
    }
    // The plain file when nothing usable is accepted, still varying and cached.
    for accept in [None, Some("identity"), Some("br;q=0"), Some("deflate")] {
        let (h, body) = get(&url, accept).await;
        assert!(h.get("content-encoding").is_none(), "{accept:?}");
        assert_eq!(header(&h, "content-type"), "application/wasm");
        assert_eq!(body, wasm(), "{accept:?}");
        assert!(varies_by_encoding(&h), "{accept:?}");
        assert_eq!(header(&h, "cache-control"), IMMUTABLE);
    }
    // Only a gzip sibling: taken even when brotli would be preferred.
    let (h, body) = get(&app.url(&format!("/{JS}")), Some(CHROME)).await;
    assert_eq!(header(&h, "content-encoding"), "gzip");
    assert!(header(&h, "content-type").starts_with("text/javascript"));
    assert_eq!(gunzip(&body), js());
}

#[tokio::test]
async fn head_and_ranges_apply_to_the_representation_sent() {
    let (_web, app) = serve_dist("").await;
    let url = app.url(&format!("/{WASM}"));
    let packed = brotli(&wasm());

    let res = client()
        .head(&url)
        .header(ACCEPT_ENCODING, CHROME)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(header(res.headers(), "content-encoding"), "br");
    assert_eq!(
        header(res.headers(), "content-length"),
        packed.len().to_string()
    );
    assert_eq!(header(res.headers(), "cache-control"), IMMUTABLE);
    assert!(res.bytes().await.unwrap().is_empty());

    for (accept, whole) in [(CHROME, packed.clone()), ("identity", wasm())] {
        let res = client()
            .get(&url)
            .header(ACCEPT_ENCODING, accept)
            .header(RANGE, "bytes=4-13")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 206, "{accept}");
        assert_eq!(
            header(res.headers(), "content-range"),
            format!("bytes 4-13/{}", whole.len())
        );
        assert_eq!(res.bytes().await.unwrap().to_vec(), whole[4..14].to_vec());
    }

    // Revalidation of the compressed file by its own ETag.
    let (h, _) = get(&url, Some(CHROME)).await;
    let etag = header(&h, "etag").to_owned();
    let res = client()
        .get(&url)
        .header(ACCEPT_ENCODING, CHROME)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 304);
    assert_eq!(header(res.headers(), "cache-control"), IMMUTABLE);
}

#[tokio::test]
async fn the_start_page_is_never_cached_for_good() {
    let (_web, app) = serve_dist("").await;
    // `/`, the page by name, a deep link, and a hashed-looking name that does not exist.
    for path in ["/", "/index.html", "/jobs/3", "/gone-0123456789abcdef.js"] {
        let (h, body) = get(&app.url(path), Some(CHROME)).await;
        assert_eq!(header(&h, "cache-control"), "no-cache", "{path}");
        assert!(h.get("content-encoding").is_none(), "{path}");
        assert!(
            header(&h, "content-type").starts_with("text/html"),
            "{path}"
        );
        let page = String::from_utf8(body).unwrap();
        assert!(page.contains(WASM), "{path}");
    }
}

#[tokio::test]
async fn compressed_files_are_served_under_the_prefix() {
    let (_web, app) = serve_dist("/elkarbackup").await;
    assert!(app.base.ends_with("/elkarbackup"), "{}", app.base);
    let (h, body) = get(&app.url(&format!("/{WASM}")), Some(CHROME)).await;
    assert_eq!(header(&h, "content-encoding"), "br");
    assert_eq!(header(&h, "cache-control"), IMMUTABLE);
    assert_eq!(unbrotli(&body), wasm());
    let (h, page) = get(&app.url("/"), Some(CHROME)).await;
    assert_eq!(header(&h, "cache-control"), "no-cache");
    let page = String::from_utf8(page).unwrap();
    assert!(page.contains(&format!("'/elkarbackup/{WASM}'")), "{page}");
    let origin = app.base.trim_end_matches("/elkarbackup");
    let res = client()
        .get(format!("{origin}/{WASM}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}
