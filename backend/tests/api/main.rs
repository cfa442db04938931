//! API integration tests: the real server, in-process, against real PostgreSQL, one fresh
//! database per test cloned from a migrated template.

mod auth;
mod cli;
mod helpers;
mod migrations;
mod openapi;
mod security;
mod tokens;
