//! Who is acting: the authorisation facts every domain operation checks.

use shared::Role;

use super::DomainError;

/// The user on whose behalf an operation runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub user_id: i64,
    pub role: Role,
    /// Where the request came from (the peer address; see [`super::audit`]), for the
    /// audit trail; `None` outside a request.
    pub address: Option<std::net::IpAddr>,
}

impl Actor {
    /// True for administrators.
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    /// `Forbidden` unless an administrator.
    pub fn require_admin(&self) -> Result<(), DomainError> {
        if self.is_admin() {
            Ok(())
        } else {
            Err(DomainError::Forbidden)
        }
    }

    /// The owner filter of lists: operators see only what they own.
    pub fn owner_filter(&self) -> Option<i64> {
        (!self.is_admin()).then_some(self.user_id)
    }

    /// Whether the actor may see and change a client owned by `owner`.
    pub fn may_use_client(&self, owner: Option<i64>) -> bool {
        self.is_admin() || owner == Some(self.user_id)
    }
}

/// A page request as the API received it; normalised here.
#[derive(Debug, Clone, Copy, Default)]
pub struct PageRequest {
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

impl PageRequest {
    /// Pages start at 1; sizes are clamped to 1..=500 (default 20).
    pub fn paging(self) -> crate::db::paging::Paging {
        crate::db::paging::Paging {
            page: self.page.unwrap_or(1).max(1),
            per_page: self
                .per_page
                .unwrap_or(shared::common::DEFAULT_PER_PAGE)
                .clamp(1, shared::common::MAX_PER_PAGE),
        }
    }
}

/// Applies a JSON merge patch (RFC 7396) to the current input and parses the result, so
/// that PATCH goes through exactly the validation of PUT.
pub fn merge_patch<T: serde::Serialize + serde::de::DeserializeOwned>(
    current: &T,
    patch: &serde_json::Value,
) -> Result<T, DomainError> {
    if !patch.is_object() {
        return Err(DomainError::BadRequest);
    }
    let mut doc =
        serde_json::to_value(current).map_err(|e| DomainError::Internal(e.to_string()))?;
    json_patch::merge(&mut doc, patch);
    serde_json::from_value(doc).map_err(|_| DomainError::BadRequest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_is_clamped() {
        let p = PageRequest {
            page: Some(0),
            per_page: Some(10_000),
        }
        .paging();
        assert_eq!((p.page, p.per_page), (1, 500));
        let p = PageRequest::default().paging();
        assert_eq!((p.page, p.per_page), (1, 20));
    }

    #[test]
    fn merge_patch_replaces_given_fields_only() {
        let cur = shared::Preferences {
            language: Some(shared::Language::En),
            page_size: 20,
        };
        let p: shared::Preferences =
            merge_patch(&cur, &serde_json::json!({"page_size": 50})).unwrap();
        assert_eq!((p.language, p.page_size), (Some(shared::Language::En), 50));
        let p: shared::Preferences =
            merge_patch(&cur, &serde_json::json!({"language": null})).unwrap();
        assert_eq!(p.language, None);
        assert!(merge_patch(&cur, &serde_json::json!({"language": "xx"})).is_err());
        assert!(merge_patch(&cur, &serde_json::json!([1])).is_err());
    }
}
