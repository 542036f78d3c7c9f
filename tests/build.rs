//! Integration tests for `kazpar build`: pairs, bad input, exit codes,
//! determinism and atomic output.

use std::path::Path;

use serde_json::Value;

use crate::util::*;

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

fn read_jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// `kazpar build corpus -o out EXTRA` in `dir`.
fn build(dir: &Path, extra: &[&str]) -> TestCommand {
    let mut c = kazpar(dir, ["build", "corpus", "-o", "out"]);
    c.args(extra);
    c
}

const KK_A: &str = "date 2025-03-01 Астанада жиын өтті\n\
Астанада үкімет отырысы өтті. Премьер-министр экономика туралы айтты.\n\
Жалақы 12,5 пайызға өсті.\n";
const EN_A: &str = "date 2025-03-01 A meeting was held in Astana\n\
A government meeting was held in Astana. The Prime Minister spoke about the economy.\n\
Wages rose by 12.5 percent.\n";

#[test]
fn small_corpus_gives_pairs_and_to_translate_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "corpus/kk/a.txt", KK_A.as_bytes());
    write(d, "corpus/en/a.txt", EN_A.as_bytes());
    write(
        d,
        "corpus/kk/b.txt",
        "date 2025-03-02 Ауа райы\nЕртең жаңбыр жауады. Жел соғады.\n".as_bytes(),
    );
    let o = build(d, &[]).expect_code(0);
    let pairs = read_jsonl(&d.join("out/pairs.jsonl"));
    let got: Vec<(String, String, String)> = pairs
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_string(),
                p["kind"].as_str().unwrap().to_string(),
                p["en"].as_str().unwrap_or("<null>").to_string(),
            )
        })
        .collect();
    let expected = [
        ("a-0000", "1-1", "A meeting was held in Astana"),
        ("a-0001", "1-1", "A government meeting was held in Astana."),
        ("a-0002", "1-1", "The Prime Minister spoke about the economy."),
        ("a-0003", "1-1", "Wages rose by 12.5 percent."),
        ("b-0000", "1-0", "<null>"),
        ("b-0001", "1-0", "<null>"),
        ("b-0002", "1-0", "<null>"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, expected);
    assert_eq!(pairs[3]["kk"], "Жалақы 12,5 пайызға өсті.");
    assert_eq!(pairs[5]["kk"], "Ертең жаңбыр жауады.");
    assert_eq!(pairs[5]["date"], "2025-03-02");
    assert_eq!(pairs[5]["score"], Value::Null);
    assert_eq!(pairs[3]["kk_idx"], serde_json::json!([3]));
    assert_eq!(pairs[3]["en_idx"], serde_json::json!([3]));

    // spans point at the sentence bytes in the source files
    for p in &pairs {
        let doc = p["doc"].as_str().unwrap();
        for (side, field) in [("kk", "kk_spans"), ("en", "en_spans")] {
            let src = std::fs::read(d.join(format!("corpus/{side}/{doc}.txt"))).unwrap_or_default();
            let spans = p[field].as_array().unwrap();
            let texts: Vec<&str> = spans
                .iter()
                .map(|s| {
                    let (a, b) = (s[0].as_u64().unwrap() as usize, s[1].as_u64().unwrap() as usize);
                    std::str::from_utf8(&src[a..b]).unwrap()
                })
                .collect();
            if let Some(t) = p[side].as_str() {
                assert_eq!(texts.join(" "), t);
            } else {
                assert!(texts.is_empty());
            }
        }
    }

    let m = read_json(&d.join("out/manifest.json"));
    assert_eq!(m["counts"]["documents"], 2);
    assert_eq!(m["counts"]["documents_to_translate"], 1);
    assert_eq!(m["counts"]["sentences_to_translate"], 3);
    assert_eq!(m["counts"]["kind_1-1"], 4);
    assert_eq!(m["skipped"], serde_json::json!([]));
    assert_eq!(m["inputs"].as_array().unwrap().len(), 3);
    assert_eq!(m["inputs"][0]["path"], "kk/a.txt");
    assert_eq!(m["inputs"][0]["sha256"].as_str().unwrap().len(), 64);
    assert!(stderr(&o).contains("2 documents"), "{}", stderr(&o));
}

#[test]
fn bad_inputs_are_skipped_named_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "corpus/kk/good.txt", KK_A.as_bytes());
    write(d, "corpus/en/good.txt", EN_A.as_bytes());
    write(
        d,
        "corpus/kk/utf8.txt",
        b"date 2025-01-01 T\nok line.\nbad \xc3\x28 here.\n",
    );
    write(d, "corpus/kk/empty.txt", b"");
    write(d, "corpus/kk/binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00");
    // a folder where a file should be: unreadable (tests run as root, so chmod would not do)
    std::fs::create_dir_all(d.join("corpus/kk/unreadable.txt")).unwrap();
    write(
        d,
        "corpus/en/orphan.txt",
        b"date 2025-01-01 Lonely\nNo partner here.\n",
    );
    // warnings only: processed
    write(
        d,
        "corpus/kk/noheader.txt",
        "Тақырыпсыз мәтін. Екінші сөйлем.\n".as_bytes(),
    );
    write(
        d,
        "corpus/kk/baddate.txt",
        "date 2025-02-30 Күн\nМәтін бар.\n".as_bytes(),
    );
    // accepted silently: BOM, leading spaces, CRLF, no final newline
    write(
        d,
        "corpus/kk/crlf.txt",
        "\u{feff}  date 2025-01-05 Тақырып\r\nБірінші сөйлем.\r\nЕкінші".as_bytes(),
    );
    // the English side fails: the Kazakh side is left out too
    write(d, "corpus/kk/badpartner.txt", KK_A.as_bytes());
    write(d, "corpus/en/badpartner.txt", b"date 2025-01-01 T\n\xff\xfe\n");

    let o = build(d, &[]).expect_code(1);
    let err = stderr(&o);
    for needle in [
        "utf8.txt:3: invalid UTF-8 at byte offset 31",
        "empty.txt: empty document",
        "binary.txt:1: binary content",
        "unreadable.txt: cannot read",
        "orphan.txt: English document has no Kazakh partner",
        "en/badpartner.txt:2: invalid UTF-8",
        "kk/badpartner.txt: skipped because its partner",
        "noheader.txt:1: no `date YYYY-MM-DD <title>` header",
        "baddate.txt:1: header date \"2025-02-30\"",
    ] {
        assert!(err.contains(needle), "stderr lacks {needle:?}:\n{err}");
    }
    assert!(!err.contains("crlf.txt"), "BOM/CRLF must be silent:\n{err}");

    let m = read_json(&d.join("out/manifest.json"));
    let skipped: Vec<(String, String)> = m["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["path"].as_str().unwrap().to_string(),
                s["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("en/badpartner.txt", "invalid-utf8"),
        ("en/orphan.txt", "no-kazakh-partner"),
        ("kk/badpartner.txt", "partner-failed"),
        ("kk/binary.txt", "binary"),
        ("kk/empty.txt", "empty"),
        ("kk/unreadable.txt", "unreadable"),
        ("kk/utf8.txt", "invalid-utf8"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(skipped, expected);
    assert_eq!(m["skipped"][6]["line"], 3);

    let pairs = read_jsonl(&d.join("out/pairs.jsonl"));
    let docs: std::collections::BTreeSet<&str> = pairs.iter().map(|p| p["doc"].as_str().unwrap()).collect();
    assert_eq!(
        docs.into_iter().collect::<Vec<_>>(),
        ["baddate", "crlf", "good", "noheader"]
    );
    let crlf: Vec<&str> = pairs
        .iter()
        .filter(|p| p["doc"] == "crlf")
        .map(|p| p["kk"].as_str().unwrap())
        .collect();
    assert_eq!(crlf, ["Тақырып", "Бірінші сөйлем.", "Екінші"]);
    let noheader: Vec<&Value> = pairs.iter().filter(|p| p["doc"] == "noheader").collect();
    assert_eq!(noheader.len(), 2);
    assert_eq!(noheader[0]["date"], Value::Null);
    let warn = m["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["doc"] == "noheader")
        .unwrap();
    assert_eq!(warn["warnings"][0]["kind"], "no-header");
}

#[test]
fn bundled_corpus_output_is_identical_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let corpus = root().join("corpus");
    let c = corpus.to_str().unwrap();
    let one = kazpar(d, ["build", c, "-o", "one", "-j", "1", "-q"]).run();
    let two = kazpar(d, ["build", c, "-o", "two", "-j", "2", "-q"]).run();
    let again = kazpar(d, ["build", c, "-o", "two", "-j", "2", "-q"]).run();
    for o in [&one, &two, &again] {
        assert!(o.stderr.is_empty(), "-q prints nothing: {}", stderr(o));
    }
    for f in ["pairs.jsonl", "manifest.json"] {
        let a = std::fs::read(d.join("one").join(f)).unwrap();
        let b = std::fs::read(d.join("two").join(f)).unwrap();
        assert!(!a.is_empty());
        assert!(a == b, "{f} differs between -j1 and -j2");
    }
}

#[test]
fn output_replaces_old_files_whole_and_leaves_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "corpus/kk/a.txt", KK_A.as_bytes());
    write(
        d,
        "out/pairs.jsonl",
        &b"old junk line that is much longer than the new output would be\n".repeat(500),
    );
    build(d, &["-q"]).expect_code(0);
    let pairs = read_jsonl(&d.join("out/pairs.jsonl"));
    assert_eq!(pairs.len(), 4);
    let names: Vec<String> = std::fs::read_dir(d.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut names = names;
    names.sort();
    assert_eq!(names, ["manifest.json", "pairs.jsonl"]);
}

#[test]
fn fatal_errors_exit_2_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = kazpar(d, ["build", "no-such-corpus", "-o", "out"]).expect_code(2);
    assert!(stderr(&o).contains("no-such-corpus/kk"), "{}", stderr(&o));

    // output folder cannot be created: a file is in the way
    write(d, "corpus/kk/a.txt", KK_A.as_bytes());
    write(d, "blocked", b"a file, not a folder");
    let o = kazpar(d, ["build", "corpus", "-o", "blocked"]).expect_code(2);
    assert!(stderr(&o).contains("blocked"), "{}", stderr(&o));
}

#[test]
fn records_have_exactly_the_fields_of_the_json_schema_in_order() {
    let schema = read_json(&root().join("schemas/pair.schema.json"));
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let props: Vec<&str> = schema["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    let mut sorted_required = required.clone();
    sorted_required.sort();
    // every property is required but the language marks, which appear only
    // when a side is in another language
    let optional = ["en_lang", "kk_lang"];
    let mut sorted_props: Vec<&str> = props.iter().copied().filter(|p| !optional.contains(p)).collect();
    sorted_props.sort();
    assert_eq!(sorted_required, sorted_props);
    assert_eq!(props.len(), required.len() + optional.len());

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "corpus/kk/a.txt", KK_A.as_bytes());
    write(d, "corpus/en/a.txt", EN_A.as_bytes());
    kazpar(d, ["build", "corpus", "-o", "out", "-q"]).run();
    let text = std::fs::read_to_string(d.join("out/pairs.jsonl")).unwrap();
    assert!(text.lines().count() >= 2, "{text}");
    for line in text.lines() {
        // exactly the schema's fields: none missing, none extra
        let obj: serde_json::Map<String, Value> = serde_json::from_str(line).unwrap();
        let mut keys: Vec<&str> = obj.keys().map(|k| k.as_str()).collect();
        keys.sort();
        assert_eq!(keys, sorted_required, "{line}");
        // in the schema's `required` order: where each key starts in the line
        // (a key inside a string value would be escaped, \"kk\":, and not match)
        let at: Vec<usize> = required
            .iter()
            .map(|k| {
                line.find(&format!("\"{k}\":"))
                    .unwrap_or_else(|| panic!("{k} in {line}"))
            })
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "key order {at:?}: {line}");
        // and the line is the record type's own serialization (nothing reordered or added)
        let rec: kazpar_corpus::PairRecord = serde_json::from_str(line).unwrap();
        assert_eq!(serde_json::to_string(&rec).unwrap(), line);
    }
}

/// The bundled corpus against its hand-written gold alignment
/// (`tests/data/corpus-gold.jsonl`, checked against the files by
/// `scripts/check-corpus-gold.py`): every pair, in order, with its texts.
#[test]
fn bundled_corpus_matches_hand_checked_gold() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    kazpar(&root(), ["build", "corpus", "-o", out.to_str().unwrap(), "-q"]).expect_code(0);
    let got: Vec<String> = read_jsonl(&out.join("pairs.jsonl"))
        .iter()
        .map(|p| {
            format!(
                "{} | {} | {}",
                p["doc"].as_str().unwrap(),
                p["kk"].as_str().unwrap_or("-"),
                p["en"].as_str().unwrap_or("-")
            )
        })
        .collect();
    let expected: Vec<String> = read_jsonl(&root().join("tests/data/corpus-gold.jsonl"))
        .iter()
        .map(|g| {
            let side = |k: &str| {
                let v: Vec<&str> = g[k]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap())
                    .collect();
                if v.is_empty() {
                    "-".to_string()
                } else {
                    v.join(" ")
                }
            };
            format!("{} | {} | {}", g["doc"].as_str().unwrap(), side("kk"), side("en"))
        })
        .collect();
    eqnice!(expected.join("\n"), got.join("\n"));
}

#[test]
fn shards_cover_every_document_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let corpus = root().join("corpus");
    let c = corpus.to_str().unwrap();
    kazpar(d, ["build", c, "-o", "whole", "-q"]).expect_code(0);
    let docs_of = |out: &str| -> Vec<String> {
        let m = read_json(&d.join(out).join("manifest.json"));
        m["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["lang"] == "kk")
            .map(|i| i["doc"].as_str().unwrap().to_string())
            .collect()
    };
    let all = docs_of("whole");
    assert!(all.len() >= 5);
    let mut seen = Vec::new();
    let mut nonempty = 0;
    for i in 1..=3 {
        let out = format!("shard{i}");
        kazpar(d, ["build", c, "-o", &out, "-q", "--shard", &format!("{i}/3")]).expect_code(0);
        let docs = docs_of(&out);
        nonempty += usize::from(!docs.is_empty());
        // every record of a shard belongs to one of its documents
        for r in read_jsonl(&d.join(&out).join("pairs.jsonl")) {
            assert!(docs.iter().any(|x| r["doc"] == x.as_str()));
        }
        assert_eq!(
            read_json(&d.join(&out).join("manifest.json"))["settings"]["shard"],
            format!("{i}/3")
        );
        seen.extend(docs);
    }
    seen.sort();
    assert_eq!(seen, all, "each document in exactly one shard");
    assert!(nonempty >= 2, "the hash spreads documents over shards");
    for bad in ["0/3", "4/3", "x", "1/0"] {
        let o = kazpar(d, ["build", c, "-o", "bad", "--shard", bad]).expect_code(2);
        assert!(stderr(&o).contains("I/N"), "{}", stderr(&o));
    }
}

#[test]
fn jsonl_documents_on_stdin_give_the_same_pairs_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    const KK_B: &str = "date 2025-03-02 Ауа райы\nЕртең жаңбыр жауады. Күн суытады.\n";
    write(d, "corpus/kk/a.txt", KK_A.as_bytes());
    write(d, "corpus/en/a.txt", EN_A.as_bytes());
    write(d, "corpus/kk/b.txt", KK_B.as_bytes());
    build(d, &["-q"]).expect_code(0);
    let record = |id: &str, lang: &str, file: &str| {
        let (header, text) = file.split_once('\n').unwrap();
        let rest = header.strip_prefix("date ").unwrap();
        let (date, title) = rest.split_once(' ').unwrap();
        serde_json::json!({"id": id, "lang": lang, "date": date, "title": title, "text": text}).to_string()
    };
    // English first and ids out of order: documents are matched by id and come out in id order
    let batch = [
        record("b", "kk", KK_B),
        record("a", "en", EN_A),
        record("a", "kk", KK_A),
    ]
    .join("\n");
    let o = kazpar(d, ["build", "--jsonl", "-", "-o", "-", "-q"])
        .stdin(batch.as_bytes())
        .expect_code(0);
    let expected = std::fs::read_to_string(d.join("out/pairs.jsonl")).unwrap();
    assert_eq!(String::from_utf8(o.stdout).unwrap(), expected);

    // bad records are skipped with file, line and reason; the rest is still built
    let bad = format!(
        "{}\nnot json\n{}\n{{\"id\":\"c\",\"lang\":\"en\",\"text\":\"Orphan.\"}}\n{{\"id\":\"a\",\"lang\":\"fr\",\"text\":\"x\"}}\n",
        record("a", "kk", KK_A),
        record("a", "kk", KK_B),
    );
    write(d, "batch.jsonl", bad.as_bytes());
    let o = kazpar(d, ["build", "--jsonl", "batch.jsonl", "-o", "j"]).expect_code(1);
    let err = stderr(&o);
    assert!(err.contains("batch.jsonl:2: bad record"), "{err}");
    assert!(
        err.contains("batch.jsonl:3: bad record: document \"a\" (kk) already given on line 1"),
        "{err}"
    );
    assert!(
        err.contains("batch.jsonl:4: English document has no Kazakh partner"),
        "{err}"
    );
    assert!(err.contains("batch.jsonl:5: bad record: lang is \"fr\""), "{err}");
    let m = read_json(&d.join("j/manifest.json"));
    let reasons: Vec<&str> = m["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["reason"].as_str().unwrap())
        .collect();
    assert_eq!(
        reasons.iter().filter(|r| **r == "bad-record").count(),
        3,
        "{reasons:?}"
    );
    assert!(reasons.contains(&"no-kazakh-partner"));
    let pairs = read_jsonl(&d.join("j/pairs.jsonl"));
    assert!(!pairs.is_empty() && pairs.iter().all(|p| p["doc"] == "a"));
}

#[test]
fn a_title_alone_is_a_document_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "corpus/kk/brief.txt",
        "date 2025-04-01 Президент Астанаға келді\n".as_bytes(),
    );
    write(
        d,
        "corpus/en/brief.txt",
        b"date 2025-04-01 The President arrived in Astana\n",
    );
    write(
        d,
        "corpus/kk/alone.txt",
        "date 2025-04-02 Жаңа мектеп ашылды\n".as_bytes(),
    );
    let o = build(d, &[]).expect_code(0);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("kk/brief.txt:1: a title and no body"), "{stderr}");
    let pairs = read_jsonl(&d.join("out/pairs.jsonl"));
    let got: Vec<(&str, &str, Option<&str>)> = pairs
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap(),
                p["kind"].as_str().unwrap(),
                p["en"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("alone-0000", "1-0", None),
            ("brief-0000", "1-1", Some("The President arrived in Astana"))
        ]
    );
    let m = read_json(&d.join("out/manifest.json"));
    assert_eq!(m["skipped"].as_array().unwrap().len(), 0);
    let kinds: Vec<&str> = m["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|i| {
            i["warnings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|w| w["kind"].as_str().unwrap())
        })
        .collect();
    assert_eq!(kinds, ["title-only"; 3]);
}

#[test]
fn a_russian_document_in_kk_is_skipped_and_russian_sentences_are_marked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "corpus/kk/a.txt", KK_A.as_bytes());
    write(d, "corpus/en/a.txt", EN_A.as_bytes());
    // an article in Russian filed under kk/, with its English translation
    write(
        d,
        "corpus/kk/ru.txt",
        "date 2025-05-01 Правительство утвердило новый план\n\
         Правительство утвердило новый план развития региона. Программа рассчитана на три года.\n"
            .as_bytes(),
    );
    write(d, "corpus/en/ru.txt", b"date 2025-05-01 The government approved a new plan\nThe government approved a new regional development plan. The programme runs for three years.\n");
    // a Kazakh article quoting a Russian sentence
    write(
        d,
        "corpus/kk/mixed.txt",
        "date 2025-05-02 Үкімет жаңа жоспарды бекітті\n\
         Үкімет өңірді дамытудың жаңа жоспарын бекітті. Министр бұл туралы брифингте айтты. \
         Он сказал, что программа рассчитана на три года.\n"
            .as_bytes(),
    );
    let o = build(d, &[]).expect_code(1);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("kk/ru.txt: Russian text, not Kazakh"), "{stderr}");
    let m = read_json(&d.join("out/manifest.json"));
    let skipped: Vec<(&str, &str)> = m["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["path"].as_str().unwrap(), s["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(
        skipped,
        [("en/ru.txt", "partner-failed"), ("kk/ru.txt", "not-kazakh")]
    );
    assert_eq!(m["counts"]["kk_sentences_in_ru"], 1);
    let pairs = read_jsonl(&d.join("out/pairs.jsonl"));
    let marked: Vec<(&str, &str)> = pairs
        .iter()
        .filter_map(|p| Some((p["id"].as_str()?, p["kk_lang"].as_str()?)))
        .collect();
    assert_eq!(marked, [("mixed-0003", "ru")]);
    assert!(pairs.iter().all(|p| p["doc"] != "ru"));

    // kept with a warning, or not checked at all
    let o = build(d, &["--lang-check", "warn"]).expect_code(0);
    assert!(String::from_utf8_lossy(&o.stderr).contains("Russian text, not Kazakh (kept"));
    assert!(read_jsonl(&d.join("out/pairs.jsonl"))
        .iter()
        .any(|p| p["doc"] == "ru" && p["kk_lang"] == "ru"));
    build(d, &["--lang-check", "off"]).expect_code(0);
    assert!(read_jsonl(&d.join("out/pairs.jsonl"))
        .iter()
        .all(|p| p.get("kk_lang").is_none()));
}

#[test]
fn shards_with_a_merged_lexicon_give_the_pairs_of_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // the bundled corpus plus two more pairs, so that each shard has documents
    let corpus = d.join("corpus");
    for sub in ["kk", "en"] {
        std::fs::create_dir_all(corpus.join(sub)).unwrap();
        for e in std::fs::read_dir(root().join("corpus").join(sub)).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), corpus.join(sub).join(e.file_name())).unwrap();
        }
    }
    write(d, "corpus/kk/x1.txt", KK_A.as_bytes());
    write(d, "corpus/en/x1.txt", EN_A.as_bytes());
    write(d, "corpus/kk/x2.txt", KK_A.as_bytes());
    write(d, "corpus/en/x2.txt", EN_A.as_bytes());
    kazpar(
        d,
        [
            "build",
            "corpus",
            "-o",
            "whole",
            "-q",
            "--save-lexicon",
            "whole.lex",
        ],
    )
    .expect_code(0);
    let mut lexes = Vec::new();
    for i in 1..=3 {
        let lex = format!("p{i}.lex");
        kazpar(
            d,
            [
                "build",
                "corpus",
                "-o",
                &format!("a{i}"),
                "-q",
                "--shard",
                &format!("{i}/3"),
                "--save-lexicon",
                &lex,
            ],
        )
        .expect_code(0);
        lexes.push(lex);
    }
    // merged in another order: the same counts, the same file as one run's
    let mut merge = vec![
        "lexicon".to_string(),
        "merge".into(),
        lexes[2].clone(),
        lexes[0].clone(),
        lexes[1].clone(),
    ];
    merge.extend(["-o".into(), "merged.lex".into()]);
    kazpar(d, merge).expect_code(0);
    assert_eq!(
        std::fs::read(d.join("merged.lex")).unwrap(),
        std::fs::read(d.join("whole.lex")).unwrap()
    );
    // the shards built with it give exactly the records of the single run
    let mut got = Vec::new();
    for i in 1..=3 {
        let out = format!("b{i}");
        kazpar(
            d,
            [
                "build",
                "corpus",
                "-o",
                &out,
                "-q",
                "--shard",
                &format!("{i}/3"),
                "--lexicon",
                "merged.lex",
            ],
        )
        .expect_code(0);
        got.extend(
            std::fs::read_to_string(d.join(&out).join("pairs.jsonl"))
                .unwrap()
                .lines()
                .map(String::from),
        );
    }
    let mut want: Vec<String> = std::fs::read_to_string(d.join("whole/pairs.jsonl"))
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got.len(), want.len());
    assert!(got == want, "shard records differ from the single run's");
    // a file that is not evidence is an error naming it
    write(d, "bad.lex", b"hello\n");
    let o = kazpar(d, ["build", "corpus", "-o", "c", "--lexicon", "bad.lex"]).expect_code(2);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("bad.lex:1"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
