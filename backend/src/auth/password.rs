//! argon2id password hashing. Hashing is deliberately slow: call it off the async executor.

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::Argon2;

/// Hashes a password into a PHC string (argon2id, random salt).
pub fn hash(password: &str) -> Result<String, String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// True when `password` matches the PHC string `stored`. A malformed hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A valid hash of a random password, verified against when the user does not exist so
/// that a login for an unknown name takes as long as one for a known name.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash(&crate::auth::secrets::random_token(16)).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_and_verify() {
        let h = hash("s3cret!").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify("s3cret!", &h));
        assert!(!verify("s3cret", &h));
        assert!(!verify("s3cret!", "not a hash"));
        assert_ne!(hash("s3cret!").unwrap(), h, "salts must differ");
    }
}
