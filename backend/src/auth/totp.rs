//! Time-based one-time codes (RFC 6238 through `totp-rs`: SHA-1, 6 digits, 30-second
//! steps, one step of clock skew either way), their QR code, and recovery codes. Pure:
//! the clock is a parameter, storage is the caller's.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};
use totp_rs::{Algorithm, Builder, Secret, Totp};

/// The name authenticator apps show above the code.
const ISSUER: &str = "ElkarBackup";

/// A new random secret of 160 bits (RFC 4226's recommendation), in base32.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    if getrandom::fill(&mut bytes).is_err() {
        panic!("the operating system's random generator failed");
    }
    Secret::new_stack(bytes).to_base32()
}

/// The generator for a stored base32 secret; `account` is the user name the app shows
/// (a `:` would break the `otpauth` address, so it becomes `_`).
fn totp(secret: &str, account: &str) -> Result<Totp, String> {
    let secret = Secret::try_from_base32(secret).map_err(|e| e.to_string())?;
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(secret)
        .with_issuer(Some(ISSUER))
        .with_account_name(account.replace(':', "_"))
        .build()
        .map_err(|e| e.to_string())
}

/// The time step whose code `code` is, at unix time `now` (the step before and after
/// count too), or `None`. The caller takes each step once (RFC 6238 §5.2).
pub fn matched_step(secret: &str, code: &str, now: u64) -> Option<u64> {
    totp(secret, "").ok()?.check(code, now)
}

/// The code of unix time `now`: for tests and the command line.
pub fn code_at(secret: &str, now: u64) -> Result<String, String> {
    Ok(totp(secret, "")?.generate(now).to_string())
}

/// The `otpauth://totp/ElkarBackup:<account>?secret=…` address for authenticator apps.
pub fn otpauth_url(secret: &str, account: &str) -> Result<String, String> {
    totp(secret, account)?.to_url().map_err(|e| e.to_string())
}

/// `text` as a QR code: an SVG image in a `data:` URL.
pub fn qr_data_url(text: &str) -> Result<String, String> {
    let code = qrcode::QrCode::new(text.as_bytes()).map_err(|e| e.to_string())?;
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(220, 220)
        .quiet_zone(true)
        .build();
    Ok(format!(
        "data:image/svg+xml;base64,{}",
        STANDARD.encode(svg.as_bytes())
    ))
}

/// The letters of recovery codes: no `0`/`o`, `1`/`l`/`i`, to be read off paper.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A recovery code as shown: 16 characters (≈79 bits) in groups of four,
/// `k7qd-m2xa-9fzc-r4tp`.
pub fn new_recovery_code() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        panic!("the operating system's random generator failed");
    }
    let chars: Vec<char> = bytes
        .iter()
        // 256 is not a multiple of 31: the first 8 letters come up a little more often
        // (9 in 256 against 8), which costs under 0.1 bit of the 79.
        .map(|b| RECOVERY_ALPHABET[*b as usize % RECOVERY_ALPHABET.len()] as char)
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// The stored form of a recovery code, from its normalised form (lower case, no dashes:
/// see `shared::two_factor::typed_code`). 79 random bits make a fast hash enough.
pub fn hash_recovery_code(normalised: &str) -> String {
    hex::encode(Sha256::digest(normalised.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::two_factor::{typed_code, TypedCode};

    /// RFC 6238 appendix B's SHA-1 secret ("12345678901234567890"), in base32.
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn codes_follow_rfc_6238() {
        // Appendix B, SHA-1, the last six of its eight digits.
        assert_eq!(code_at(RFC_SECRET, 59).unwrap(), "287082");
        assert_eq!(code_at(RFC_SECRET, 1111111109).unwrap(), "081804");
        assert_eq!(code_at(RFC_SECRET, 2000000000).unwrap(), "279037");
    }

    #[test]
    fn a_code_matches_its_step_and_the_neighbours_only() {
        let secret = new_secret();
        let now = 1_800_000_000;
        let code = code_at(&secret, now).unwrap();
        assert_eq!(matched_step(&secret, &code, now), Some(now / 30));
        assert_eq!(matched_step(&secret, &code, now + 30), Some(now / 30));
        assert_eq!(matched_step(&secret, &code, now - 30), Some(now / 30));
        assert_eq!(matched_step(&secret, &code, now + 90), None);
        assert_eq!(matched_step(&secret, "000000x", now), None);
        assert_eq!(matched_step("not base32!", &code, now), None);
    }

    #[test]
    fn secrets_are_random_and_make_an_otpauth_address() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert_eq!(a.len(), 32, "160 bits in base32");
        let url = otpauth_url(&a, "ane:x").unwrap();
        assert!(
            url.starts_with("otpauth://totp/ElkarBackup:ane_x?"),
            "{url}"
        );
        assert!(url.contains(&format!("secret={a}")), "{url}");
        let qr = qr_data_url(&url).unwrap();
        let svg = STANDARD
            .decode(qr.strip_prefix("data:image/svg+xml;base64,").unwrap())
            .unwrap();
        assert!(String::from_utf8(svg).unwrap().contains("<svg"));
    }

    #[test]
    fn recovery_codes_read_back_as_typed() {
        let code = new_recovery_code();
        assert_eq!(code.len(), 19, "{code}");
        assert_ne!(code, new_recovery_code());
        let Some(TypedCode::Recovery(normal)) = typed_code(&code.to_uppercase()) else {
            panic!("{code} is not read as a recovery code");
        };
        assert_eq!(
            hash_recovery_code(&normal),
            hash_recovery_code(&code.replace('-', ""))
        );
    }
}
