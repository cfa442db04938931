//! `ApiJson<T>`: the JSON body extractor of every handler. On top of `web::Json` it refuses
//! NUL characters anywhere (PostgreSQL cannot store them, and no name or path needs them)
//! and accepts integral floats such as `5.0` for integer fields, as JSON Schema does.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use serde::de::DeserializeOwned;
use serde_json::Value;
use shared::ErrorCode;

use super::error::AppError;

/// A validated JSON body.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T> std::ops::Deref for ApiJson<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> ApiJson<T> {
    /// The body.
    pub fn into_inner(self) -> T {
        self.0
    }
}

/// A NUL character was found in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NulInBody;

/// Rewrites integral floats as integers and fails on NUL characters, in place.
pub fn normalize(v: &mut Value) -> Result<(), NulInBody> {
    match v {
        Value::String(s) if s.contains('\0') => Err(NulInBody),
        Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|_| n.is_f64()) {
                // 2^63 is exactly representable; anything at or beyond it is not an i64.
                if f.fract() == 0.0
                    && (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&f)
                {
                    *v = Value::from(f as i64);
                }
            }
            Ok(())
        }
        Value::Array(items) => items.iter_mut().try_for_each(normalize),
        Value::Object(map) => {
            if map.keys().any(|k| k.contains('\0')) {
                return Err(NulInBody);
            }
            map.values_mut().try_for_each(normalize)
        }
        _ => Ok(()),
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for ApiJson<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json = web::Json::<Value>::from_request(req, payload);
        Box::pin(async move {
            let bad = || AppError::new(ErrorCode::BadRequest);
            let mut value = json.await.map_err(|_| bad())?.into_inner();
            normalize(&mut value).map_err(|_| bad())?;
            serde_json::from_value(value).map(ApiJson).map_err(|e| {
                tracing::debug!("body does not fit: {e}");
                bad()
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn integral_floats_become_integers() {
        let mut v = json!({"a": 5.0, "b": [1.0, 2.5], "c": {"d": -3.0}, "e": 1e300});
        normalize(&mut v).unwrap();
        assert_eq!(
            v,
            json!({"a": 5, "b": [1, 2.5], "c": {"d": -3}, "e": 1e300})
        );
    }

    #[test]
    fn nul_is_refused_in_values_and_keys() {
        assert!(normalize(&mut json!({"a": ["x\u{0}y"]})).is_err());
        assert!(normalize(&mut json!({"a\u{0}": 1})).is_err());
        assert!(normalize(&mut json!({"a": "ok"})).is_ok());
    }
}
