//! JWT session tokens: HS256 only (the algorithm is pinned), issuer, audience and expiry
//! always checked. A token names a session row, so logout really ends it.

use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

const ISSUER: &str = "elkarbackup";
const AUDIENCE: &str = "elkarbackup-api";

/// The claims we issue.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    /// User id.
    pub sub: String,
    /// Session id.
    pub sid: Uuid,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
}

/// Signs and checks tokens with one secret.
#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl std::fmt::Debug for JwtKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JwtKeys(..)")
    }
}

impl JwtKeys {
    /// Keys from a shared secret.
    pub fn new(secret: &[u8]) -> Self {
        JwtKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
        }
    }

    /// Issues a token for `user_id`'s session `sid`, valid until `exp` (unix seconds).
    pub fn issue(&self, user_id: i64, sid: Uuid, iat: i64, exp: i64) -> Result<String, String> {
        let claims = Claims {
            sub: user_id.to_string(),
            sid,
            iat,
            exp,
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).map_err(|e| e.to_string())
    }

    /// Checks signature, algorithm, issuer, audience and expiry.
    pub fn verify(&self, token: &str) -> Option<Claims> {
        let mut v = Validation::new(Algorithm::HS256);
        v.set_issuer(&[ISSUER]);
        v.set_audience(&[AUDIENCE]);
        v.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        v.leeway = 0;
        decode::<Claims>(token, &self.decoding, &v)
            .ok()
            .map(|d| d.claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;

    fn now() -> i64 {
        chrono::Utc::now().timestamp()
    }

    #[test]
    fn round_trip() {
        let k = JwtKeys::new(b"0123456789abcdef0123456789abcdef");
        let sid = Uuid::new_v4();
        let t = k.issue(7, sid, now(), now() + 60).unwrap();
        let c = k.verify(&t).unwrap();
        assert_eq!(c.sub, "7");
        assert_eq!(c.sid, sid);
    }

    #[test]
    fn rejects_expired_tampered_foreign_and_alg_none() {
        let k = JwtKeys::new(b"0123456789abcdef0123456789abcdef");
        let sid = Uuid::new_v4();
        let expired = k.issue(7, sid, now() - 120, now() - 60).unwrap();
        assert!(k.verify(&expired).is_none());

        let good = k.issue(7, sid, now(), now() + 60).unwrap();
        let mut parts: Vec<String> = good.split('.').map(String::from).collect();
        let payload = String::from_utf8(URL_SAFE_NO_PAD.decode(&parts[1]).unwrap()).unwrap();
        parts[1] = URL_SAFE_NO_PAD.encode(payload.replace("\"sub\":\"7\"", "\"sub\":\"1\""));
        assert!(k.verify(&parts.join(".")).is_none(), "tampered payload");

        let other = JwtKeys::new(b"another-secret-another-secret-xx");
        assert!(other.verify(&good).is_none(), "foreign key");

        let none_header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
        let unsigned = format!("{none_header}.{}.", parts[1]);
        assert!(k.verify(&unsigned).is_none(), "alg none");
    }
}
