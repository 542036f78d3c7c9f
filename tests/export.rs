//! Integration tests for `kazpar export`, `kazpar import` and `kazpar publish`.

use std::path::Path;

use crate::util::*;

/// A pairs file with both sides, one-sided records, Kazakh text and XML-hostile characters.
const PAIRS: &str = concat!(
    r#"{"id":"d1-0000","doc":"d1","date":"2025-03-01","kk":"Астанада «Әділет» & <жиын> өтті.","en":"A \"Justice\" & <meeting> was held in Astana.","kind":"1-1","score":0.91,"kk_idx":[0],"en_idx":[0],"kk_spans":[[16,60]],"en_spans":[[16,60]]}"#,
    "\n",
    r#"{"id":"d1-0001","doc":"d1","date":"2025-03-01","kk":"Бұл\u0001 сөйлем\uFFFE аудармасыз.","en":null,"kind":"1-0","score":0.2,"kk_idx":[1],"en_idx":[],"kk_spans":[[61,90]],"en_spans":[]}"#,
    "\n",
    r#"{"id":"d1-0002","doc":"d1","date":"2025-03-01","kk":null,"en":"Only English here.","kind":"0-1","score":0.4,"kk_idx":[],"en_idx":[1],"kk_spans":[],"en_spans":[[61,79]]}"#,
    "\n",
    r#"{"id":"d2-0000","doc":"d2","date":null,"kk":"Екі сөйлем. Бір сөйлем болды.","en":"Two sentences became one.","kind":"2-1","score":0.77,"kk_idx":[0,1],"en_idx":[0],"kk_spans":[[0,11],[12,30]],"en_spans":[[0,25]]}"#,
    "\n",
);

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pairs.jsonl"), PAIRS).unwrap();
    dir
}

fn lines(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn xliff_and_tmx_round_trip_exactly() {
    let dir = setup();
    let d = dir.path();
    let all = lines(&d.join("pairs.jsonl"));
    for (format, file, keep) in [
        ("xliff", "x2.xlf", "kk"),
        ("xliff12", "x1.xlf", "kk"),
        ("tmx", "m.tmx", "both"),
    ] {
        kazpar(d, ["export", "--format", format, "pairs.jsonl", "-o", file]).expect_code(0);
        kazpar(d, ["import", file, "-o", "back.jsonl"]).expect_code(0);
        let back = lines(&d.join("back.jsonl"));
        let mut want: Vec<serde_json::Value> = all
            .iter()
            .filter(|r| !r["kk"].is_null() && (keep == "kk" || !r["en"].is_null()))
            .cloned()
            .collect();
        // characters XML 1.0 forbids are removed on export
        for r in &mut want {
            if r["id"] == "d1-0001" {
                r["kk"] = "Бұл сөйлем аудармасыз.".into();
            }
        }
        assert_eq!(back, want, "{format}");
    }
}

#[test]
fn xml_output_escapes_and_drops_forbidden_characters() {
    let dir = setup();
    let o = kazpar(dir.path(), ["export", "--format", "xliff", "pairs.jsonl"]).run();
    let xml = stdout(&o);
    assert!(
        xml.contains("Астанада «Әділет» &amp; &lt;жиын&gt; өтті."),
        "{xml}"
    );
    assert!(!xml.contains('\u{1}') && !xml.contains('\u{FFFE}'));
    assert!(stderr(&o).contains("2 characters removed"), "{}", stderr(&o));
    // the untranslated unit has no target, and carries its context
    let unit = &xml[xml.find(r#"<unit id="d1-0001">"#).unwrap()..];
    let unit = &unit[..unit.find("</unit>").unwrap()];
    assert!(
        unit.contains(r#"<segment state="initial">"#) && !unit.contains("<target>"),
        "{unit}"
    );
    assert!(unit.contains(r#"<note category="doc">d1</note>"#));
    assert!(unit.contains(r#"<note category="date">2025-03-01</note>"#));
    assert!(unit.contains(r#"<note category="previous">Астанада"#));
}

#[test]
fn translator_loop_fills_pairs_by_id_and_reports_conflicts() {
    let dir = setup();
    let d = dir.path();
    kazpar(
        d,
        ["export", "--format", "xliff", "pairs.jsonl", "-o", "todo.xlf"],
    )
    .run();
    // the translator fills in the untranslated unit, edits a source (a conflict), and adds a unit
    let xml = std::fs::read_to_string(d.join("todo.xlf")).unwrap();
    let xml = xml.replace(
        "<segment state=\"initial\">\n        <source>Бұл сөйлем аудармасыз.</source>\n",
        "<segment state=\"translated\">\n        <source>Бұл сөйлем аудармасыз.</source>\n        <target>This sentence has no translation.</target>\n",
    );
    let xml = xml.replace("Екі сөйлем. Бір сөйлем болды.", "Екі сөйлем, бір сөйлем.");
    let xml = xml.replace(
        "</file>\n</xliff>",
        "  <unit id=\"new-0000\"><segment state=\"translated\"><source>Жаңа.</source><target>New.</target></segment></unit>\n  </file>\n</xliff>",
    );
    std::fs::write(d.join("done.xlf"), xml).unwrap();
    // the pairs file without forbidden characters, as a build would write it
    let clean = PAIRS.replace("\\u0001", "").replace("\\uFFFE", "");
    std::fs::write(d.join("pairs.jsonl"), clean).unwrap();
    let o = kazpar(
        d,
        [
            "import",
            "done.xlf",
            "--into",
            "pairs.jsonl",
            "-o",
            "merged.jsonl",
        ],
    )
    .expect_code(1);
    let err = stderr(&o);
    assert!(err.contains("d2-0000: Kazakh text differs"), "{err}");
    assert!(err.contains("new-0000: not in"), "{err}");
    assert!(err.contains("1 translations filled in"), "{err}");
    let merged = lines(&d.join("merged.jsonl"));
    assert_eq!(merged.len(), 5);
    assert_eq!(merged[1]["en"], "This sentence has no translation.");
    assert_eq!(merged[1]["kind"], "1-1");
    assert!(merged[1]["score"].is_null());
    assert_eq!(merged[3]["kk"], "Екі сөйлем. Бір сөйлем болды."); // conflict not applied
    assert_eq!(merged[4]["id"], "new-0000");
    assert_eq!(merged[4]["doc"], "d2"); // the file it was added to
}

#[test]
fn moses_hf_and_tsv() {
    let dir = setup();
    let d = dir.path();
    kazpar(
        d,
        [
            "export",
            "--format",
            "moses",
            "pairs.jsonl",
            "-o",
            "moses",
            "--name",
            "news",
        ],
    )
    .expect_code(0);
    let kk = std::fs::read_to_string(d.join("moses/news.en-kk.kk")).unwrap();
    let en = std::fs::read_to_string(d.join("moses/news.en-kk.en")).unwrap();
    assert_eq!(
        kk,
        "Астанада «Әділет» & <жиын> өтті.\nЕкі сөйлем. Бір сөйлем болды.\n"
    );
    assert_eq!(en.lines().count(), 2);

    kazpar(d, ["export", "--format", "hf", "pairs.jsonl", "-o", "hf"]).expect_code(0);
    let rows = lines(&d.join("hf/data/train.jsonl"));
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0]["translation"]["en"],
        "A \"Justice\" & <meeting> was held in Astana."
    );
    assert_eq!(rows[0]["date"], "2025-03-01");
    let card = std::fs::read_to_string(d.join("hf/README.md")).unwrap();
    assert!(card.starts_with("---\nlanguage:\n- kk\n- en\n"));
    assert!(card.contains("  - name: date\n    dtype: string\n"));
    assert!(card.contains("      translation:\n        languages:\n        - kk\n        - en\n"));
    assert!(card.contains("| train | 2 | 2 |"), "{card}");

    let o = kazpar(d, ["export", "--format", "tsv", "pairs.jsonl"]).run();
    let tsv = stdout(&o);
    assert_eq!(tsv.lines().next(), Some("id\tdoc\tkk\ten"));
    assert_eq!(tsv.lines().count(), 5);
    assert!(tsv.contains("d1-0002\td1\t\tOnly English here.\n"));

    // folder formats need -o
    kazpar(d, ["export", "--format", "hf", "pairs.jsonl"]).expect_code(2);
}

#[test]
fn bad_lines_and_bad_xml_are_reported() {
    let dir = setup();
    let d = dir.path();
    std::fs::write(d.join("mixed.jsonl"), format!("{PAIRS}not json\n")).unwrap();
    let o = kazpar(d, ["export", "--format", "tmx", "mixed.jsonl", "-o", "m.tmx"]).expect_code(1);
    assert!(
        stderr(&o).contains("skipped mixed.jsonl:5: bad record: expected a pair record"),
        "{}",
        stderr(&o)
    );
    assert!(d.join("m.tmx").exists());

    std::fs::write(
        d.join("broken.xlf"),
        "<xliff version=\"2.0\"><file id=\"a\">\n<unit id=\"x\"></file>",
    )
    .unwrap();
    let o = kazpar(d, ["import", "broken.xlf"]).expect_code(2);
    assert!(stderr(&o).contains("broken.xlf: cannot import"), "{}", stderr(&o));
    assert!(stderr(&o).contains("line 2"), "{}", stderr(&o));
}

#[test]
fn publish_splits_documents_and_checksums() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // 40 documents of 2 pairs each, all kept by the filters
    let mut pairs = String::new();
    for i in 0..40 {
        for n in 0..2 {
            let r = serde_json::json!({
                "id": format!("doc{i:02}-{n:04}"), "doc": format!("doc{i:02}"), "date": null,
                "kk": format!("Құжат {i} сөйлем {n} мұнда."), "en": format!("Document {i} sentence {n} here."),
                "kind": "1-1", "score": 0.9, "kk_idx": [n], "en_idx": [n], "kk_spans": [[0, 10]], "en_spans": [[0, 10]],
            });
            pairs.push_str(&format!("{r}\n"));
        }
    }
    std::fs::write(d.join("pairs.jsonl"), &pairs).unwrap();
    let args = [
        "publish",
        "pairs.jsonl",
        "-o",
        "ds",
        "--dev",
        "0.2",
        "--test",
        "0.2",
        "--seed",
        "7",
    ];
    kazpar(d, args).run();
    let mut seen = std::collections::BTreeMap::new();
    let mut total = 0;
    for split in ["train", "validation", "test"] {
        let recs = lines(&d.join(format!("ds/data/{split}.jsonl")));
        assert!(!recs.is_empty(), "{split} is empty");
        total += recs.len();
        for r in &recs {
            let doc = r["doc"].as_str().unwrap().to_string();
            // a document's pairs all go to one split
            let first = seen.entry(doc.clone()).or_insert(split);
            assert_eq!(*first, split, "{doc} is in {first} and {split}");
        }
    }
    assert_eq!((total, seen.len()), (80, 40));
    // the same seed gives the same split
    let train = std::fs::read(d.join("ds/data/train.jsonl")).unwrap();
    kazpar(
        d,
        [
            "publish",
            "pairs.jsonl",
            "-o",
            "ds2",
            "--dev",
            "0.2",
            "--test",
            "0.2",
            "--seed",
            "7",
        ],
    )
    .run();
    assert_eq!(std::fs::read(d.join("ds2/data/train.jsonl")).unwrap(), train);

    // SHA256SUMS lists every file and checks with coreutils' sha256sum
    let sums = std::fs::read_to_string(d.join("ds/SHA256SUMS")).unwrap();
    let mut listed: Vec<&str> = sums.lines().map(|l| l.split_once("  ").unwrap().1).collect();
    listed.sort();
    assert_eq!(
        listed,
        [
            "README.md",
            "data/test.jsonl",
            "data/test.parquet",
            "data/train.jsonl",
            "data/train.parquet",
            "data/validation.jsonl",
            "data/validation.parquet"
        ]
    );
    match std::process::Command::new("sha256sum")
        .args(["--check", "--strict", "SHA256SUMS"])
        .current_dir(d.join("ds"))
        .output()
    {
        Ok(o) => assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout)),
        Err(_) => eprintln!("sha256sum not found: the checksums were not checked independently"),
    }
}
