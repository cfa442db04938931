//! Enums stored as text. [`TextEnum`] gives each its wire names (the same as serde's); with
//! the `diesel` feature (the server only; the web app never links diesel) every such enum
//! reads and writes a PostgreSQL text column, and a name this build does not know is a
//! decoding error, never a guessed default.

/// An enum whose values travel as fixed snake_case names (JSON and database alike).
pub trait TextEnum: Sized + Copy + 'static {
    /// The type's name, for error messages.
    const TYPE: &'static str;

    /// Every value, in declaration order.
    fn variants() -> &'static [Self];

    /// The wire name.
    fn wire(self) -> &'static str;

    /// Parses a wire name; `None` for names this build does not know.
    fn from_wire(s: &str) -> Option<Self> {
        Self::variants().iter().copied().find(|v| v.wire() == s)
    }
}

/// Implements [`TextEnum`] (from the type's `ALL` and `as_str`) and, with the `diesel`
/// feature, the text-column conversions. The type itself derives `AsExpression` and
/// `FromSqlRow` through `cfg_attr`.
macro_rules! text_enum {
    ($t:ident) => {
        impl $crate::text::TextEnum for $t {
            const TYPE: &'static str = stringify!($t);

            fn variants() -> &'static [Self] {
                &$t::ALL
            }

            fn wire(self) -> &'static str {
                $t::as_str(self)
            }
        }

        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($t::as_str(*self))
            }
        }

        #[cfg(feature = "diesel")]
        impl diesel::serialize::ToSql<diesel::sql_types::Text, diesel::pg::Pg> for $t {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, diesel::pg::Pg>,
            ) -> diesel::serialize::Result {
                $crate::text::write_sql(*self, out)
            }
        }

        #[cfg(feature = "diesel")]
        impl diesel::deserialize::FromSql<diesel::sql_types::Text, diesel::pg::Pg> for $t {
            fn from_sql(value: diesel::pg::PgValue<'_>) -> diesel::deserialize::Result<Self> {
                $crate::text::read_sql(value)
            }
        }
    };
}
pub(crate) use text_enum;

/// Writes a value's wire name into a text column.
#[cfg(feature = "diesel")]
pub fn write_sql<T: TextEnum>(
    v: T,
    out: &mut diesel::serialize::Output<'_, '_, diesel::pg::Pg>,
) -> diesel::serialize::Result {
    use std::io::Write;
    out.write_all(v.wire().as_bytes())?;
    Ok(diesel::serialize::IsNull::No)
}

/// Reads a text column; an unknown name is an error naming the type and the value.
#[cfg(feature = "diesel")]
pub fn read_sql<T: TextEnum>(value: diesel::pg::PgValue<'_>) -> diesel::deserialize::Result<T> {
    let s = std::str::from_utf8(value.as_bytes())?;
    T::from_wire(s).ok_or_else(|| format!("unknown {} {s:?} in the database", T::TYPE).into())
}

/// Checks that every value's wire name is its serde name and parses back (for tests).
#[cfg(test)]
pub(crate) fn assert_wire_names<T>()
where
    T: TextEnum + std::fmt::Debug + PartialEq + serde::Serialize + serde::de::DeserializeOwned,
{
    let mut seen = std::collections::HashSet::new();
    for v in T::variants() {
        assert!(seen.insert(v.wire()), "duplicate {v:?}");
        assert_eq!(T::from_wire(v.wire()), Some(*v));
        let json = serde_json::to_string(v).unwrap();
        assert_eq!(json, format!("\"{}\"", v.wire()));
        assert_eq!(serde_json::from_str::<T>(&json).unwrap(), *v);
    }
    assert_eq!(T::from_wire("made_up"), None);
}

#[cfg(test)]
mod tests {
    use super::assert_wire_names;

    #[test]
    fn every_text_enum_round_trips_with_serde_names() {
        assert_wire_names::<crate::runs::RunState>();
        assert_wire_names::<crate::runs::RunKind>();
        assert_wire_names::<crate::runs::RunTrigger>();
        assert_wire_names::<crate::runs::BatchState>();
        assert_wire_names::<crate::runs::RunError>();
        assert_wire_names::<crate::common::RunResult>();
        assert_wire_names::<crate::scripts::ScriptPhase>();
        assert_wire_names::<crate::events::LogLevel>();
        assert_wire_names::<crate::events::LogSource>();
        assert_wire_names::<crate::jobs::NotifyThreshold>();
        assert_wire_names::<crate::settings::MailTls>();
        assert_wire_names::<crate::policies::LevelName>();
        assert_wire_names::<crate::policies::PolicyPreset>();
        assert_wire_names::<crate::Role>();
        assert_wire_names::<crate::Language>();
    }
}
