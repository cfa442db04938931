//! Shapes shared by every resource: pages of lists, references to other objects, results.

use serde::{Deserialize, Serialize};

use crate::text::{text_enum, TextEnum};

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

/// The classified outcome of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)
)]
#[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
pub enum RunResult {
    Ok,
    Warning,
    Failed,
    Aborted,
}

impl RunResult {
    /// Every result, best first.
    pub const ALL: [RunResult; 4] = [
        RunResult::Ok,
        RunResult::Warning,
        RunResult::Failed,
        RunResult::Aborted,
    ];

    /// Wire and database name.
    pub const fn as_str(self) -> &'static str {
        match self {
            RunResult::Ok => "ok",
            RunResult::Warning => "warning",
            RunResult::Failed => "failed",
            RunResult::Aborted => "aborted",
        }
    }

    /// Parses the wire name.
    pub fn parse(s: &str) -> Option<RunResult> {
        <RunResult as TextEnum>::from_wire(s)
    }
}
text_enum!(RunResult);

/// Largest page size of every list.
pub const MAX_PER_PAGE: i64 = 500;
/// Page size when none is asked for.
pub const DEFAULT_PER_PAGE: i64 = 20;
