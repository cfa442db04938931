//! The CLDR data behind the web app's dates, numbers, lists and relative times: only `eu`,
//! `es` and `en` (and the root they fall back to), baked into `data/` by `bake/` (see its
//! `main.rs`) from the ICU4X crates' own compiled data. The crates' `compiled_data` feature
//! would link every locale CLDR has, about 700 of them. The formatters take [`Data`]
//! through their `_unstable` constructors.

// Generated code, as ICU4X writes it.
#![allow(unused_imports, unused_macros, clippy::all, clippy::pedantic)]

extern crate alloc;

/// The data provider of the web app's formatters.
#[derive(Debug)]
pub struct Data;

/// The generated code names types as the `icu` meta-crate would.
mod icu {
    pub use icu_calendar as calendar;
    pub use icu_datetime as datetime;
    pub use icu_decimal as decimal;
    pub use icu_experimental as experimental;
    pub use icu_list as list;
    pub use icu_locale as locale;
    pub use icu_plurals as plurals;
    pub use icu_time as time;
}

include!("../data/mod.rs");
impl_data_provider!(Data);
