//! One module per page (route) of the web app. Pages own their data: they call `api`
//! and hand plain values to `components`.

pub mod about;
pub mod login;
pub mod not_found;
pub mod password;
pub mod pending;
pub mod preferences;
pub mod tokens;
