//! Integration tests for `kazpar align`.

use crate::util::*;

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
    let recs = jsonl(&kazpar(d, ["align", "--presplit", "kk.txt", "en.txt"]).stdout());
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
    // pair records: ids from the document id (the KK file's stem, or --doc) and position
    assert_eq!(recs[2]["id"], "kk-0002");
    assert_eq!(recs[2]["doc"], "kk");
    let recs = jsonl(&kazpar(d, ["align", "--presplit", "kk.txt", "en.txt", "--doc", "news-7"]).stdout());
    assert_eq!(recs[3]["id"], "news-7-0003");
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
    let recs = jsonl(&kazpar(d, ["align", "kk.txt", "en.txt"]).stdout());
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["kk"], "Жалақы 12,5 пайызға өсті.");
    assert_eq!(recs[0]["en"], "Wages rose by 12.5 percent.");
    assert_eq!(recs[0]["kk_spans"], serde_json::json!([[0, 42]])); // 6+4+7+4 letters, 2 bytes per Cyrillic letter
    let scores: Vec<f64> = recs.iter().map(|r| r["score"].as_f64().unwrap()).collect();
    // a threshold between the two scores keeps exactly the pairs at or above it
    let (lo, hi) = (scores[0].min(scores[1]), scores[0].max(scores[1]));
    let between = format!("{}", (lo + hi) / 2.0);
    let kept = jsonl(&kazpar(d, ["align", "kk.txt", "en.txt", "--min-score", &between]).stdout());
    if lo < hi {
        assert_eq!(kept.len(), 1, "scores {scores:?}, --min-score {between}");
        assert_eq!(kept[0]["score"].as_f64().unwrap(), hi);
    }
    let at_lowest = jsonl(&kazpar(d, ["align", "kk.txt", "en.txt", "--min-score", &lo.to_string()]).stdout());
    assert_eq!(at_lowest.len(), 2);
    // above every score: nothing, and still a success
    assert_eq!(
        kazpar(d, ["align", "kk.txt", "en.txt", "--min-score", "1.01"]).stdout(),
        ""
    );
}

#[test]
fn align_output_goes_straight_into_export() {
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
    let pairs = kazpar(d, ["align", "kk.txt", "en.txt"]).stdout();
    // `kazpar align KK EN | kazpar export --format tmx -`
    let out = kazpar(d, ["export", "--format", "tmx", "-"])
        .stdin(pairs.clone())
        .run();
    let tmx = stdout(&out);
    assert!(
        tmx.contains("<tuv xml:lang=\"kk\"><seg>Жалақы 12,5 пайызға өсті.</seg></tuv>"),
        "{tmx}"
    );
    assert!(tmx.contains("<seg>It will rain tomorrow.</seg>"), "{tmx}");
    assert!(
        stderr(&out).contains("exported 2 of 2 records"),
        "{}",
        stderr(&out)
    );
    // and every other export reads them too
    kazpar(d, ["export", "--format", "xliff", "-", "-o", "a.xlf"])
        .stdin(pairs.clone())
        .run();
    kazpar(d, ["export", "--format", "moses", "-", "-o", "moses"])
        .stdin(pairs)
        .run();
    assert_eq!(
        std::fs::read_to_string(d.join("moses/kazpar.en-kk.en")).unwrap(),
        "Wages rose by 12.5 percent.\nIt will rain tomorrow.\n"
    );
}

#[test]
fn jsonl_batch_reads_build_documents_and_skips_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let batch = concat!(
        r#"{"id": "b", "lang": "kk", "text": "Үш."}"#,
        "\n",
        r#"{"id": "a", "lang": "kk", "date": "2025-11-20", "text": "Бір.\nЕкі."}"#,
        "\n",
        "not json\n",
        r#"{"id": "a", "lang": "en", "text": "One.\nTwo."}"#,
        "\n",
        r#"{"id": "b", "lang": "en", "text": "Three."}"#,
        "\n",
        r#"{"id": "c", "lang": "kk", "text": "Төрт."}"#,
        "\n",
    );
    std::fs::write(d.join("b.jsonl"), batch).unwrap();
    let o = kazpar(d, ["align", "--jsonl", "b.jsonl", "--presplit"]).expect_code(1);
    assert!(
        stderr(&o).contains("skipped b.jsonl:3: bad record: expected {\"id\", \"lang\", \"text\", …}"),
        "{}",
        stderr(&o)
    );
    let recs = jsonl(&stdout(&o));
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a-0000", "a-0001", "b-0000", "c-0000"]);
    assert_eq!(recs[0]["date"], "2025-11-20");
    assert_eq!(recs[1]["en"], "Two.");
    assert_eq!(recs[1]["kk_spans"], serde_json::json!([[8, 15]]));
    // a Kazakh document with no English one: its sentences to translate
    assert_eq!(recs[3]["kind"], "1-0");
    assert!(recs[3]["en"].is_null() && recs[3]["score"].is_null());

    std::fs::write(d.join("bad.dic"), "school @ мектеп\nno separator\n").unwrap();
    let o = kazpar(d, ["align", "--jsonl", "b.jsonl", "--dict", "bad.dic"]).expect_code(2);
    assert!(
        stderr(&o).contains("bad.dic:2: bad dictionary entry"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_core_word_list_can_be_left_out() {
    // the English side lost the first sentence and the lengths favour the
    // wrong pair; the core word list (`мектеп`/`school`, `кітап`/`book`) finds the right one
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("kk.txt"),
        "Өзен қыста толығымен қатып қалды.\nМектеп кеше жаңа кітаптар алды.\n",
    )
    .unwrap();
    std::fs::write(d.join("en.txt"), "Yesterday the school got some new books.\n").unwrap();
    let links = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["align", "--presplit", "kk.txt", "en.txt"];
        args.extend_from_slice(extra);
        jsonl(&kazpar(d, args).stdout())
            .iter()
            .map(|r| r["kind"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(links(&[]), ["1-0", "1-1"]);
    assert_eq!(links(&["--no-word-list"]), ["1-1", "1-0"]);
    // build records the setting when it is off, and only then
    std::fs::create_dir_all(d.join("c/kk")).unwrap();
    std::fs::create_dir_all(d.join("c/en")).unwrap();
    std::fs::write(
        d.join("c/kk/a.txt"),
        "date 2025-01-01 Мектеп\nМектеп кеше жаңа кітаптар алды.\n",
    )
    .unwrap();
    std::fs::write(
        d.join("c/en/a.txt"),
        "date 2025-01-01 School\nThe school got new books.\n",
    )
    .unwrap();
    kazpar(d, ["build", "c", "-o", "on", "-q"]).expect_code(0);
    kazpar(d, ["build", "c", "-o", "off", "-q", "--no-word-list"]).expect_code(0);
    let settings = |o: &str| {
        let text = std::fs::read_to_string(d.join(o).join("manifest.json")).unwrap();
        serde_json::from_str::<serde_json::Value>(&text).unwrap()["settings"].clone()
    };
    assert!(settings("on").get("word_list").is_none());
    assert_eq!(settings("off")["word_list"], false);
}
