//! Helpers for running the real binary.
#![allow(dead_code)] // not every test module uses every helper

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Path of the built `kazpar` binary.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kazpar"))
}

/// The repository root (for `corpus/`, `tests/data/`).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One run of the real `kazpar` binary in a folder (as ripgrep's
/// `TestCommand`): arguments, standard input fed from a thread (so a child
/// that writes a lot before reading everything cannot deadlock), and checks
/// of the exit code that, when they fail, panic with the command, its exit
/// code, its stderr and the files of the folder.
pub struct TestCommand {
    dir: PathBuf,
    args: Vec<String>,
    stdin: Vec<u8>,
}

impl TestCommand {
    /// `kazpar` to be run in `dir`.
    pub fn new(dir: &Path) -> Self {
        TestCommand {
            dir: dir.to_path_buf(),
            args: Vec::new(),
            stdin: Vec::new(),
        }
    }

    /// Add arguments.
    pub fn args<S: AsRef<str>>(&mut self, args: impl IntoIterator<Item = S>) -> &mut Self {
        self.args.extend(args.into_iter().map(|a| a.as_ref().to_string()));
        self
    }

    /// Standard input (empty by default).
    pub fn stdin(&mut self, bytes: impl Into<Vec<u8>>) -> &mut Self {
        self.stdin = bytes.into();
        self
    }

    /// Run and return the output, whatever the exit code.
    pub fn output(&self) -> Output {
        let mut child = Command::new(bin())
            .args(&self.args)
            .current_dir(&self.dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn kazpar");
        let mut si = child.stdin.take().expect("stdin is piped");
        let input = self.stdin.clone();
        let feeder = std::thread::spawn(move || {
            use std::io::Write;
            // the child may exit before reading everything: a broken pipe is fine
            let _ = si.write_all(&input);
        });
        let out = child.wait_with_output().expect("wait for kazpar");
        feeder.join().expect("stdin thread");
        out
    }

    /// Run, expecting exit code `code`; panic with the details otherwise.
    pub fn expect_code(&self, code: i32) -> Output {
        let out = self.output();
        if out.status.code() != Some(code) {
            panic!(
                "\n\ncommand: kazpar {}\nin: {}\nexpected exit code {code}, got {:?}\n\nstderr:\n{}\nstdout (first 2000 bytes):\n{}\nfiles:\n{}\n",
                self.args.join(" "),
                self.dir.display(),
                out.status.code(),
                String::from_utf8_lossy(&out.stderr),
                String::from_utf8_lossy(&out.stdout[..out.stdout.len().min(2000)]),
                files(&self.dir).join("\n"),
            );
        }
        out
    }

    /// Run, expecting success (exit code 0).
    pub fn run(&self) -> Output {
        self.expect_code(0)
    }

    /// Run, expecting success; the standard output as text.
    pub fn stdout(&self) -> String {
        stdout(&self.run())
    }
}

/// `kazpar ARGS` in `dir`, to be run.
pub fn kazpar<S: AsRef<str>>(dir: &Path, args: impl IntoIterator<Item = S>) -> TestCommand {
    let mut c = TestCommand::new(dir);
    c.args(args);
    c
}

/// The files under `dir` (relative paths and sizes), sorted; for failure messages.
pub fn files(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let size = e.metadata().map(|m| m.len()).unwrap_or(0);
                out.push(format!(
                    "  {} ({size} bytes)",
                    p.strip_prefix(root).unwrap_or(&p).display()
                ));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Parse JSONL text, one JSON value per non-empty line.
pub fn jsonl(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// Assert two strings are equal, printing a readable line diff when not.
#[macro_export]
macro_rules! eqnice {
    ($expected:expr, $got:expr) => {{
        let expected: &str = &$expected;
        let got: &str = &$got;
        if expected != got {
            let mut msg = String::from("strings differ:\n");
            for (i, (e, g)) in expected.lines().zip(got.lines()).enumerate() {
                if e != g {
                    msg.push_str(&format!("line {}:\n- {}\n+ {}\n", i + 1, e, g));
                }
            }
            msg.push_str(&format!(
                "({} expected lines, {} got)",
                expected.lines().count(),
                got.lines().count()
            ));
            panic!("{}", msg);
        }
    }};
}
