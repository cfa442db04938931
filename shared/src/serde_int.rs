//! Integers as JSON Schema defines them: `20` and `20.0` are the same integer. serde alone
//! rejects `20.0` for an integer field, which generated clients may send.

use serde::{de, Deserialize, Deserializer};

/// Deserializes an `i32` from any JSON number with no fractional part in range.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
    let n = serde_json::Number::deserialize(d)?;
    if let Some(i) = n.as_i64() {
        return i32::try_from(i).map_err(|_| de::Error::custom("integer out of range"));
    }
    match n.as_f64() {
        Some(f) if f.fract() == 0.0 && f >= f64::from(i32::MIN) && f <= f64::from(i32::MAX) => {
            Ok(f as i32)
        }
        _ => Err(de::Error::custom("expected an integer")),
    }
}

#[cfg(test)]
mod tests {
    use crate::Preferences;

    fn page_size(json: &str) -> Option<i32> {
        serde_json::from_str::<Preferences>(&format!(r#"{{"language":"en","page_size":{json}}}"#))
            .ok()
            .map(|p| p.page_size)
    }

    #[test]
    fn integral_numbers_only() {
        assert_eq!(page_size("20"), Some(20));
        assert_eq!(page_size("171.0"), Some(171));
        assert_eq!(page_size("1e2"), Some(100));
        assert_eq!(page_size("20.5"), None);
        assert_eq!(page_size("\"20\""), None);
        assert_eq!(page_size("9999999999"), None);
    }
}
