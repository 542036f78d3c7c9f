use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

/// Write a file atomically: the content goes to a temporary file in the same
/// folder, which is flushed, synced and then renamed over `path`. A run that
/// is interrupted leaves either the old file or the new one, never half of one.
///
/// The file gets the mode a newly created file gets under the process's
/// umask (the temporary file is created with mode 0666 minus the umask, not
/// 0600). The temporary file is named `.kazpar-<pid>-<random>.tmp`; before
/// writing, stale ones left in the folder by killed runs are removed
/// ([`remove_stale_temps`]).
pub fn write_atomic(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let _ = remove_stale_temps(dir);
    let prefix = format!(".kazpar-{}-", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(new_file_permissions());
    let mut tmp = builder.tempfile_in(dir)?;
    {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        fill(&mut w)?;
        w.flush()?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(unix)]
fn new_file_permissions() -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    // applied by open(2), so the umask is taken off as for any new file
    std::fs::Permissions::from_mode(0o666)
}

/// How old a temporary file without a process id (made by kazpar before 0.2) must be to count as stale.
const LEGACY_STALE_AGE: Duration = Duration::from_secs(24 * 3600);

/// Is `name` one of [`write_atomic`]'s temporary files, and is it stale?
/// `.kazpar-<pid>-<6 letters or digits>.tmp` is stale when process `pid` is
/// gone (or, without `/proc`, when older than a day); the older naming
/// `.kazpar-<6 letters or digits>.tmp` when older than a day.
fn is_stale_temp(name: &str, modified: Option<SystemTime>) -> bool {
    let Some(mid) = name.strip_prefix(".kazpar-").and_then(|n| n.strip_suffix(".tmp")) else {
        return false;
    };
    let rand_ok = |r: &str| r.len() == 6 && r.bytes().all(|b| b.is_ascii_alphanumeric());
    let old = || {
        modified
            .and_then(|m| SystemTime::now().duration_since(m).ok())
            .is_some_and(|age| age > LEGACY_STALE_AGE)
    };
    match mid.split_once('-') {
        Some((pid, r)) if rand_ok(r) && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()) => {
            if Path::new("/proc/self").exists() {
                !Path::new("/proc").join(pid).exists()
            } else {
                old()
            }
        }
        None if rand_ok(mid) => old(),
        _ => false,
    }
}

/// Remove the stale temporary files of [`write_atomic`] in `dir` (left by
/// runs that were killed), and nothing else; returns the files removed.
pub fn remove_stale_temps(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !name.starts_with(".kazpar-") {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_file()
            && is_stale_temp(name, meta.modified().ok())
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed.push(entry.path());
        }
    }
    Ok(removed)
}

/// An exclusive lock on an output folder, held until dropped.
#[derive(Debug)]
pub struct FolderLock {
    _file: std::fs::File,
}

/// Lock an output folder for this run (an advisory `flock` on the folder
/// itself: no lock file is left behind, and a killed run's lock goes with
/// it; on systems without `flock` the folder is not locked). When another run holds it, the error (kind `WouldBlock`) says so.
/// Stale temporary files in the folder are removed once the lock is held.
pub fn lock_folder(dir: &Path) -> std::io::Result<FolderLock> {
    let file = std::fs::File::open(dir)?;
    #[cfg(unix)]
    match rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => {}
        Err(e) if e == rustix::io::Errno::WOULDBLOCK => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::WouldBlock,
                format!(
                "another kazpar run is writing into {}; wait for it to finish, or give another output folder",
                dir.display()
            ),
            ))
        }
        Err(e) => return Err(e.into()),
    }
    let _ = remove_stale_temps(dir);
    Ok(FolderLock { _file: file })
}

/// SHA-256 of some bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_write_leaves_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.jsonl");
        std::fs::write(&p, "old\n").unwrap();
        let r = write_atomic(&p, |w| {
            w.write_all(b"new partial")?;
            Err(std::io::Error::other("interrupted"))
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old\n");
        // no temp file left behind
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write_atomic(&p, |w| w.write_all(b"new\n")).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new\n");
    }

    #[test]
    fn stale_temp_names() {
        let long_ago = Some(SystemTime::now() - Duration::from_secs(3 * 86400));
        let now = Some(SystemTime::now());
        assert!(is_stale_temp(".kazpar-999999999-AbC123.tmp", now));
        let me = format!(".kazpar-{}-AbC123.tmp", std::process::id());
        assert!(!is_stale_temp(&me, long_ago));
        assert!(is_stale_temp(".kazpar-AbC123.tmp", long_ago));
        assert!(!is_stale_temp(".kazpar-AbC123.tmp", now));
        for other in [
            ".kazpar-notes.tmp",
            ".kazpar-12-ab.tmp",
            "kazpar-AbC123.tmp",
            ".kazpar-AbC123.txt",
        ] {
            assert!(!is_stale_temp(other, long_ago), "{other}");
        }
    }

    #[test]
    fn sha256_of_abc() {
        // FIPS 180-2 test vector
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
