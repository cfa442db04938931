//! Enums sent and stored as text, declared with `text_enum!`. [`TextEnum`] gives each its
//! wire names (the same as serde's); with the `diesel` feature (the server only; the web
//! app never links diesel) every such enum reads and writes a PostgreSQL text column, and
//! a name this build does not know is a decoding error, never a guessed default.

/// An enum whose values travel as fixed names (JSON, query strings and database alike).
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

/// Declares an enum stored as text, each variant with its wire name said once:
///
/// ```ignore
/// text_enum! {
///     /// What a run does.
///     #[derive(Default)]
///     pub enum RunKind {
///         #[default]
///         Backup => "backup",
///         Restore => "restore",
///     }
/// }
/// ```
///
/// It generates the enum (deriving `Debug`, `Clone`, `Copy`, `PartialEq`, `Eq`, serde with
/// each wire name as the variant's serde name, `utoipa::ToSchema` with the `openapi`
/// feature, diesel's text-column derives with the `diesel` feature; further derives and
/// attributes go before `pub enum`), `ALL` (every value, in declaration order), `as_str`
/// and `from_wire`, and implements [`TextEnum`], `Display` and, with the `diesel` feature,
/// the text-column conversions.
macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $t:ident {
            $($(#[$vmeta:meta])* $v:ident => $wire:tt),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(
            feature = "diesel",
            derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)
        )]
        #[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
        $vis enum $t {
            $($(#[$vmeta])* #[serde(rename = $wire)] $v,)+
        }

        impl $t {
            /// Every value, in declaration order.
            pub const ALL: [$t; [$($wire),+].len()] = [$($t::$v),+];

            /// The wire and database name (also the serde name).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($t::$v => $wire,)+
                }
            }

            /// Parses a wire name; `None` for names this build does not know.
            pub fn from_wire(s: &str) -> Option<$t> {
                <$t as $crate::text::TextEnum>::from_wire(s)
            }
        }

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
    use super::{assert_wire_names, TextEnum};

    /// Calls `$check::<T>()` for every text enum of the crate (the list
    /// `every_text_enum_is_listed` keeps complete).
    macro_rules! every_text_enum {
        ($check:ident $(, $arg:expr)?) => {{
            $check::<crate::runs::RunState>($($arg)?);
            $check::<crate::runs::RunKind>($($arg)?);
            $check::<crate::runs::RunTrigger>($($arg)?);
            $check::<crate::runs::BatchState>($($arg)?);
            $check::<crate::runs::RunError>($($arg)?);
            $check::<crate::common::RunResult>($($arg)?);
            $check::<crate::scripts::ScriptPhase>($($arg)?);
            $check::<crate::events::LogLevel>($($arg)?);
            $check::<crate::events::LogSource>($($arg)?);
            $check::<crate::events::ClientStateName>($($arg)?);
            $check::<crate::jobs::NotifyThreshold>($($arg)?);
            $check::<crate::jobs::NotifyMode>($($arg)?);
            $check::<crate::notifications::Channel>($($arg)?);
            $check::<crate::notifications::NotificationEvent>($($arg)?);
            $check::<crate::notifications::NotificationStatus>($($arg)?);
            $check::<crate::jobs::JobSort>($($arg)?);
            $check::<crate::clients::ClientSort>($($arg)?);
            $check::<crate::settings::MailTls>($($arg)?);
            $check::<crate::policies::LevelName>($($arg)?);
            $check::<crate::policies::PolicyPreset>($($arg)?);
            $check::<crate::Role>($($arg)?);
            $check::<crate::Language>($($arg)?);
            $check::<crate::ErrorCode>($($arg)?);
            $check::<crate::audit::AuditKind>($($arg)?);
            $check::<crate::replication::ReplicaRetention>($($arg)?);
            $check::<crate::dashboard::JobHealth>($($arg)?);
            $check::<crate::client_keys::KeyMode>($($arg)?);
            $check::<crate::client_keys::KeyPurpose>($($arg)?);
            $check::<crate::client_keys::KeyState>($($arg)?);
        }};
    }

    #[test]
    fn every_text_enum_round_trips_with_serde_names() {
        every_text_enum!(assert_wire_names);
        assert_eq!(crate::jobs::JobSort::from_wire("name; drop"), None);
        assert_eq!(crate::clients::ClientSort::from_wire("name; drop"), None);
        assert_eq!(crate::events::ClientStateName::from_wire("busy"), None);
    }

    /// wire → enum → wire gives the same name, through `from_wire`/`as_str`, `Display`
    /// and serde alike.
    fn assert_round_trip<T>()
    where
        T: TextEnum + std::fmt::Debug + std::fmt::Display + PartialEq,
        T: serde::Serialize + serde::de::DeserializeOwned,
    {
        for wire in T::variants().iter().map(|v| v.wire()) {
            let v = T::from_wire(wire).unwrap();
            assert_eq!(v.wire(), wire, "{}", T::TYPE);
            assert_eq!(v.to_string(), wire, "{}", T::TYPE);
            let json = format!("\"{wire}\"");
            let from_json: T = serde_json::from_str(&json).unwrap();
            assert_eq!(from_json, v, "{}", T::TYPE);
            assert_eq!(serde_json::to_string(&from_json).unwrap(), json);
        }
    }

    #[test]
    fn wire_enum_wire_round_trips_for_every_variant() {
        every_text_enum!(assert_round_trip);
    }

    fn push_name<T: TextEnum>(out: &mut Vec<&'static str>) {
        out.push(T::TYPE);
    }

    /// The names of the enums declared with `text_enum!` in the crate's sources.
    fn declared(dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                declared(&path, out);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let mut inside = false;
            for line in text.lines() {
                if line == "crate::text::text_enum! {" {
                    inside = true;
                } else if let Some(rest) = line.trim().strip_prefix("pub enum ").filter(|_| inside)
                {
                    out.push(rest.trim_end_matches(" {").to_owned());
                    inside = false;
                }
            }
        }
    }

    #[test]
    fn every_text_enum_is_listed() {
        let mut listed = Vec::new();
        every_text_enum!(push_name, &mut listed);
        listed.sort_unstable();
        let mut found = Vec::new();
        declared(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut found,
        );
        found.sort_unstable();
        assert_eq!(listed, found);
    }
}
