//! The OpenSSH client programs the engine runs: `ssh` (backups and restores of remote
//! clients) and `ssh-keygen` (each client's key pair), found the way the engine finds them
//! (by name, on the `PATH`).

use std::process::Stdio;

use super::finding::{Check, Finding, Status};

/// What starting the programs gave: `ssh -V`'s version line (or why it did not start), and
/// whether `ssh-keygen` started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    pub ssh: Result<String, String>,
    pub keygen: Result<(), String>,
}

/// The findings: one for ssh, one for ssh-keygen when it is missing.
pub fn evaluate(probe: &Probe) -> Vec<Finding> {
    let mut out = Vec::new();
    match &probe.ssh {
        Ok(version) => {
            out.push(Finding::new(Check::Ssh, Status::Ok, "doctor-ssh-ok").arg("version", version))
        }
        Err(error) => out.push(
            Finding::new(Check::Ssh, Status::Problem, "doctor-ssh-missing").arg("reason", error),
        ),
    }
    if let Err(error) = &probe.keygen {
        out.push(
            Finding::new(Check::Ssh, Status::Problem, "doctor-ssh-keygen-missing")
                .arg("reason", error),
        );
    }
    out
}

/// Starts `ssh -V` (it prints its version on standard error) and `ssh-keygen` (with no
/// arguments it prints its usage: starting is what counts).
pub async fn probe() -> Probe {
    let run = |program: &'static str, args: &'static [&'static str]| async move {
        async_process::Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .await
            .map_err(|e| e.to_string())
    };
    let ssh = run("ssh", &["-V"]).await.map(|o| {
        let text = String::from_utf8_lossy(&o.stderr).into_owned();
        text.lines().next().unwrap_or_default().trim().to_owned()
    });
    let keygen = run("ssh-keygen", &["-?"]).await.map(|_| ());
    Probe { ssh, keygen }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_programs_are_problems() {
        let ok = evaluate(&Probe {
            ssh: Ok("OpenSSH_9.2p1 Debian-2+deb12u3".into()),
            keygen: Ok(()),
        });
        assert_eq!(ok.len(), 1);
        assert_eq!(ok[0].status, Status::Ok);
        assert_eq!(ok[0].get("version"), Some("OpenSSH_9.2p1 Debian-2+deb12u3"));
        let none = evaluate(&Probe {
            ssh: Err("not found".into()),
            keygen: Err("not found".into()),
        });
        let keys: Vec<_> = none.iter().map(|f| (f.status, f.key)).collect();
        assert_eq!(
            keys,
            [
                (Status::Problem, "doctor-ssh-missing"),
                (Status::Problem, "doctor-ssh-keygen-missing")
            ]
        );
    }
}
