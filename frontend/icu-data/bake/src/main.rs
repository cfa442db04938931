//! Re-bakes the ICU4X data the web app uses (dates, numbers, lists, relative times, plural
//! rules, locale fallback) for only `eu`, `es` and `en` (and their root), into
//! `frontend/icu-data/` (`cargo run --release` here). The source is the compiled data of the
//! ICU4X crates themselves (CLDR 49, as baked in the crates on crates.io): their data macros' iterable form
//! turns it back into a data provider, so no CLDR download is needed. The crates' own
//! `compiled_data` holds every locale, about 700 of them, which is what made the wasm big.

use icu_provider::export::ExportableProvider;
use icu_provider_export::baked_exporter::{BakedExporter, Options};
use icu_provider_export::prelude::*;

/// The type paths the data macros write (`icu::datetime::provider::…`), as the `icu`
/// meta-crate would give them.
pub mod icu {
    pub use icu_calendar as calendar;
    pub use icu_collections as collections;
    pub use icu_datetime as datetime;
    pub use icu_decimal as decimal;
    pub use icu_experimental as experimental;
    pub use icu_list as list;
    pub use icu_locale as locale;
    pub use icu_plurals as plurals;
    pub use icu_time as time;
}

/// The ICU4X crates' compiled data, every locale.
pub struct Source;

extern crate alloc;

/// `std` as the data macros name it: their iterable form of singleton markers (ICU4X 2.4)
/// writes `std::collections::BtreeSet`.
pub mod std {
    pub use ::std::*;
    pub mod collections {
        pub use ::std::collections::*;
        pub type BtreeSet<T> = ::std::collections::BTreeSet<T>;
    }
}

mod markers;

fn main() {
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let families = [
        icu_locale_core::langid!("eu"),
        icu_locale_core::langid!("es"),
        icu_locale_core::langid!("en"),
    ]
    .map(|l| DataLocaleFamily::without_descendants(l.into()));
    let mut options = Options::default();
    options.use_internal_fallback = true;
    options.pretty = true;
    options.overwrite = true;
    let exporter = BakedExporter::new(out.join("data"), options).expect("the output directory");
    let markers = Source.supported_markers();
    ExportDriver::new(
        families,
        DeduplicationStrategy::Maximal.into(),
        LocaleFallbacker::new().static_to_owned(),
    )
    .with_markers(markers)
    .export(&Source, exporter)
    .expect("exported");
}
