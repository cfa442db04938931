//! Helpers shared by list queries: LIKE escaping and page arithmetic.

/// A page request, already validated by the domain layer.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    pub page: i64,
    pub per_page: i64,
}

impl Paging {
    /// Rows to skip.
    pub fn offset(&self) -> i64 {
        (self.page - 1).saturating_mul(self.per_page)
    }
}

/// `%text%` for ILIKE with the user's `%`, `_` and `\` taken literally.
pub fn contains_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// Turns a Postgres `TEXT[]` (elements nullable to diesel) into strings.
pub fn strings(v: Vec<Option<String>>) -> Vec<String> {
    v.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_escaping() {
        assert_eq!(contains_pattern("a%b_c\\"), "%a\\%b\\_c\\\\%");
        assert_eq!(
            Paging {
                page: 3,
                per_page: 20
            }
            .offset(),
            40
        );
    }
}
