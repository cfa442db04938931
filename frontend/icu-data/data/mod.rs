// @generated
include!("datetime_names_year_ethiopian_v1.rs.data");
include!("datetime_patterns_date_ethiopian_v1.rs.data");
include!("datetime_relative_hour_long_v1.rs.data");
include!("datetime_patterns_date_roc_v1.rs.data");
include!("datetime_patterns_date_gregorian_v1.rs.data");
include!("datetime_relative_quarter_long_v1.rs.data");
include!("datetime_patterns_time_v1.rs.data");
include!("datetime_patterns_range_time_v1.rs.data");
include!("datetime_names_month_gregorian_v1.rs.data");
include!("datetime_patterns_date_indian_v1.rs.data");
include!("datetime_patterns_date_chinese_v1.rs.data");
include!("datetime_names_year_persian_v1.rs.data");
include!("datetime_relative_quarter_short_v1.rs.data");
include!("datetime_names_year_hebrew_v1.rs.data");
include!("datetime_relative_week_long_v1.rs.data");
include!("datetime_names_dayperiod_v1.rs.data");
include!("datetime_relative_minute_long_v1.rs.data");
include!("datetime_patterns_date_persian_v1.rs.data");
include!("calendar_preferred_v1.rs.data");
include!("datetime_names_month_buddhist_v1.rs.data");
include!("datetime_names_weekday_v1.rs.data");
include!("datetime_relative_second_short_v1.rs.data");
include!("datetime_relative_month_narrow_v1.rs.data");
include!("datetime_patterns_range_date_japanese_v1.rs.data");
include!("datetime_relative_month_long_v1.rs.data");
include!("plurals_ordinal_v1.rs.data");
include!("decimal_symbols_v1.rs.data");
include!("datetime_patterns_range_date_hebrew_v1.rs.data");
include!("datetime_relative_day_long_v1.rs.data");
include!("datetime_relative_second_narrow_v1.rs.data");
include!("datetime_names_year_roc_v1.rs.data");
include!("datetime_names_month_dangi_v1.rs.data");
include!("datetime_patterns_range_date_persian_v1.rs.data");
include!("datetime_names_month_persian_v1.rs.data");
include!("datetime_patterns_date_hijri_v1.rs.data");
include!("datetime_names_year_chinese_v1.rs.data");
include!("datetime_names_month_hebrew_v1.rs.data");
include!("datetime_relative_week_narrow_v1.rs.data");
include!("datetime_patterns_range_date_roc_v1.rs.data");
include!("datetime_patterns_date_hebrew_v1.rs.data");
include!("locale_likely_subtags_language_v1.rs.data");
include!("locale_parents_v1.rs.data");
include!("datetime_names_month_chinese_v1.rs.data");
include!("timezone_names_locations_root_v1.rs.data");
include!("datetime_relative_quarter_narrow_v1.rs.data");
include!("datetime_relative_hour_narrow_v1.rs.data");
include!("timezone_names_specific_short_v1.rs.data");
include!("datetime_relative_year_long_v1.rs.data");
include!("datetime_patterns_glue_v1.rs.data");
include!("datetime_relative_minute_short_v1.rs.data");
include!("timezone_identifiers_iana_extended_v1.rs.data");
include!("datetime_relative_hour_short_v1.rs.data");
include!("locale_aliases_v1.rs.data");
include!("timezone_names_cities_root_v1.rs.data");
include!("timezone_identifiers_windows_v1.rs.data");
include!("datetime_patterns_range_date_coptic_v1.rs.data");
include!("datetime_patterns_range_date_chinese_v1.rs.data");
include!("datetime_relative_week_short_v1.rs.data");
include!("datetime_patterns_range_date_buddhist_v1.rs.data");
include!("datetime_relative_day_narrow_v1.rs.data");
include!("plurals_cardinal_v1.rs.data");
include!("datetime_names_year_indian_v1.rs.data");
include!("datetime_patterns_range_date_gregorian_v1.rs.data");
include!("datetime_relative_day_short_v1.rs.data");
include!("list_or_v1.rs.data");
include!("timezone_names_generic_short_v1.rs.data");
include!("list_and_v1.rs.data");
include!("datetime_patterns_range_glue_v1.rs.data");
include!("datetime_names_year_buddhist_v1.rs.data");
include!("timezone_names_specific_long_v1.rs.data");
include!("datetime_names_year_dangi_v1.rs.data");
include!("decimal_digits_v1.rs.data");
include!("datetime_names_month_hijri_v1.rs.data");
include!("calendar_japanese_modern_v1.rs.data");
include!("timezone_names_essentials_v1.rs.data");
include!("datetime_names_year_hijri_v1.rs.data");
include!("calendar_week_v1.rs.data");
include!("timezone_names_cities_override_v1.rs.data");
include!("timezone_periods_v1.rs.data");
include!("datetime_patterns_date_japanese_v1.rs.data");
include!("datetime_relative_month_short_v1.rs.data");
include!("datetime_relative_second_long_v1.rs.data");
include!("datetime_patterns_range_date_indian_v1.rs.data");
include!("datetime_names_year_coptic_v1.rs.data");
include!("timezone_names_generic_long_v1.rs.data");
include!("datetime_names_month_indian_v1.rs.data");
include!("list_unit_v1.rs.data");
include!("datetime_patterns_range_date_hijri_v1.rs.data");
include!("datetime_names_month_ethiopian_v1.rs.data");
include!("datetime_patterns_date_coptic_v1.rs.data");
include!("timezone_identifiers_iana_core_v1.rs.data");
include!("decimal_compact_short_v1.rs.data");
include!("datetime_patterns_range_date_dangi_v1.rs.data");
include!("datetime_patterns_date_buddhist_v1.rs.data");
include!("timezone_names_standard_long_v1.rs.data");
include!("datetime_relative_year_narrow_v1.rs.data");
include!("datetime_names_month_japanese_v1.rs.data");
include!("locale_likely_subtags_extended_v1.rs.data");
include!("datetime_relative_year_short_v1.rs.data");
include!("decimal_compact_long_v1.rs.data");
include!("locale_script_direction_v1.rs.data");
include!("datetime_names_year_gregorian_v1.rs.data");
include!("datetime_names_month_coptic_v1.rs.data");
include!("datetime_patterns_range_date_ethiopian_v1.rs.data");
include!("timezone_names_locations_override_v1.rs.data");
include!("datetime_relative_minute_narrow_v1.rs.data");
include!("datetime_patterns_date_dangi_v1.rs.data");
include!("datetime_names_month_roc_v1.rs.data");
include!("locale_likely_subtags_script_region_v1.rs.data");
include!("datetime_names_year_japanese_v1.rs.data");
/// Marks a type as a data provider. You can then use macros like
/// `impl_core_helloworld_v1` to add implementations.
///
/// ```ignore
/// struct MyProvider;
/// const _: () = {
///     include!("path/to/generated/macros.rs");
///     make_provider!(MyProvider);
///     impl_core_helloworld_v1!(MyProvider);
/// }
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __make_provider {
    ($ name : ty) => {
        #[clippy::msrv = "1.88"]
        impl $name {
            #[allow(dead_code)]
            pub(crate) const MUST_USE_MAKE_PROVIDER_MACRO: () = ();
        }
        icu_provider::marker::impl_data_provider_never_marker!($name);
    };
}
#[doc(inline)]
pub use __make_provider as make_provider;
/// This macro requires the following crates:
/// * `alloc`
/// * `icu`
/// * `icu_locale_core`
/// * `icu_pattern`
/// * `icu_provider`
/// * `icu_provider/baked`
/// * `zerotrie`
/// * `zerovec`
#[allow(unused_macros)]
macro_rules! impl_data_provider {
    ($ provider : ty) => {
        make_provider!($provider);
        impl_datetime_names_year_ethiopian_v1!($provider);
        impl_datetime_patterns_date_ethiopian_v1!($provider);
        impl_datetime_relative_hour_long_v1!($provider);
        impl_datetime_patterns_date_roc_v1!($provider);
        impl_datetime_patterns_date_gregorian_v1!($provider);
        impl_datetime_relative_quarter_long_v1!($provider);
        impl_datetime_patterns_time_v1!($provider);
        impl_datetime_patterns_range_time_v1!($provider);
        impl_datetime_names_month_gregorian_v1!($provider);
        impl_datetime_patterns_date_indian_v1!($provider);
        impl_datetime_patterns_date_chinese_v1!($provider);
        impl_datetime_names_year_persian_v1!($provider);
        impl_datetime_relative_quarter_short_v1!($provider);
        impl_datetime_names_year_hebrew_v1!($provider);
        impl_datetime_relative_week_long_v1!($provider);
        impl_datetime_names_dayperiod_v1!($provider);
        impl_datetime_relative_minute_long_v1!($provider);
        impl_datetime_patterns_date_persian_v1!($provider);
        impl_calendar_preferred_v1!($provider);
        impl_datetime_names_month_buddhist_v1!($provider);
        impl_datetime_names_weekday_v1!($provider);
        impl_datetime_relative_second_short_v1!($provider);
        impl_datetime_relative_month_narrow_v1!($provider);
        impl_datetime_patterns_range_date_japanese_v1!($provider);
        impl_datetime_relative_month_long_v1!($provider);
        impl_plurals_ordinal_v1!($provider);
        impl_decimal_symbols_v1!($provider);
        impl_datetime_patterns_range_date_hebrew_v1!($provider);
        impl_datetime_relative_day_long_v1!($provider);
        impl_datetime_relative_second_narrow_v1!($provider);
        impl_datetime_names_year_roc_v1!($provider);
        impl_datetime_names_month_dangi_v1!($provider);
        impl_datetime_patterns_range_date_persian_v1!($provider);
        impl_datetime_names_month_persian_v1!($provider);
        impl_datetime_patterns_date_hijri_v1!($provider);
        impl_datetime_names_year_chinese_v1!($provider);
        impl_datetime_names_month_hebrew_v1!($provider);
        impl_datetime_relative_week_narrow_v1!($provider);
        impl_datetime_patterns_range_date_roc_v1!($provider);
        impl_datetime_patterns_date_hebrew_v1!($provider);
        impl_locale_likely_subtags_language_v1!($provider);
        impl_locale_parents_v1!($provider);
        impl_datetime_names_month_chinese_v1!($provider);
        impl_timezone_names_locations_root_v1!($provider);
        impl_datetime_relative_quarter_narrow_v1!($provider);
        impl_datetime_relative_hour_narrow_v1!($provider);
        impl_timezone_names_specific_short_v1!($provider);
        impl_datetime_relative_year_long_v1!($provider);
        impl_datetime_patterns_glue_v1!($provider);
        impl_datetime_relative_minute_short_v1!($provider);
        impl_timezone_identifiers_iana_extended_v1!($provider);
        impl_datetime_relative_hour_short_v1!($provider);
        impl_locale_aliases_v1!($provider);
        impl_timezone_names_cities_root_v1!($provider);
        impl_timezone_identifiers_windows_v1!($provider);
        impl_datetime_patterns_range_date_coptic_v1!($provider);
        impl_datetime_patterns_range_date_chinese_v1!($provider);
        impl_datetime_relative_week_short_v1!($provider);
        impl_datetime_patterns_range_date_buddhist_v1!($provider);
        impl_datetime_relative_day_narrow_v1!($provider);
        impl_plurals_cardinal_v1!($provider);
        impl_datetime_names_year_indian_v1!($provider);
        impl_datetime_patterns_range_date_gregorian_v1!($provider);
        impl_datetime_relative_day_short_v1!($provider);
        impl_list_or_v1!($provider);
        impl_timezone_names_generic_short_v1!($provider);
        impl_list_and_v1!($provider);
        impl_datetime_patterns_range_glue_v1!($provider);
        impl_datetime_names_year_buddhist_v1!($provider);
        impl_timezone_names_specific_long_v1!($provider);
        impl_datetime_names_year_dangi_v1!($provider);
        impl_decimal_digits_v1!($provider);
        impl_datetime_names_month_hijri_v1!($provider);
        impl_calendar_japanese_modern_v1!($provider);
        impl_timezone_names_essentials_v1!($provider);
        impl_datetime_names_year_hijri_v1!($provider);
        impl_calendar_week_v1!($provider);
        impl_timezone_names_cities_override_v1!($provider);
        impl_timezone_periods_v1!($provider);
        impl_datetime_patterns_date_japanese_v1!($provider);
        impl_datetime_relative_month_short_v1!($provider);
        impl_datetime_relative_second_long_v1!($provider);
        impl_datetime_patterns_range_date_indian_v1!($provider);
        impl_datetime_names_year_coptic_v1!($provider);
        impl_timezone_names_generic_long_v1!($provider);
        impl_datetime_names_month_indian_v1!($provider);
        impl_list_unit_v1!($provider);
        impl_datetime_patterns_range_date_hijri_v1!($provider);
        impl_datetime_names_month_ethiopian_v1!($provider);
        impl_datetime_patterns_date_coptic_v1!($provider);
        impl_timezone_identifiers_iana_core_v1!($provider);
        impl_decimal_compact_short_v1!($provider);
        impl_datetime_patterns_range_date_dangi_v1!($provider);
        impl_datetime_patterns_date_buddhist_v1!($provider);
        impl_timezone_names_standard_long_v1!($provider);
        impl_datetime_relative_year_narrow_v1!($provider);
        impl_datetime_names_month_japanese_v1!($provider);
        impl_locale_likely_subtags_extended_v1!($provider);
        impl_datetime_relative_year_short_v1!($provider);
        impl_decimal_compact_long_v1!($provider);
        impl_locale_script_direction_v1!($provider);
        impl_datetime_names_year_gregorian_v1!($provider);
        impl_datetime_names_month_coptic_v1!($provider);
        impl_datetime_patterns_range_date_ethiopian_v1!($provider);
        impl_timezone_names_locations_override_v1!($provider);
        impl_datetime_relative_minute_narrow_v1!($provider);
        impl_datetime_patterns_date_dangi_v1!($provider);
        impl_datetime_names_month_roc_v1!($provider);
        impl_locale_likely_subtags_script_region_v1!($provider);
        impl_datetime_names_year_japanese_v1!($provider);
    };
}
