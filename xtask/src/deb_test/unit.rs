//! The part of a systemd unit file the package test needs to start the service the way
//! systemd would: `[Service]`'s `Type=`, `ExecStart=` and `Environment=` (pure parsing).
//! What systemd would expand and this parser does not (`$VAR`, `%` specifiers) is refused
//! rather than passed on wrongly.

use anyhow::{bail, ensure, Context};

/// How the service is started.
#[derive(Debug, PartialEq, Eq)]
pub struct Service {
    /// `Type=` (systemd's default is `simple`).
    pub kind: String,
    /// `ExecStart=`'s argv, without its prefixes (`-`, `+`, `!`, ...).
    pub exec_start: Vec<String>,
    /// `Environment=` assignments, in order.
    pub environment: Vec<(String, String)>,
}

/// Reads the `[Service]` section of a unit file.
pub fn parse(text: &str) -> anyhow::Result<Service> {
    let mut section = String::new();
    let mut kind = "simple".to_owned();
    let mut exec: Vec<Vec<String>> = Vec::new();
    let mut environment = Vec::new();
    for line in logical_lines(text) {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            name.clone_into(&mut section);
            continue;
        }
        if section != "Service" {
            continue;
        }
        let (key, value) = line
            .split_once('=')
            .with_context(|| format!("not a setting: {line:?}"))?;
        let (key, value) = (key.trim(), value.trim());
        match key {
            "Type" => value.clone_into(&mut kind),
            // An empty assignment resets the list (as in drop-ins).
            "ExecStart" if value.is_empty() => exec.clear(),
            "ExecStart" => exec.push(command_line(value)?),
            "Environment" if value.is_empty() => environment.clear(),
            "Environment" => {
                for word in words(value)? {
                    let (k, v) = word
                        .split_once('=')
                        .with_context(|| format!("Environment= word without '=': {word:?}"))?;
                    environment.push((k.to_owned(), v.to_owned()));
                }
            }
            _ => {}
        }
    }
    let exec_start = match exec.len() {
        1 => exec.remove(0),
        0 => bail!("the unit has no ExecStart="),
        n => bail!("the unit has {n} ExecStart= lines; only Type=oneshot may"),
    };
    Ok(Service {
        kind,
        exec_start,
        environment,
    })
}

/// Lines with systemd's continuation (a backslash at the end joins the next line).
fn logical_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut pending = String::new();
    for line in text.lines() {
        match line.strip_suffix('\\') {
            Some(head) => {
                pending.push_str(head);
                pending.push(' ');
            }
            None => {
                pending.push_str(line);
                out.push(std::mem::take(&mut pending));
            }
        }
    }
    if !pending.is_empty() {
        out.push(pending);
    }
    out
}

/// An `ExecStart=` value: prefixes, then words; the program must be an absolute path.
fn command_line(value: &str) -> anyhow::Result<Vec<String>> {
    ensure!(
        !value.starts_with('@'),
        "ExecStart= with @ (a different argv[0]) is not supported by this test"
    );
    let argv = words(value.trim_start_matches(['-', ':', '+', '!']))?;
    let program = argv.first().context("ExecStart= without a program")?;
    ensure!(
        program.starts_with('/'),
        "ExecStart= program {program:?} is not an absolute path"
    );
    Ok(argv)
}

/// Splits a value into words the way systemd does for command lines and `Environment=`:
/// blanks separate, single and double quotes group, a backslash escapes the next character.
fn words(value: &str) -> anyhow::Result<Vec<String>> {
    ensure!(
        !value.contains(['$', '%']),
        "variables ($) and specifiers (%) are not supported by this test: {value:?}"
    );
    let mut words = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (_, '\\') => {
                let next = chars.next().context("a backslash ends the value")?;
                current.push(match next {
                    'n' => '\n',
                    't' => '\t',
                    other => other,
                });
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut current));
                    in_word = false;
                }
            }
            (_, c) => {
                current.push(c);
                in_word = true;
            }
        }
    }
    ensure!(quote.is_none(), "unterminated quote in {value:?}");
    if in_word {
        words.push(current);
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn the_packaged_unit_starts_the_server_with_its_config() {
        let unit = include_str!("../../../packaging/debian/elkarbackup.service");
        let s = parse(unit).expect("the packaged unit parses");
        assert_eq!(s.kind, "notify");
        assert_eq!(
            s.exec_start,
            [
                "/usr/bin/elkarbackup",
                "--config",
                "/etc/elkarbackup/config.toml",
                "serve"
            ]
        );
        assert_eq!(
            s.environment,
            pairs(&[("ELKARBACKUP_LOG", "info"), ("NO_COLOR", "1")])
        );
    }

    #[test]
    fn quotes_escapes_continuations_and_prefixes() {
        let unit = "[Unit]\nExecStart=/bin/false\n[Service]\n\
            Environment=\"A=b c\" D=e 'F=g h'\nEnvironment=I=j\\ k\n\
            ExecStart=-/usr/bin/prog \\\n  --flag \"two words\" x\\\"y\n";
        let s = parse(unit).unwrap();
        assert_eq!(s.kind, "simple");
        assert_eq!(
            s.exec_start,
            ["/usr/bin/prog", "--flag", "two words", "x\"y"]
        );
        assert_eq!(
            s.environment,
            pairs(&[("A", "b c"), ("D", "e"), ("F", "g h"), ("I", "j k")])
        );
    }

    #[test]
    fn empty_assignments_reset_and_one_exec_start_remains() {
        let unit = "[Service]\nEnvironment=A=1\nEnvironment=\nEnvironment=B=2\n\
            ExecStart=/a\nExecStart=\nExecStart=/b c\n";
        let s = parse(unit).unwrap();
        assert_eq!(s.exec_start, ["/b", "c"]);
        assert_eq!(s.environment, pairs(&[("B", "2")]));
        assert!(parse("[Service]\nExecStart=/a\nExecStart=/b\n").is_err());
        assert!(parse("[Service]\nType=notify\n").is_err());
    }

    #[test]
    fn what_systemd_would_expand_is_refused() {
        for bad in [
            "[Service]\nExecStart=/usr/bin/x %i\n",
            "[Service]\nExecStart=/usr/bin/x $HOME\n",
            "[Service]\nExecStart=@/usr/bin/x y\n",
            "[Service]\nExecStart=x serve\n",
            "[Service]\nExecStart=/usr/bin/x \"open\n",
            "[Service]\nEnvironment=NOVALUE\nExecStart=/x\n",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }
}
