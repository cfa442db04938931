//! The `elkarbackup` binary end to end on its self-managed PostgreSQL cluster: first start
//! prints the admin's password, `admin create` / `reset-password` / `reset-two-factor`
//! work with the server running and stopped, the cluster stops cleanly and keeps its data
//! across restarts.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, Command};

const BIN: &str = env!("CARGO_BIN_EXE_elkarbackup");

fn cmd(data: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.arg("--data-dir")
        .arg(data)
        .env_remove("DATABASE_URL")
        .env_remove("ELKARBACKUP_DATABASE_URL")
        .env_remove("ELKARBACKUP_CONFIG")
        .env("ELKARBACKUP_FRONTEND_DIR", data.join("no-frontend"))
        .env("ELKARBACKUP_LOG", "warn")
        .kill_on_drop(true);
    c
}

async fn run(data: &Path, args: &[&str], stdin: Option<&str>) -> (bool, String, String) {
    let mut c = cmd(data);
    c.args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    if let Some(input) = stdin {
        let mut s = child.stdin.take().unwrap();
        s.write_all(input.as_bytes()).await.unwrap();
        drop(s);
    }
    let out = tokio::time::timeout(Duration::from_secs(120), child.wait_with_output())
        .await
        .expect("command finished")
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Starts `serve`; returns the child, its base URL and the first-admin password if printed.
async fn serve(data: &Path) -> (Child, String, Option<String>) {
    let mut c = cmd(data);
    c.args(["serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    let mut child = c.spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut next = async |limit: Duration| -> Option<String> {
        match tokio::time::timeout(limit, lines.next_line()).await {
            Ok(Ok(line)) => line,
            _ => None,
        }
    };
    let mut base = None;
    while let Some(line) = next(Duration::from_secs(120)).await {
        if let Some(rest) = line.split("listening on ").nth(1) {
            base = Some(rest.trim().trim_end_matches('/').to_owned());
            break;
        }
    }
    // The first-admin block follows at once, or nothing does.
    let mut password = None;
    if next(Duration::from_secs(2))
        .await
        .is_some_and(|l| l.starts_with("First administrator"))
    {
        for _ in 0..2 {
            if let Some(l) = next(Duration::from_secs(2)).await {
                if let Some(pw) = l.trim().strip_prefix("password: ") {
                    password = Some(pw.trim().to_owned());
                }
            }
        }
    }
    // Keep draining stdout so the server never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    (child, base.expect("server announced its URL"), password)
}

async fn stop(mut child: Child) {
    let pid = nix::unistd::Pid::from_raw(child.id().unwrap() as i32);
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM).unwrap();
    let status = tokio::time::timeout(Duration::from_secs(60), child.wait())
        .await
        .expect("server stopped")
        .unwrap();
    assert!(status.success(), "clean exit: {status:?}");
}

async fn login(base: &str, user: &str, pw: &str) -> u16 {
    crate::helpers::http_client()
        .post(format!("{base}/api/auth/login"))
        .json(&serde_json::json!({"username": user, "password": pw}))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn managed_cluster_serve_admin_commands_and_restart() {
    let dir = tempfile::Builder::new().prefix("ebk").tempdir().unwrap();
    // The postgres system user (when we run as root) must be able to traverse it.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let data = dir.path().join("d");

    // First start: initialises the cluster and prints the admin's password once.
    let (server, base, pw) = serve(&data).await;
    let admin_pw = pw.expect("first admin password printed");
    assert_eq!(login(&base, "admin", &admin_pw).await, 200);
    assert!(data.join("postgres/data/PG_VERSION").exists());
    let secret_mode = std::fs::metadata(data.join("jwt-secret"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(secret_mode & 0o777, 0o600);
    // No TCP port: the cluster listens on its socket only.
    let conf = std::fs::read_to_string(data.join("postgres/data/postmaster.pid")).unwrap();
    assert!(
        conf.contains(&data.join("postgres/run").display().to_string()),
        "{conf}"
    );

    // admin create while the server runs.
    let (ok, out, err) = run(
        &data,
        &["admin", "create", "alice", "--password-stdin"],
        Some("alice-secret-1\n"),
    )
    .await;
    assert!(ok, "{out}{err}");
    assert!(
        !out.contains("alice-secret-1"),
        "a given password is not echoed"
    );
    assert_eq!(login(&base, "alice", "alice-secret-1").await, 200);
    // Duplicate names are refused.
    let (ok, _, err) = run(
        &data,
        &["admin", "create", "ALICE", "--password-stdin"],
        Some("whatever-lantern-orchard\n"),
    )
    .await;
    assert!(!ok && err.contains("already exists"), "{err}");
    // A guessable password is refused with the reason.
    let (ok, _, err) = run(
        &data,
        &["admin", "create", "weakling", "--password-stdin"],
        Some("password1234\n"),
    )
    .await;
    assert!(
        !ok && err.contains("password (too_weak)") && err.contains("common password"),
        "{err}"
    );

    stop(server).await;
    assert!(
        !data.join("postgres/data/postmaster.pid").exists(),
        "PostgreSQL was shut down cleanly"
    );

    // reset-password while the server is stopped: a generated password is printed.
    let (ok, out, err) = run(&data, &["admin", "reset-password", "alice"], None).await;
    assert!(ok, "{out}{err}");
    let new_pw = out
        .lines()
        .find_map(|l| l.strip_prefix("password: "))
        .expect("generated password printed")
        .to_owned();
    assert!(
        !data.join("postgres/data/postmaster.pid").exists(),
        "stopped again"
    );

    // Restart: data kept, no new first admin.
    let (server, base, pw) = serve(&data).await;
    assert!(pw.is_none(), "no second first-admin");
    assert_eq!(login(&base, "alice", "alice-secret-1").await, 401);
    assert_eq!(login(&base, "alice", &new_pw).await, 200);
    assert_eq!(login(&base, "admin", &admin_pw).await, 200);

    // reset-two-factor, with the server running: for a lost phone and lost recovery codes.
    enrol_two_factor(&base, "alice", &new_pw).await;
    assert_eq!(
        login(&base, "alice", &new_pw).await,
        401,
        "a code is needed"
    );
    let (ok, out, err) = run(&data, &["admin", "reset-two-factor", "alice"], None).await;
    assert!(ok && out.contains("removed"), "{out}{err}");
    assert_eq!(
        login(&base, "alice", &new_pw).await,
        200,
        "the password alone again"
    );
    let (ok, _, err) = run(&data, &["admin", "reset-two-factor", "nobody"], None).await;
    assert!(!ok, "{err}");
    stop(server).await;
}

/// Turns two-factor sign-in on for `user` through the API.
async fn enrol_two_factor(base: &str, user: &str, pw: &str) {
    let http = crate::helpers::http_client();
    let res = http
        .post(format!("{base}/api/auth/login"))
        .json(&serde_json::json!({"username": user, "password": pw}))
        .send()
        .await
        .unwrap();
    let token = res.json::<shared::LoginResponse>().await.unwrap().token;
    let post = |path: &str, body: serde_json::Value| {
        http.post(format!("{base}{path}"))
            .bearer_auth(&token)
            .json(&body)
            .send()
    };
    let setup: serde_json::Value = post("/api/me/totp/setup", serde_json::json!({"password": pw}))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let secret = setup["secret"].as_str().unwrap();
    let now = chrono::Utc::now().timestamp() as u64;
    let code = backend::auth::totp::code_at(secret, now).unwrap();
    let res = post("/api/me/totp/confirm", serde_json::json!({"code": code}))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn missing_postgres_binaries_give_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = cmd(&dir.path().join("d"));
    c.args(["migrate"])
        .env("ELKARBACKUP_POSTGRES_BIN_DIR", dir.path().join("nowhere"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let out = c.output().await.unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("apt-get install postgresql"), "{err}");
}

/// Started as root with the data directory under one the `postgres` user cannot enter
/// (`mktemp -d` makes them 0700): the server stops before initdb, naming the directory and
/// the fix in the environment's language.
#[tokio::test]
async fn a_data_dir_the_postgres_user_cannot_reach_is_named_before_initdb() {
    if !nix::unistd::Uid::effective().is_root() {
        eprintln!("skipped: only root runs the cluster as the postgres user");
        return;
    }
    let dir = tempfile::Builder::new().prefix("ebk").tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    let data = dir.path().join("d");
    for (lang, words) in [
        ("C.UTF-8", "cannot enter"),
        ("es_ES.UTF-8", "no puede entrar en"),
        ("eu_ES.UTF-8", "ezin du"),
    ] {
        let mut c = cmd(&data);
        c.arg("migrate")
            .env_remove("LANGUAGE")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let out = tokio::time::timeout(Duration::from_secs(60), c.output())
            .await
            .expect("fails at once")
            .unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(words), "{lang}: {err}");
        let blocking = dir.path().display().to_string();
        let named = err
            .match_indices(&blocking)
            .any(|(i, _)| !err[i + blocking.len()..].starts_with('/'));
        assert!(named, "names the blocking directory itself: {err}");
        assert!(err.contains("/var/lib"), "names the fix: {err}");
        assert!(!err.contains("initdb"), "stopped before initdb: {err}");
        assert!(!data.join("postgres/data").exists(), "initdb never ran");
    }
    // Once the postgres user may enter, the same directory works.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o711)).unwrap();
    let (ok, out, err) = run(&data, &["migrate"], None).await;
    assert!(ok, "{out}{err}");
    assert!(data.join("postgres/data/PG_VERSION").exists());
}

#[tokio::test]
async fn openapi_command_prints_the_committed_spec() {
    let out = Command::new(BIN).arg("openapi").output().await.unwrap();
    assert!(out.status.success());
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi.yaml")).unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), committed);
}

/// `admin create --language` stores the language; without it the user has none (the web
/// app then keeps the login page's); an unknown language is refused by the parser.
#[tokio::test]
async fn admin_create_sets_the_language() {
    let (url, name) = crate::helpers::fresh_database().await;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d");
    let create = |user: &'static str, extra: &'static [&'static str]| {
        let mut c = cmd(&data);
        c.env("DATABASE_URL", &url)
            .args(["admin", "create", user, "--role", "operator"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        c
    };
    for (user, extra) in [
        ("bea", &["--language", "eu"][..]),
        ("carlos", &["--language", "es"][..]),
        ("dana", &[][..]),
    ] {
        let out = create(user, extra).output().await.unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = create("erik", &["--language", "fr"])
        .output()
        .await
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("eu, es, en"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = crate::helpers::pg(&name)
        .await
        .query(
            "SELECT username, language FROM users ORDER BY username",
            &[],
        )
        .await
        .unwrap();
    let got: Vec<(String, Option<String>)> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    assert_eq!(
        got,
        [
            ("bea".to_string(), Some("eu".to_string())),
            ("carlos".to_string(), Some("es".to_string())),
            ("dana".to_string(), None),
        ]
    );
}
