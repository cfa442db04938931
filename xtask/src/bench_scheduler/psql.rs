//! A persistent psql session for the scheduler benchmark, so that polling costs a round
//! trip, not a process.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Stdio};

use anyhow::{bail, Context};

use crate::run::cmd;

/// A persistent psql session, so that polling costs a round trip, not a process.
pub struct Psql {
    child: Child,
    stdin: ChildStdin,
    out: BufReader<ChildStdout>,
}

impl Psql {
    pub fn open(url: &str) -> anyhow::Result<Psql> {
        let mut child = cmd("psql")
            .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=0", "-d", url])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .context("starting psql")?;
        let stdin = child.stdin.take().context("psql stdin")?;
        let out = BufReader::new(child.stdout.take().context("psql stdout")?);
        let mut p = Psql { child, stdin, out };
        p.query("SET client_min_messages = warning")?;
        Ok(p)
    }

    /// Runs one statement; returns its rows (columns separated by `|`).
    pub fn query(&mut self, sql: &str) -> anyhow::Result<Vec<String>> {
        writeln!(self.stdin, "{sql};\n\\echo __end__ :ERROR")?;
        self.stdin.flush()?;
        let mut rows = Vec::new();
        loop {
            let mut line = String::new();
            if self.out.read_line(&mut line)? == 0 {
                bail!("psql ended");
            }
            match line.trim_end() {
                "__end__ false" => return Ok(rows),
                "__end__ true" => bail!("SQL failed: {sql}"),
                "" => {}
                l => rows.push(l.to_owned()),
            }
        }
    }

    pub fn number(&mut self, sql: &str) -> anyhow::Result<i64> {
        let rows = self.query(sql)?;
        let first = rows.first().with_context(|| format!("no row: {sql}"))?;
        first
            .parse()
            .with_context(|| format!("not a number: {first}"))
    }
}

impl Drop for Psql {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
