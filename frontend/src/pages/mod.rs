//! One module per page (route) of the web app. Pages own their data: they call `api`
//! and hand plain values to `components`.

pub mod about;
pub mod accessibility;
pub mod browse;
pub mod clients;
pub mod dashboard;
pub mod guides;
pub mod job;
pub mod jobs;
pub mod locations;
pub mod login;
pub mod logs;
pub mod not_found;
pub mod notifications;
pub mod password;
pub mod policies;
pub mod preferences;
pub mod priorities;
pub mod remove;
pub mod replication;
pub mod runs;
pub mod scripts;
pub mod sessions;
pub mod settings;
pub mod status;
pub mod tokens;
pub mod two_factor;
pub mod users;
pub mod webhooks;
