//! Paths inside a snapshot as the API carries them: percent-encoded bytes, decoded into
//! components that can only name something beneath the snapshot root. Pure functions.

use percent_encoding::{percent_decode_str, percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Bytes left as they are when encoding: unreserved URL characters and `/`.
const KEEP: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/');

/// Why a path was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathError {
    /// A `..` component (decoded): it could only point upwards.
    DotDot,
    /// A NUL byte, which no file name can hold.
    Nul,
}

/// A checked path relative to a snapshot root: no `..`, no `.`, no empty component, no
/// NUL. It may still name a symlink or nothing at all; opening it is `open`'s business.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RelPath {
    parts: Vec<Vec<u8>>,
}

/// Percent-encodes path bytes for the API (lossless for any bytes).
pub fn encode(bytes: &[u8]) -> String {
    percent_encode(bytes, KEEP).to_string()
}

/// The raw (still percent-encoded) value of `key` in a query string, if present. Query
/// strings are split by hand because the usual decoders lose bytes that are not UTF-8.
pub fn raw_param<'q>(query: &'q str, key: &str) -> Option<&'q str> {
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == key).then_some(v)
    })
}

impl RelPath {
    /// Decodes a percent-encoded path once (`%252e` stays the literal name `%2e`). A
    /// leading `/` is the snapshot root; repeated `/` and `.` components are ignored.
    pub fn decode(encoded: &str) -> Result<RelPath, PathError> {
        let bytes: Vec<u8> = percent_decode_str(encoded).collect();
        RelPath::from_bytes(&bytes)
    }

    /// Checks raw path bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<RelPath, PathError> {
        if bytes.contains(&0) {
            return Err(PathError::Nul);
        }
        let mut parts = Vec::new();
        for c in bytes.split(|b| *b == b'/') {
            match c {
                b"" | b"." => {}
                b".." => return Err(PathError::DotDot),
                name => parts.push(name.to_vec()),
            }
        }
        Ok(RelPath { parts })
    }

    /// The snapshot root itself.
    pub fn is_root(&self) -> bool {
        self.parts.is_empty()
    }

    /// The components, outermost first.
    pub fn parts(&self) -> &[Vec<u8>] {
        &self.parts
    }

    /// The last component (none for the root).
    pub fn name(&self) -> Option<&[u8]> {
        self.parts.last().map(Vec::as_slice)
    }

    /// The path without its last component.
    pub fn parent(&self) -> RelPath {
        let mut parts = self.parts.clone();
        parts.pop();
        RelPath { parts }
    }

    /// The path of a child entry.
    pub fn join(&self, name: &[u8]) -> RelPath {
        let mut parts = self.parts.clone();
        parts.push(name.to_vec());
        RelPath { parts }
    }

    /// The bytes, components joined by `/` (empty for the root).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.parts.join(&b'/')
    }

    /// The API form (percent-encoded).
    pub fn encode(&self) -> String {
        encode(&self.to_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borg_rejected_dotdot_paths_are_refused() {
        // borg's rejected_dotdot_paths, shared with the API's traversal test.
        let borg = include_str!("../../tests/data/dotdot_paths.txt").lines();
        for p in borg.chain(["%2E%2E/etc", "a/%2e%2e/b"]) {
            assert_eq!(RelPath::decode(p), Err(PathError::DotDot), "{p}");
        }
    }

    #[test]
    fn nul_is_refused_decoded_or_not() {
        assert_eq!(RelPath::decode("a%00b"), Err(PathError::Nul));
        assert_eq!(RelPath::from_bytes(b"a\0"), Err(PathError::Nul));
    }

    #[test]
    fn double_encoding_and_overlong_utf8_are_literal_names() {
        let p = RelPath::decode("%252e%252e/x").unwrap();
        assert_eq!(p.parts(), &[b"%2e%2e".to_vec(), b"x".to_vec()]);
        let p = RelPath::decode("%c0%ae%c0%ae").unwrap();
        assert_eq!(p.parts(), &[vec![0xc0, 0xae, 0xc0, 0xae]]);
        // A backslash is an ordinary byte of a Linux file name.
        let p = RelPath::decode("..%5c..%5cetc").unwrap();
        assert_eq!(p.parts(), &[b"..\\..\\etc".to_vec()]);
    }

    #[test]
    fn absolute_and_messy_paths_stay_beneath_the_root() {
        let p = RelPath::decode("/etc//./passwd/").unwrap();
        assert_eq!(p.to_bytes(), b"etc/passwd");
        assert!(RelPath::decode("").unwrap().is_root());
        assert!(RelPath::decode("/./").unwrap().is_root());
    }

    #[test]
    fn encoding_round_trips_any_bytes() {
        let raw: &[u8] = b"dir/na me\xff\xfe\n<script>%+?#&=";
        let e = encode(raw);
        assert!(e.is_ascii());
        assert!(!e.contains(['?', '#', '&', '=', '+', ' ', '<']));
        assert_eq!(RelPath::decode(&e).unwrap().to_bytes(), raw);
        assert_eq!(e.split('/').count(), 2, "slashes kept: {e}");
    }

    #[test]
    fn raw_param_keeps_the_encoding() {
        let q = "page=2&path=a%2Fb%FF&sort=-size&flag";
        assert_eq!(raw_param(q, "path"), Some("a%2Fb%FF"));
        assert_eq!(raw_param(q, "flag"), Some(""));
        assert_eq!(raw_param(q, "q"), None);
        assert_eq!(raw_param("", "path"), None);
    }

    #[test]
    fn parent_join_and_name() {
        let p = RelPath::decode("a/b/c").unwrap();
        assert_eq!(p.name(), Some(&b"c"[..]));
        assert_eq!(p.parent().to_bytes(), b"a/b");
        assert_eq!(p.parent().join(b"d").to_bytes(), b"a/b/d");
        assert_eq!(RelPath::default().name(), None);
    }
}
