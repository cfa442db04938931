//! Snapshot paths for people and for addresses: percent-decoding for display (lossy),
//! breadcrumb segments, the parent directory, permission bits as `rwxr-xr-x`, and the
//! browser's own `/snapshots/{id}?path=` address.
//!
//! The server's paths are percent-encoded bytes joined by `/`; they are kept encoded and
//! only decoded to show them.

use crate::api::query::encode_keeping_slashes;

/// Percent-decodes `encoded`; bytes that are not UTF-8 show as U+FFFD.
pub fn decode_lossy(encoded: &str) -> String {
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                let value = hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0);
                out.push(u8::try_from(value).unwrap_or(b'?'));
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// One breadcrumb: its name for display and the encoded path it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crumb {
    pub name: String,
    pub path: String,
}

/// The directories from the root down to `path` (the root itself not included).
pub fn crumbs(path: &str) -> Vec<Crumb> {
    let mut out: Vec<Crumb> = Vec::new();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        let path = match out.last() {
            Some(last) => format!("{}/{segment}", last.path),
            None => segment.to_owned(),
        };
        out.push(Crumb {
            name: decode_lossy(segment),
            path,
        });
    }
    out
}

/// The directory holding `path`; `None` at the root.
pub fn parent(path: &str) -> Option<String> {
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        return None;
    }
    Some(
        trimmed
            .rsplit_once('/')
            .map_or_else(String::new, |(dir, _)| dir.to_owned()),
    )
}

/// Permission bits as `ls` writes them: `rwxr-xr-x`, with `s`/`S` and `t`/`T`.
pub fn mode_text(mode: u32) -> String {
    let mut out = String::with_capacity(9);
    // (read, write, execute bit, special bit, special letter)
    for (shift, special, letter) in [(6, 0o4000, 's'), (3, 0o2000, 's'), (0, 0o1000, 't')] {
        let bits = (mode >> shift) & 0o7;
        out.push(if bits & 0o4 != 0 { 'r' } else { '-' });
        out.push(if bits & 0o2 != 0 { 'w' } else { '-' });
        let exec = bits & 0o1 != 0;
        out.push(match (mode & special != 0, exec) {
            (true, true) => letter,
            (true, false) => letter.to_ascii_uppercase(),
            (false, true) => 'x',
            (false, false) => '-',
        });
    }
    out
}

/// `/snapshots/{id}` with the directory, search, page and sort (defaults left out). The
/// router decodes query values once, so the already encoded path is encoded again.
pub fn browse_address(id: i64, path: &str, q: &str, page: i64, sort: &str) -> String {
    let mut parts = Vec::new();
    if !path.is_empty() {
        parts.push(format!("path={}", encode_keeping_slashes(path)));
    }
    if !q.trim().is_empty() {
        parts.push(format!("q={}", encode_keeping_slashes(q.trim())));
    }
    if page > 1 {
        parts.push(format!("page={page}"));
    }
    if !sort.is_empty() && sort != "name" {
        parts.push(format!("sort={}", encode_keeping_slashes(sort)));
    }
    if parts.is_empty() {
        format!("/snapshots/{id}")
    } else {
        format!("/snapshots/{id}?{}", parts.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_for_display() {
        assert_eq!(decode_lossy("a%20b"), "a b");
        assert_eq!(decode_lossy("%3Cscript%3E.txt"), "<script>.txt");
        assert_eq!(decode_lossy("bad%FFname"), "bad\u{FFFD}name");
        assert_eq!(decode_lossy("100%"), "100%");
        assert_eq!(decode_lossy("%zz"), "%zz");
        assert_eq!(decode_lossy("%C3%B1"), "ñ");
    }

    #[test]
    fn splits_crumbs() {
        assert!(crumbs("").is_empty());
        assert_eq!(
            crumbs("docs/a%2Fb/sub"),
            vec![
                Crumb {
                    name: "docs".into(),
                    path: "docs".into()
                },
                Crumb {
                    name: "a/b".into(),
                    path: "docs/a%2Fb".into()
                },
                Crumb {
                    name: "sub".into(),
                    path: "docs/a%2Fb/sub".into()
                },
            ]
        );
    }

    #[test]
    fn finds_parents() {
        assert_eq!(parent(""), None);
        assert_eq!(parent("docs").as_deref(), Some(""));
        assert_eq!(parent("docs/sub").as_deref(), Some("docs"));
    }

    #[test]
    fn writes_modes() {
        assert_eq!(mode_text(0o755), "rwxr-xr-x");
        assert_eq!(mode_text(0o640), "rw-r-----");
        assert_eq!(mode_text(0o4755), "rwsr-xr-x");
        assert_eq!(mode_text(0o1777), "rwxrwxrwt");
        assert_eq!(mode_text(0o2644), "rw-r-Sr--");
    }

    #[test]
    fn builds_addresses() {
        assert_eq!(browse_address(3, "", "", 1, "name"), "/snapshots/3");
        assert_eq!(
            browse_address(3, "docs/%3Cx%3E", " a&b ", 2, "-size"),
            "/snapshots/3?path=docs/%253Cx%253E&q=a%26b&page=2&sort=-size"
        );
    }
}
