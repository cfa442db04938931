//! Random secrets: generated passwords, API tokens, the JWT signing key kept on disk.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// Prefix of personal API tokens, so that they are recognisable (and greppable in leaks).
pub const API_TOKEN_PREFIX: &str = "ebk_";

/// `n` random bytes from the operating system, URL-safe base64 encoded.
pub fn random_token(n: usize) -> String {
    let mut buf = vec![0u8; n];
    // The OS generator failing is not something a server can recover from sensibly, but we
    // still refuse to hand out a predictable secret.
    if getrandom::fill(&mut buf).is_err() {
        panic!("the operating system's random generator failed");
    }
    URL_SAFE_NO_PAD.encode(buf)
}

/// A random password of 20 characters for generated accounts.
pub fn generate_password() -> String {
    random_token(15)
}

/// A new personal API token: `ebk_` + 32 random bytes.
pub fn generate_api_token() -> String {
    format!("{API_TOKEN_PREFIX}{}", random_token(32))
}

/// The stored form of an API token. Tokens have 256 bits of entropy, so a fast hash is
/// enough; it lets the lookup be a plain indexed equality.
pub fn hash_api_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Reads the JWT secret from `path`, creating it (mode 0600) on first use.
pub fn load_or_create_secret(path: &Path) -> std::io::Result<String> {
    match std::fs::read_to_string(path) {
        Ok(s) if s.trim().len() >= 32 => return Ok(s.trim().to_owned()),
        Ok(_) => {
            return Err(std::io::Error::other(format!(
                "{} holds a secret shorter than 32 characters",
                path.display()
            )))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let secret = random_token(48);
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(secret.as_bytes())?;
    f.sync_all()?;
    Ok(secret)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn tokens_are_random_and_prefixed() {
        let a = generate_api_token();
        let b = generate_api_token();
        assert!(a.starts_with("ebk_"));
        assert_ne!(a, b);
        assert_eq!(hash_api_token(&a).len(), 64);
        assert_ne!(hash_api_token(&a), hash_api_token(&b));
    }

    #[test]
    fn secret_is_created_once_with_0600() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("jwt-secret");
        let s1 = load_or_create_secret(&p).unwrap();
        let s2 = load_or_create_secret(&p).unwrap();
        assert_eq!(s1, s2);
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}
