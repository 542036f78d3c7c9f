//! Reading inputs (`-` for stdin) and writing outputs (`-` for stdout, files atomically).

use std::io::{Read, Write};
use std::path::Path;

use anyhow::{Context, Result};

/// Read a whole input as UTF-8: a file path, or `-` for stdin.
/// Invalid UTF-8 is an error naming the input, line and byte offset.
pub fn read_text(path: &Path) -> Result<String> {
    let name = display_name(path);
    String::from_utf8(read_bytes(path)?).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count();
        anyhow::anyhow!("{name}:{line}: invalid UTF-8 at byte offset {offset}")
    })
}

/// Read a whole input as bytes: a file path, or `-` for stdin.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .context("<stdin>: cannot read")?;
        Ok(bytes)
    } else {
        std::fs::read(path).with_context(|| format!("{}: cannot read", display_name(path)))
    }
}

/// Read a pairs file (`-` for stdin) with the one JSONL reader: the records,
/// and how many lines were not records. Each of those is named on stderr with
/// its line and skipped; the caller then exits with code 1.
pub fn read_pairs(path: &Path) -> Result<(Vec<kazpar_corpus::PairRecord>, usize)> {
    let bytes = read_bytes(path)?;
    let (records, errors) = kazpar_corpus::parse_pairs(&bytes, Path::new(&display_name(path)));
    for e in &errors {
        eprintln!("kazpar: skipped {e}");
    }
    Ok((records, errors.len()))
}

/// How an input is named in messages.
pub fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// Write output to stdout (`-` or no path) or atomically to a file.
pub fn write_output(
    path: Option<&Path>,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    match path {
        None => write_stdout(fill),
        Some(p) if p == Path::new("-") => write_stdout(fill),
        Some(p) => {
            kazpar_corpus::write_atomic(p, fill).with_context(|| format!("{}: cannot write", p.display()))
        }
    }
}

fn write_stdout(fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    fill(&mut w)?;
    w.flush()?;
    Ok(())
}

/// Is this error a closed pipe on stdout (e.g. `kazpar … | head`)? Then exit quietly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Create (if needed) and lock an output folder for this run: a second run
/// into the same folder fails (exit code 2) with a message naming the folder,
/// instead of mixing its files with this run's.
pub fn lock_output(dir: &Path) -> Result<kazpar_corpus::FolderLock> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create output folder", dir.display()))?;
    kazpar_corpus::lock_folder(dir).map_err(|e| {
        if e.kind() == std::io::ErrorKind::WouldBlock {
            anyhow::anyhow!("{e}")
        } else {
            anyhow::anyhow!("{}: cannot lock the output folder: {e}", dir.display())
        }
    })
}
