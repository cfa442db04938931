//! Command-line interface (clap): global options and the subcommands.

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

use anyhow::Context;
use backend::config::Config;
use backend::domain::{accounts, DomainError};
use backend::startup::{open_database, Application};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use shared::{Language, Role};

/// ElkarBackup: agentless rsync/ssh backup server.
#[derive(Debug, Parser)]
#[command(name = "elkarbackup", version, about)]
pub struct Cli {
    /// Directory the server owns (database cluster, secrets, keys).
    #[arg(long, global = true, env = "ELKARBACKUP_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Configuration file (TOML).
    #[arg(long, global = true, env = "ELKARBACKUP_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the server (API, web app, scheduler).
    Serve {
        /// Address to listen on, e.g. 0.0.0.0:8080.
        #[arg(long, env = "ELKARBACKUP_LISTEN")]
        listen: Option<std::net::SocketAddr>,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Print the OpenAPI document (YAML).
    Openapi,
    /// The forced command of a replica's ssh key (installed by the server, not run by
    /// hand): runs `rrsync -ro` in the location the requested path starts with.
    ReplicationGate {
        /// The rrsync program.
        #[arg(long)]
        rrsync: PathBuf,
        /// The view directory (one symlink per location, named by its id).
        view: PathBuf,
    },
    /// Check what this installation needs (PostgreSQL, rsync, ssh, locations, TLS files,
    /// clock) and say what is wrong and how to fix it, in the language of `LANG`.
    Doctor,
    /// Rebuild the catalog of a fresh installation from backup locations: the newest
    /// catalog dump found in them, then every published snapshot the dump lacks (from its
    /// `snapshot.json`); without a dump, from the snapshots' metadata alone.
    Recover {
        /// A location directory (repeat for several).
        #[arg(long = "location", required = true)]
        locations: Vec<PathBuf>,
        /// Also when the catalog already has clients or jobs: a dump found then replaces
        /// the whole catalog.
        #[arg(long)]
        force: bool,
    },
    /// Manage administrator accounts.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Write the manual pages (roff), one per command, into DIR (for the Debian package).
    #[command(hide = true)]
    Manpages {
        /// Directory the pages are written into (created if missing).
        dir: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum AdminCommand {
    /// Create a user; prints a generated password unless --password-stdin is given.
    Create {
        name: String,
        #[arg(long, value_enum, default_value_t = RoleArg::Admin)]
        role: RoleArg,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
        /// The user's language; without it the language stays unchosen until the user
        /// picks one (the web app shows the browser's meanwhile).
        #[arg(long, value_enum)]
        language: Option<LanguageArg>,
    },
    /// Set a new password; prints a generated one unless --password-stdin is given.
    ResetPassword {
        name: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Remove a user's second factor and recovery codes (a lost phone): they sign in with
    /// their password alone until they set up a new one.
    ResetTwoFactor { name: String },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RoleArg {
    Admin,
    Operator,
}

/// `--language`: the interface languages.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum LanguageArg {
    Eu,
    Es,
    En,
}

impl From<LanguageArg> for Language {
    fn from(l: LanguageArg) -> Language {
        match l {
            LanguageArg::Eu => Language::Eu,
            LanguageArg::Es => Language::Es,
            LanguageArg::En => Language::En,
        }
    }
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Admin => Role::Admin,
            RoleArg::Operator => Role::Operator,
        }
    }
}

fn load_config(cli: &Cli) -> anyhow::Result<Config> {
    let mut cfg = Config::load(cli.config.as_deref(), |k| std::env::var(k).ok())?;
    if let Some(d) = &cli.data_dir {
        cfg.data_dir = d.clone();
    }
    Ok(cfg)
}

fn read_password_stdin() -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprintln!("Password: ");
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line)?;
    let pw = line.trim_end_matches(['\n', '\r']).to_owned();
    anyhow::ensure!(!pw.is_empty(), "no password on standard input");
    Ok(pw)
}

fn describe(e: DomainError) -> anyhow::Error {
    match e {
        DomainError::Validation(issues) => {
            // As the API words field errors, in the environment's language; the code too,
            // for scripts.
            let t = backend::i18n::translations();
            let lang = backend::i18n::environment_language();
            let list: Vec<String> = issues
                .iter()
                .map(|i| {
                    let id = format!("validation-{}", i.code.replace('_', "-"));
                    format!("{} ({}): {}", i.field, i.code, t.get(lang, &id, &i.args))
                })
                .collect();
            anyhow::anyhow!("invalid input: {}", list.join("; "))
        }
        DomainError::Conflict(m) => anyhow::anyhow!("{m}"),
        DomainError::Duplicate(field) => anyhow::anyhow!("a user with this {field} already exists"),
        DomainError::NotFound => anyhow::anyhow!("no such user"),
        other => anyhow::Error::new(other),
    }
}

/// Runs the parsed command.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    if let Command::Openapi = cli.command {
        let yaml = backend::api::openapi_yaml().map_err(anyhow::Error::msg)?;
        print!("{yaml}");
        return Ok(());
    }
    if let Command::Manpages { dir } = &cli.command {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        return clap_mangen::generate_to(Cli::command(), dir)
            .with_context(|| format!("writing manual pages into {}", dir.display()));
    }
    // Before loading any configuration: sshd runs it for every replica connection.
    if let Command::ReplicationGate { rrsync, view } = &cli.command {
        return backend::replication::primary::gate::run(rrsync, view);
    }
    let mut config = load_config(&cli)?;
    let rt = actix_web::rt::System::new();
    rt.block_on(async move {
        match cli.command {
            Command::Openapi | Command::ReplicationGate { .. } | Command::Manpages { .. } => Ok(()),
            Command::Doctor => backend::doctor::run(&config).await,
            Command::Recover { locations, force } => {
                backend::recovery::run(&config, &locations, force).await
            }
            Command::Migrate => {
                let db = open_database(&config).await?;
                println!("database schema is up to date");
                db.release().await;
                Ok(())
            }
            Command::Admin { command } => {
                let db = open_database(&config).await?;
                let result = admin(&config, &db.url, command).await;
                db.release().await;
                result
            }
            Command::Serve { listen } => {
                if let Some(l) = listen {
                    config.listen = l;
                }
                serve(config).await
            }
        }
    })
}

async fn admin(config: &Config, url: &str, command: AdminCommand) -> anyhow::Result<()> {
    let pool = backend::db::build_pool(url, 2.min(config.db_pool_size))?;
    match command {
        AdminCommand::Create {
            name,
            role,
            password_stdin,
            language,
        } => {
            let given = password_stdin.then(read_password_stdin).transpose()?;
            let generated = given.is_none();
            let (_, pw) = accounts::create_user_with_language(
                &pool,
                &name,
                role.into(),
                given,
                language.map(Language::from),
            )
            .await
            .map_err(describe)?;
            println!("created user {name}");
            if generated {
                println!("password: {pw}");
            }
        }
        AdminCommand::ResetPassword {
            name,
            password_stdin,
        } => {
            let given = password_stdin.then(read_password_stdin).transpose()?;
            let generated = given.is_none();
            let pw = accounts::reset_password(&pool, &name, given)
                .await
                .map_err(describe)?;
            println!("password of {name} changed; their sessions were ended");
            if generated {
                println!("password: {pw}");
            }
        }
        AdminCommand::ResetTwoFactor { name } => {
            backend::domain::two_factor::reset_by_name(&pool, &name)
                .await
                .map_err(describe)?;
            println!(
                "two-factor sign-in of {name} removed: they sign in with their password alone"
            );
        }
    }
    Ok(())
}

async fn serve(config: Config) -> anyhow::Result<()> {
    // Every backup and restore runs rsync: without a usable one, say so now, not at 3 a.m.
    if let Some(why) = backend::doctor::rsync::refusal(&config.rsync).await {
        anyhow::bail!("{why}");
    }
    let db = open_database(&config).await?;
    let app = match Application::build(config.clone(), &db.url).await {
        Ok(app) => app,
        Err(e) => {
            db.shutdown().await;
            return Err(e);
        }
    };
    let host = match config.listen.ip() {
        ip if ip.is_unspecified() => "127.0.0.1".to_owned(),
        ip => ip.to_string(),
    };
    println!("ElkarBackup is listening on {}", app.url(&host));
    // systemd (Type=notify): ready once listening; STOPPING=1 when a stop signal arrives.
    notify_systemd(sd_notify::NotifyState::Ready);
    actix_web::rt::spawn(notify_stopping());
    if let Some(pw) = &app.first_admin_password {
        announce_first_admin(&config, pw);
    }
    let result = app.run_until_stopped().await.context("HTTP server");
    db.shutdown().await;
    result
}

/// Tells systemd about the service's state; a no-op when not started by systemd (no
/// `NOTIFY_SOCKET`). A failure only costs systemd's view of the state, so it is logged.
fn notify_systemd(state: sd_notify::NotifyState) {
    if let Err(e) = sd_notify::notify(&[state]) {
        tracing::warn!("cannot notify systemd: {e}");
    }
}

/// Sends STOPPING=1 on SIGTERM or SIGINT (the HTTP server handles the signal itself).
async fn notify_stopping() {
    use tokio::signal::unix::{signal, SignalKind};
    let (Ok(mut term), Ok(mut int)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) else {
        return;
    };
    tokio::select! {
        _ = term.recv() => {}
        _ = int.recv() => {}
    }
    notify_systemd(sd_notify::NotifyState::Stopping);
}

/// Whether standard output goes to the systemd journal (`JOURNAL_STREAM` names its device
/// and inode), where every member of the `adm` group could read a password printed there.
fn stdout_is_journal() -> bool {
    let Some(stream) = std::env::var_os("JOURNAL_STREAM") else {
        return false;
    };
    let Ok(stat) = rustix::fs::fstat(std::io::stdout()) else {
        return false;
    };
    stream.to_string_lossy() == format!("{}:{}", stat.st_dev, stat.st_ino)
}

/// Says how to sign in the first time: the password on a console, only the file that holds
/// it when the output is the journal.
fn announce_first_admin(config: &Config, password: &str) {
    let file = config
        .data_dir
        .join(backend::startup::INITIAL_PASSWORD_FILE);
    if stdout_is_journal() {
        println!(
            "First administrator created: user admin, password in {} \
             (readable only by the user the server runs as)",
            file.display()
        );
        return;
    }
    // Printed once, to the console only; never logged.
    println!(
        "First administrator created. Sign in with:\n  user:     admin\n  password: {password}\n\
         (also in {}, readable only by the user the server runs as)",
        file.display()
    );
}
