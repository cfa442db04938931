//! Query strings of list requests (`?page=&per_page=&sort=&q=&client_id=…`).

/// The parameters of one list request; empty parts are left out of the URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// Page number, from 1.
    pub page: Option<i64>,
    /// Rows per page.
    pub per_page: Option<i64>,
    /// Sort key, e.g. `name` or `-id`.
    pub sort: Option<String>,
    /// Name search.
    pub q: Option<String>,
    /// Further filters (`client_id`, `active`, …) in order.
    pub filters: Vec<(&'static str, String)>,
}

impl ListQuery {
    /// `path?…`, with every value percent-encoded.
    pub fn url(&self, path: &str) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(p) = self.page {
            parts.push(format!("page={p}"));
        }
        if let Some(p) = self.per_page {
            parts.push(format!("per_page={p}"));
        }
        if let Some(s) = self.sort.as_deref().filter(|s| !s.is_empty()) {
            parts.push(format!("sort={}", encode(s)));
        }
        if let Some(q) = self.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
            parts.push(format!("q={}", encode(q)));
        }
        for (name, value) in &self.filters {
            parts.push(format!("{name}={}", encode(value)));
        }
        if parts.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{}", parts.join("&"))
        }
    }
}

/// Percent-encodes a query value (everything but unreserved characters).
pub fn encode(text: &str) -> String {
    percent_encode(text, b"-_.~")
}

/// Percent-encodes a value of the web app's own addresses (`?next=`, `?path=`): the same,
/// but `/` stays readable.
pub fn encode_keeping_slashes(text: &str) -> String {
    percent_encode(text, b"-_.~/")
}

/// Percent-encodes every byte but ASCII letters, digits and those in `keep`.
fn percent_encode(text: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || keep.contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_urls() {
        assert_eq!(ListQuery::default().url("/api/jobs"), "/api/jobs");
        let q = ListQuery {
            page: Some(2),
            per_page: Some(20),
            sort: Some("-name".into()),
            q: Some(" a&b ñ ".into()),
            filters: vec![("client_id", "7".to_owned())],
        };
        assert_eq!(
            q.url("/api/clients"),
            "/api/clients?page=2&per_page=20&sort=-name&q=a%26b%20%C3%B1&client_id=7"
        );
        assert_eq!(encode_keeping_slashes("/a b/ñ"), "/a%20b/%C3%B1");
    }
}
