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

/// Run `kazpar ARGS` in `dir` with `stdin` as standard input.
pub fn run_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(bin())
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn kazpar");
    {
        let mut si = child.stdin.take().unwrap();
        // the child may exit before reading everything
        let _ = si.write_all(stdin);
    }
    child.wait_with_output().expect("wait for kazpar")
}

/// Run `kazpar ARGS` in the repository root.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    run_in(&root(), args, stdin)
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
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
