//! The built-in guides' commands. The web app shows them as they are here, and the tests
//! run them as they are here, so a guide's steps cannot rot. Their explanations are the
//! web app's translated texts (`guide-*`).

/// Quotes a text for a POSIX shell: inside single quotes, each `'` written as `'\''`.
pub fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The command that installs an `authorized_keys` line for the user running it on the
/// client (the client page shows it beside each key).
pub fn install_command(line: &str) -> String {
    format!(
        "umask 077 && mkdir -p ~/.ssh && echo {} >> ~/.ssh/authorized_keys",
        shell_quote(line)
    )
}

/// Linux client, step 1 (as root): rsync, which brings rrsync, and the ssh server.
pub const LINUX_PACKAGES: &str = "apt-get install rsync openssh-server";

/// Linux client, step 2: rsync's version (3.4.0 or later, or a distribution's fixed
/// build) and where rrsync is; both lines must print.
pub const LINUX_CHECK: &str = "rsync --version | head -n 1 && command -v rrsync";

/// Linux client, step 4: what the installed key may do, seen from the client: the line
/// must start with `restrict,command="rrsync -ro`.
pub const LINUX_VERIFY: &str = "grep -c 'command=\"rrsync -ro ' ~/.ssh/authorized_keys";

/// NAS or rsync daemon client: a read-only module with a login, for `/etc/rsyncd.conf`.
/// `{path}` is the directory to back up, `{server}` the backup server's address.
pub const DAEMON_MODULE: &str = "[backup]
    path = {path}
    comment = ElkarBackup
    read only = yes
    list = yes
    hosts allow = {server}
    auth users = elkarbackup
    secrets file = /etc/rsyncd.secrets
    uid = root
    gid = root";

/// The daemon's password file (only root may read it, or rsync refuses it).
pub const DAEMON_SECRETS: &str = "umask 077 && echo 'elkarbackup:CHANGE-ME' > /etc/rsyncd.secrets";

/// Windows client, step 1 (PowerShell as an administrator): the built-in OpenSSH server,
/// started now and at every boot.
pub const WINDOWS_SSH: &str = "Add-WindowsCapability -Online -Name OpenSSH.Server~~~~0.0.1.0
Start-Service sshd
Set-Service -Name sshd -StartupType Automatic";

/// Windows client, step 3 (PowerShell as an administrator): the key line into the file
/// Windows' sshd reads for administrators, readable by Administrators and SYSTEM only.
/// The groups are named by their SIDs, which are the same in every language of Windows.
pub fn windows_key_command(line: &str) -> String {
    let file = r"C:\ProgramData\ssh\administrators_authorized_keys";
    format!(
        "Add-Content -Path {file} -Value '{}'\n\
         icacls {file} /inheritance:r /grant '*S-1-5-32-544:F' /grant '*S-1-5-18:F'",
        line.replace('\'', "''")
    )
}

/// macOS client, step 2 (Terminal): a current rsync from Homebrew, and its version.
pub const MACOS_RSYNC: &str = "brew install rsync
$(brew --prefix)/bin/rsync --version | head -n 1";

/// macOS client, step 3: the rsync option that makes backups use Homebrew's rsync
/// (Apple silicon; `/usr/local/bin/rsync` on Intel Macs).
pub const MACOS_RSYNC_PATH: &str = "--rsync-path=/opt/homebrew/bin/rsync";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_quote_the_key_line_for_their_shell() {
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        let line = "restrict,command=\"rrsync -ro /\" ssh-ed25519 AAAA x's";
        let sh = shlex::split(&install_command(line)).unwrap_or_default();
        assert!(sh.contains(&line.to_owned()), "{sh:?}");
        let ps = windows_key_command("ssh-ed25519 AAAA x's");
        assert!(crate::client_options::rsync_option_ok(MACOS_RSYNC_PATH));
        assert!(ps.starts_with("Add-Content -Path C:\\ProgramData\\ssh\\administrators_authorized_keys -Value 'ssh-ed25519 AAAA x''s'\n"), "{ps}");
    }
}
