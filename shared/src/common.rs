//! Shapes shared by every resource: pages of lists, references to other objects, results.

use serde::{Deserialize, Serialize};

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Number of items matching the filters, on all pages.
    pub total: i64,
    /// This page's number, from 1.
    pub page: i64,
    pub per_page: i64,
}

/// A reference to another object: its id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ref {
    pub id: i64,
    pub name: String,
}

// Best first.
crate::text::text_enum! {
    /// The classified outcome of a run.
    pub enum RunResult {
        Ok => "ok",
        Warning => "warning",
        Failed => "failed",
        Aborted => "aborted",
    }
}

/// Largest page size of every list.
pub const MAX_PER_PAGE: i64 = 500;
/// Page size when none is asked for.
pub const DEFAULT_PER_PAGE: i64 = 20;
