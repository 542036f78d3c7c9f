//! Issue 16: what translators' tools and dataset hubs did with kazpar's files,
//! and the output folder under faults. One test per item.

use std::path::Path;

use crate::util::*;

fn rec(id: &str, doc: &str, kk: Option<&str>, en: Option<&str>) -> String {
    let kind = format!("{}-{}", usize::from(kk.is_some()), usize::from(en.is_some()));
    let r = serde_json::json!({
        "id": id, "doc": doc, "date": "2025-03-01", "kk": kk, "en": en, "kind": kind,
        "score": null, "kk_idx": if kk.is_some() { vec![0] } else { vec![] },
        "en_idx": if en.is_some() { vec![0] } else { vec![] },
        "kk_spans": if kk.is_some() { vec![[0, 5]] } else { vec![] },
        "en_spans": if en.is_some() { vec![[0, 5]] } else { vec![] },
    });
    format!("{r}\n")
}

fn read_lines(path: &Path) -> Vec<serde_json::Value> {
    jsonl(&std::fs::read_to_string(path).unwrap())
}

fn attr_values<'a>(xml: &'a str, prefix: &str) -> Vec<&'a str> {
    xml.match_indices(prefix)
        .map(|(i, _)| {
            let rest = &xml[i + prefix.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

/// Item 1: XLIFF 2.0 file and unit ids are unique and round-trip for any document id.
#[test]
fn xliff2_ids_are_unique_and_reversible() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut pairs = String::new();
    for doc in ["a b", "a_b", "a:b", "қала/1", "_"] {
        for n in 0..2 {
            pairs += &rec(&format!("{doc}-{n:04}"), doc, Some("Сәлем."), Some("Hi."));
        }
    }
    std::fs::write(d.join("pairs.jsonl"), &pairs).unwrap();
    kazpar(d, ["export", "--format", "xliff", "pairs.jsonl", "-o", "x.xlf"]).run();
    let xml = std::fs::read_to_string(d.join("x.xlf")).unwrap();
    let files = attr_values(&xml, "<file id=\"");
    let units = attr_values(&xml, "<unit id=\"");
    let distinct = |v: &[&str]| v.iter().collect::<std::collections::BTreeSet<_>>().len();
    assert_eq!((files.len(), distinct(&files)), (5, 5), "{files:?}");
    assert_eq!((units.len(), distinct(&units)), (10, 10), "{units:?}");
    // a CAT tool may drop the notes: the ids alone give the records back
    let bare: String = xml
        .lines()
        .filter(|l| !l.contains("<note category=\"id\">") && !l.contains("<note category=\"doc\">"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(d.join("bare.xlf"), bare).unwrap();
    let back = jsonl(&kazpar(d, ["import", "bare.xlf"]).stdout());
    let got: Vec<(&str, &str)> = back
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["doc"].as_str().unwrap()))
        .collect();
    let want: Vec<(String, String)> = jsonl(&pairs)
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().into(),
                r["doc"].as_str().unwrap().into(),
            )
        })
        .collect();
    let want: Vec<(&str, &str)> = want.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(got, want);
}

const STATES12: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="d" source-language="kk" target-language="en" datatype="plaintext">
    <body>
      <trans-unit id="d-0000"><source>Бір.</source><target state="translated">One.</target></trans-unit>
      <trans-unit id="d-0001"><source>Екі.</source><target state="new">Two?</target></trans-unit>
      <trans-unit id="d-0002"><source>Үш.</source><target state="needs-translation">Үш.</target></trans-unit>
      <trans-unit id="d-0003"><source>Төрт.</source><target>Төрт.</target></trans-unit>
      <trans-unit id="d-0004"><source>Бес.</source><target>Five.</target></trans-unit>
    </body>
  </file>
</xliff>
"#;

const STATES20: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="kk" trgLang="en">
  <file id="doc-d">
    <unit id="d-0000"><segment state="translated"><source>Бір.</source><target>One.</target></segment></unit>
    <unit id="d-0001"><segment state="initial"><source>Екі.</source><target>Two?</target></segment></unit>
    <unit id="d-0002"><segment state="reviewed"><source>Үш.</source><target>Үш.</target></segment></unit>
    <unit id="d-0004"><segment state="final"><source>Бес.</source><target>Five.</target></segment></unit>
  </file>
</xliff>
"#;

/// Item 2: import honours `state` and never takes a copy of the source as English without a flag.
#[test]
fn import_honours_state_and_source_copies() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let kk = ["Бір.", "Екі.", "Үш.", "Төрт.", "Бес."];
    let base: String = kk
        .iter()
        .enumerate()
        .map(|(i, k)| rec(&format!("d-{i:04}"), "d", Some(k), None))
        .collect();
    std::fs::write(d.join("pairs.jsonl"), &base).unwrap();
    std::fs::write(d.join("s12.xlf"), STATES12).unwrap();
    std::fs::write(d.join("s20.xlf"), STATES20).unwrap();
    for (file, en) in [
        ("s12.xlf", [Some("One."), None, None, None, Some("Five.")]),
        ("s20.xlf", [Some("One."), None, None, None, Some("Five.")]),
    ] {
        let o = kazpar(d, ["import", file, "--into", "pairs.jsonl", "-o", "m.jsonl"]).expect_code(0);
        let err = stderr(&o);
        let got: Vec<Option<String>> = read_lines(&d.join("m.jsonl"))
            .iter()
            .map(|r| r["en"].as_str().map(str::to_string))
            .collect();
        let want: Vec<Option<String>> = en.iter().map(|e| e.map(str::to_string)).collect();
        assert_eq!(got, want, "{file}: {err}");
        assert!(err.contains("d-0001: target in state"), "{file}: {err}");
        assert!(err.contains("d-0002: target"), "{file}: {err}");
        assert!(err.contains("not imported"), "{file}: {err}");
    }
    let o = kazpar(d, ["import", "s12.xlf", "--into", "pairs.jsonl", "-o", "m.jsonl"]).run();
    assert!(
        stderr(&o).contains("d-0003: target is a copy of the source"),
        "{}",
        stderr(&o)
    );
    // the flag takes a copy without a state (d-0003), never one in state needs-translation (d-0002)
    kazpar(
        d,
        [
            "import",
            "s12.xlf",
            "--into",
            "pairs.jsonl",
            "-o",
            "m.jsonl",
            "--accept-source-copies",
        ],
    )
    .run();
    let m = read_lines(&d.join("m.jsonl"));
    assert_eq!(m[3]["en"], "Төрт.");
    assert!(m[2]["en"].is_null());
    // without --into the records carry no English for units that are not translated
    let back = jsonl(&kazpar(d, ["import", "s12.xlf"]).stdout());
    let ens: Vec<bool> = back.iter().map(|r| r["en"].is_string()).collect();
    assert_eq!(ens, [true, false, false, false, true]);
}

/// Item 4: a TMX without tuids (OmegaT's project memory) is matched by Kazakh text.
#[test]
fn tmx_without_tuids_matches_by_kazakh_text() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let base = rec("d-0000", "d", Some("Сәлем, досым!"), None)
        + &rec("d-0001", "d", Some("Қала үлкен."), None)
        + &rec("e-0000", "e", Some("Қала үлкен."), None);
    std::fs::write(d.join("pairs.jsonl"), &base).unwrap();
    std::fs::write(
        d.join("project_save.tmx"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="OmegaT" creationtoolversion="3.6" segtype="paragraph" o-tmf="OmegaT TMX" adminlang="EN-US" srclang="KK" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="KK"><seg>Сәлем,  досым!</seg></tuv><tuv xml:lang="EN"><seg>Hello, my friend!</seg></tuv></tu>
<tu><tuv xml:lang="KK"><seg>Қала үлкен.</seg></tuv><tuv xml:lang="EN"><seg>The city is big.</seg></tuv></tu>
<tu><tuv xml:lang="KK"><seg>Мұндай сөйлем жоқ.</seg></tuv><tuv xml:lang="EN"><seg>No such sentence.</seg></tuv></tu>
</body></tmx>
"#,
    )
    .unwrap();
    let o = kazpar(
        d,
        [
            "import",
            "project_save.tmx",
            "--into",
            "pairs.jsonl",
            "-o",
            "m.jsonl",
        ],
    )
    .expect_code(1);
    let err = stderr(&o);
    let m = read_lines(&d.join("m.jsonl"));
    assert_eq!(m.len(), 3, "nothing appended: {err}");
    assert_eq!(m[0]["en"], "Hello, my friend!");
    assert_eq!(m[1]["en"], "The city is big.");
    assert_eq!(m[2]["en"], "The city is big.");
    assert!(
        err.contains("Мұндай сөйлем жоқ.") && err.contains("matches no record"),
        "{err}"
    );
    assert!(err.contains("3 translations filled in"), "{err}");
}

fn new_file_mode(dir: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    let p = dir.join("fresh-file-for-mode");
    std::fs::File::create(&p).unwrap();
    let m = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
    std::fs::remove_file(p).unwrap();
    m
}

fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .permissions()
        .mode()
        & 0o777
}

/// Item 6: outputs get the mode a new file gets under the umask, not 0600.
#[test]
fn outputs_get_the_mode_of_a_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let corpus = root().join("corpus");
    kazpar(d, ["build", corpus.to_str().unwrap(), "-o", "out", "-q"]).run();
    let want = new_file_mode(&d.join("out"));
    assert_ne!(want, 0o600, "this test needs a umask that lets the group read");
    kazpar(d, ["export", "--format", "tmx", "out/pairs.jsonl", "-o", "m.tmx"]).run();
    kazpar(d, ["publish", "out/pairs.jsonl", "-o", "ds"]).run();
    kazpar(
        d,
        ["export", "--format", "moses", "out/pairs.jsonl", "-o", "moses"],
    )
    .run();
    for f in [
        "out/pairs.jsonl",
        "out/manifest.json",
        "m.tmx",
        "ds/README.md",
        "ds/SHA256SUMS",
        "ds/data/train.jsonl",
        "moses/kazpar.en-kk.kk",
    ] {
        assert_eq!(mode(&d.join(f)), want, "{f}");
    }
}

/// Item 7: a second run into a folder another run is writing exits 2 with a clear message.
#[test]
fn a_locked_output_folder_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let corpus = root().join("corpus");
    kazpar(d, ["build", corpus.to_str().unwrap(), "-o", "out", "-q"]).run();
    let before = std::fs::read(d.join("out/pairs.jsonl")).unwrap();
    std::fs::write(
        d.join("other.jsonl"),
        rec("x-0000", "x", Some("Бір."), Some("One.")),
    )
    .unwrap();
    std::fs::create_dir(d.join("ds")).unwrap();
    // another process holds the folders (util-linux flock(1), as a second kazpar run would)
    let mut holders = Vec::new();
    for folder in ["out", "ds"] {
        let mut child = std::process::Command::new("flock")
            .args(["-n", "-o", folder, "-c", "echo locked; exec cat"])
            .current_dir(d)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("flock(1) from util-linux");
        let mut line = String::new();
        std::io::BufRead::read_line(
            &mut std::io::BufReader::new(child.stdout.take().unwrap()),
            &mut line,
        )
        .unwrap();
        assert_eq!(line, "locked\n");
        holders.push(child);
    }
    let o = kazpar(d, ["build", corpus.to_str().unwrap(), "-o", "out", "-q"]).expect_code(2);
    assert!(
        stderr(&o).contains("another kazpar run is writing into out"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(d.join("out/pairs.jsonl")).unwrap(), before);
    let o = kazpar(d, ["publish", "other.jsonl", "-o", "ds"]).expect_code(2);
    assert!(
        stderr(&o).contains("another kazpar run is writing into ds"),
        "{}",
        stderr(&o)
    );
    assert!(!d.join("ds/README.md").exists());
    for mut h in holders {
        // closing its stdin ends `cat`, then flock(1), and the lock with it
        drop(h.stdin.take());
        h.wait().unwrap();
    }
    kazpar(d, ["build", corpus.to_str().unwrap(), "-o", "out", "-q"]).run();
}

/// Item 8: stale temporary files of our own naming are removed on the next run.
#[test]
fn stale_temp_files_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = d.join("out");
    std::fs::create_dir(&out).unwrap();
    // left by a killed run (a process id that cannot exist), by an older kazpar (no pid, old), and not ours
    let dead = out.join(".kazpar-999999999-AbC123.tmp");
    let legacy = out.join(".kazpar-Xy12Zq.tmp");
    let live = out.join(format!(".kazpar-{}-AbC123.tmp", std::process::id()));
    let other = out.join(".kazpar-notes.tmp");
    for p in [&dead, &legacy, &live, &other] {
        std::fs::write(p, "partial").unwrap();
    }
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 86400);
    std::fs::File::options()
        .write(true)
        .open(&legacy)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let corpus = root().join("corpus");
    kazpar(d, ["build", corpus.to_str().unwrap(), "-o", "out", "-q"]).run();
    assert!(!dead.exists() && !legacy.exists(), "{:?}", files(&out));
    assert!(live.exists() && other.exists(), "{:?}", files(&out));
}

/// Item 9: no doubled error messages.
#[test]
fn error_messages_are_not_doubled() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("c")).unwrap();
    std::os::unix::fs::symlink("kk", d.join("c/kk")).unwrap();
    let o = kazpar(d, ["build", "c", "-o", "out"]).expect_code(2);
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(err.matches("os error").count(), 1, "{err}");
    assert!(err.contains("c/kk"), "{err}");
    assert!(
        !err.contains("no kk/ folder"),
        "a symlink loop is not a missing folder: {err}"
    );

    std::fs::write(
        d.join("pairs.jsonl"),
        rec("x-0000", "x", Some("Бір."), Some("One.")),
    )
    .unwrap();
    std::fs::write(d.join("moses"), "a file").unwrap();
    let o = kazpar(d, ["export", "--format", "moses", "pairs.jsonl", "-o", "moses"]).expect_code(2);
    let err = stderr(&o);
    assert_eq!(err.matches("File exists").count(), 1, "{err}");
    assert!(err.contains("moses"), "{err}");
}

/// Item 10: `import` without `--into` says which records of the export are not in the file.
#[test]
fn import_without_into_names_records_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let pairs = rec("d-0000", "d", Some("Бір."), Some("One."))
        + &rec("d-0001", "d", None, Some("Only English."))
        + &rec("d-0002", "d", Some("Үш."), None);
    std::fs::write(d.join("pairs.jsonl"), pairs).unwrap();
    for f in ["xliff", "xliff12"] {
        kazpar(d, ["export", "--format", f, "pairs.jsonl", "-o", "x.xlf"]).run();
        let o = kazpar(d, ["import", "x.xlf", "-o", "back.jsonl"]).run();
        let err = stderr(&o);
        assert!(
            err.contains("1 record of the export is not in this file") && err.contains("d-0001"),
            "{f}: {err}"
        );
        assert!(err.contains("--into"), "{f}: {err}");
        assert_eq!(read_lines(&d.join("back.jsonl")).len(), 2);
    }
}

/// Item 5: the dataset card's `splits` have name, num_bytes and num_examples (what `datasets` reads),
/// and `datasets` is pointed at Parquet files (typed columns: pyarrow reads a `YYYY-MM-DD` string
/// in JSON Lines as a timestamp); the client check is in scripts/check_exports.py.
#[test]
fn hf_card_declares_splits_with_sizes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let pairs =
        rec("d-0000", "d", Some("Бір."), Some("One.")) + &rec("d-0001", "d", Some("Екі."), Some("Two."));
    std::fs::write(d.join("pairs.jsonl"), pairs).unwrap();
    kazpar(d, ["export", "--format", "hf", "pairs.jsonl", "-o", "hf"]).run();
    kazpar(
        d,
        ["publish", "pairs.jsonl", "-o", "ds", "--dev", "0", "--test", "0"],
    )
    .run();
    for folder in ["hf", "ds"] {
        let card = std::fs::read_to_string(d.join(folder).join("README.md")).unwrap();
        let parquet = std::fs::read(d.join(folder).join("data/train.parquet")).unwrap();
        assert!(
            parquet.starts_with(b"PAR1") && parquet.ends_with(b"PAR1"),
            "{folder}"
        );
        assert!(
            card.contains("  - split: train\n    path: data/train.parquet\n"),
            "{folder}: {card}"
        );
        let size = parquet.len();
        let want = format!("  splits:\n  - name: train\n    num_bytes: {size}\n    num_examples: 2\n");
        assert!(card.contains(&want), "{folder}: {card}");
        assert!(
            card.contains(&format!("  dataset_size: {size}\n")),
            "{folder}: {card}"
        );
        assert!(
            card.contains("dataset_info:\n  config_name: default\n"),
            "{folder}: {card}"
        );
    }
}

/// Item 3 (the shape; scripts/check-omegat.sh runs the real OmegaT): `--omegat` gives every
/// unit a target holding the Kazakh, without state, and OmegaT's work comes back by import.
#[test]
fn xliff12_for_omegat_has_source_copy_targets() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let pairs = rec("d-0000", "d", Some("Бір."), Some("One.")) + &rec("d-0001", "d", Some("Екі."), None);
    std::fs::write(d.join("pairs.jsonl"), &pairs).unwrap();
    kazpar(
        d,
        [
            "export",
            "--format",
            "xliff12",
            "--omegat",
            "pairs.jsonl",
            "-o",
            "o.xlf",
        ],
    )
    .run();
    let xml = std::fs::read_to_string(d.join("o.xlf")).unwrap();
    assert!(
        xml.contains("<source>Бір.</source>\n        <target>Бір.</target>"),
        "{xml}"
    );
    assert!(
        xml.contains("<source>Екі.</source>\n        <target>Екі.</target>"),
        "{xml}"
    );
    assert!(!xml.contains("One.") && !xml.contains("state="), "{xml}");
    // OmegaT translates the second target in place; the first it leaves (a copy)
    std::fs::write(
        d.join("done.xlf"),
        xml.replace("<target>Екі.</target>", "<target>Two.</target>"),
    )
    .unwrap();
    let o = kazpar(
        d,
        ["import", "done.xlf", "--into", "pairs.jsonl", "-o", "m.jsonl"],
    )
    .run();
    let m = read_lines(&d.join("m.jsonl"));
    assert_eq!(
        (m[0]["en"].as_str(), m[1]["en"].as_str()),
        (Some("One."), Some("Two."))
    );
    assert!(
        stderr(&o).contains("d-0000: target is a copy of the source"),
        "{}",
        stderr(&o)
    );
    kazpar(d, ["export", "--format", "xliff", "--omegat", "pairs.jsonl"]).expect_code(2);
}
