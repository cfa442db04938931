//! `cargo xtask`: the two commands of the README. `serve` installs what is missing, builds
//! the web app and runs the server; `test` does the same set-up and runs every test; `deb`
//! builds the Debian package.

mod bench;
mod bench_browse;
mod bench_dashboard;
mod bench_memory;
mod bench_replicate;
mod bench_scheduler;
mod bench_web;
mod compress;
mod deb;
mod deb_test;
mod measures;
mod run;
mod serve;
mod server;
mod setup;
mod test;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "xtask", about = "ElkarBackup developer commands")]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Install what is missing, build the web app and start the server.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
        /// Data directory (database cluster, secrets).
        #[arg(long, default_value = "data")]
        data_dir: String,
    },
    /// Benchmarks (commands that print figures).
    Bench {
        /// `backup`: engine versus plain rsync over loopback ssh; `scheduler`: the minute
        /// tick queueing 5,000 due jobs and the dispatcher's overhead per run (`dispatcher`:
        /// that second half alone); `browse`:
        /// snapshot listing, search and archives of 100,000 files beside ls, find, tar, zip;
        /// `replicate`: a replica's per-snapshot pull beside upstream's whole-store rsync;
        /// `dashboard`: the dashboard's endpoints and page over 3,000 jobs of 100 runs each;
        /// `memory`: the server's RSS idle and during 4 parallel 100,000-file backups;
        /// `web`: the web app's bytes on the wire and load times, compressed and not.
        #[arg(value_parser = ["backup", "scheduler", "dispatcher", "browse", "replicate", "dashboard", "memory", "web"])]
        what: String,
    },
    /// Structural measures: files over 400 lines, functions over 80 lines, module cycles
    /// and upward imports in the backend (the known ones are in xtask/measures-known.txt).
    Measures,
    /// Build the Debian package (cargo-deb) and print its path:
    /// target/debian/elkarbackup_<version>_amd64.deb.
    Deb {
        /// Package the dev-profile binary and the web app already built (quick; for tests).
        #[arg(long)]
        debug: bool,
        /// The package's version (default: the crate's, with revision 1).
        #[arg(long)]
        deb_version: Option<String>,
    },
    /// Only the Debian package test of `xtask test` (as root: installs, upgrades, removes).
    #[command(hide = true)]
    DebTest,
    /// Install what is missing, then run every test.
    Test {
        /// Skip the browser and live-API tool tests (quicker iteration).
        #[arg(long)]
        no_e2e: bool,
    },
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Cmd::Serve { listen, data_dir } => serve::serve(&listen, &data_dir),
        Cmd::Test { no_e2e } => test::test(!no_e2e),
        Cmd::Measures => measures::print(&run::root()),
        Cmd::Deb { debug, deb_version } => {
            let build = if debug {
                deb::Build::Debug
            } else {
                deb::Build::Release
            };
            deb::deb(build, deb_version.as_deref())
        }
        Cmd::DebTest => deb_test::run(),
        Cmd::Bench { what } if what == "scheduler" => bench_scheduler::scheduler(true),
        Cmd::Bench { what } if what == "dispatcher" => bench_scheduler::scheduler(false),
        Cmd::Bench { what } if what == "browse" => bench_browse::browse(),
        Cmd::Bench { what } if what == "replicate" => bench_replicate::replicate(),
        Cmd::Bench { what } if what == "dashboard" => bench_dashboard::dashboard(),
        Cmd::Bench { what } if what == "memory" => bench_memory::memory_bench(),
        Cmd::Bench { what } if what == "web" => bench_web::web(),
        Cmd::Bench { .. } => bench::backup(),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
