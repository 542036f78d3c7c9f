//! Integration tests for `kazpar align`.

use crate::util::*;

fn records(o: &std::process::Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn presplit_gives_indexes_with_deletions_and_merges() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("kk.txt"),
        "Инфляция 12,6 пайыз болды.\nЖалақы 5,8 пайызға өсті.\nЭкспорт 1,648 млн тоннаға жетті; бұл рекорд болды.\nБұл туралы министр айтты.\n",
    )
    .unwrap();
    std::fs::write(
        d.join("en.txt"),
        "Inflation was 12.6 percent.\nExports reached 1.648 million tonnes.\nThis was a record.\nThe minister said this.\n",
    )
    .unwrap();
    let o = run_in(d, &["align", "--presplit", "kk.txt", "en.txt"], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let recs = records(&o);
    let links: Vec<(serde_json::Value, serde_json::Value)> = recs
        .iter()
        .map(|r| (r["kk_idx"].clone(), r["en_idx"].clone()))
        .collect();
    let j = |v: &[usize]| serde_json::json!(v);
    assert_eq!(
        links,
        [
            (j(&[0]), j(&[0])),
            (j(&[1]), j(&[])),
            (j(&[2]), j(&[1, 2])),
            (j(&[3]), j(&[3]))
        ]
    );
    assert!(recs[1]["en"].is_null());
    assert_eq!(recs[2]["kind"], "1-2");
    assert_eq!(
        recs[2]["en"],
        "Exports reached 1.648 million tonnes. This was a record."
    );
}

#[test]
fn raw_texts_are_split_and_min_score_filters() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("kk.txt"),
        "Жалақы 12,5 пайызға өсті. Ертең жаңбыр жауады.\n",
    )
    .unwrap();
    std::fs::write(
        d.join("en.txt"),
        "Wages rose by 12.5 percent. It will rain tomorrow.\n",
    )
    .unwrap();
    let o = run_in(d, &["align", "kk.txt", "en.txt"], b"");
    let recs = records(&o);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["kk"], "Жалақы 12,5 пайызға өсті.");
    assert_eq!(recs[0]["en"], "Wages rose by 12.5 percent.");
    assert_eq!(recs[0]["kk_spans"], serde_json::json!([[0, 42]])); // 6+4+7+4 letters, 2 bytes per Cyrillic letter
    let o = run_in(d, &["align", "kk.txt", "en.txt", "--min-score", "1.01"], b"");
    assert_eq!(stdout(&o), "");
}

#[test]
fn jsonl_batch_and_dictionary_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let batch = concat!(
        r#"{"doc": "a", "kk_text": "Бір.\nЕкі.", "en_text": "One.\nTwo."}"#,
        "\n",
        r#"{"doc": "b", "kk_text": "Үш.", "en_text": "Three."}"#,
        "\n"
    );
    std::fs::write(d.join("b.jsonl"), batch).unwrap();
    let o = run_in(d, &["align", "--jsonl", "b.jsonl", "--presplit"], b"");
    let recs = records(&o);
    let docs: Vec<&str> = recs.iter().map(|r| r["doc"].as_str().unwrap()).collect();
    assert_eq!(docs, ["a", "a", "b"]);

    std::fs::write(d.join("bad.dic"), "school @ мектеп\nno separator\n").unwrap();
    let o = run_in(d, &["align", "--jsonl", "b.jsonl", "--dict", "bad.dic"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bad.dic:2: bad dictionary entry"),
        "{}",
        stderr(&o)
    );
}
