//! Integration tests for `kazpar report` and `kazpar build --report`.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::util::*;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

/// The `data-count="KEY">N<` values of a page (not the chart bars' `data-count="N"`).
fn data_counts(html: &str) -> BTreeMap<String, usize> {
    let pat = r#"data-count=""#;
    html.match_indices(pat)
        .filter(|(i, _)| !html[i + pat.len()..].starts_with(|c: char| c.is_ascii_digit()))
        .map(|(i, _)| {
            let rest = &html[i + pat.len()..];
            let key_end = rest.find('"').unwrap();
            let key = &rest[..key_end];
            let after = &rest[key_end..];
            let v_start = after.find('>').unwrap() + 1;
            let v_end = after[v_start..].find('<').unwrap() + v_start;
            (key.to_string(), after[v_start..v_end].parse().unwrap())
        })
        .collect()
}

/// The bundled corpus plus a Kazakh file that is not UTF-8.
fn corpus_with_broken_file(d: &Path) {
    copy_dir(&root().join("corpus"), &d.join("corpus"));
    std::fs::write(
        d.join("corpus/kk/900_broken.txt"),
        b"date 2025-01-01 \xd0\x90\xd0\nline two \xff\xfe\n",
    )
    .unwrap();
}

#[test]
fn build_report_numbers_equal_the_manifests() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    corpus_with_broken_file(d);
    kazpar(d, ["build", "corpus", "-o", "out", "-q", "--report"]).expect_code(1);
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("out/manifest.json")).unwrap()).unwrap();
    let html = std::fs::read_to_string(d.join("out/report.html")).unwrap();
    let got = data_counts(&html);

    // every count of the manifest is on the page, with the same number
    let counts = manifest["counts"].as_object().unwrap();
    assert!(counts["skipped_files"].as_u64().unwrap() >= 1);
    for (k, v) in counts {
        assert_eq!(
            got.get(k).copied(),
            Some(v.as_u64().unwrap() as usize),
            "count {k}"
        );
    }
    assert!(!html.contains(r#"id="count-mismatch""#));
    assert_eq!(got["skipped_list"], manifest["skipped"].as_array().unwrap().len());

    // the broken file is listed with its reason and line
    let skipped = &manifest["skipped"][0];
    assert_eq!(skipped["path"], "kk/900_broken.txt");
    let reason = skipped["reason"].as_str().unwrap();
    assert!(
        html.contains(&format!(
            r#"<tr data-reason="{reason}"><td>kk/900_broken.txt</td>"#
        )),
        "{reason}"
    );
    if let Some(line) = skipped["line"].as_u64() {
        assert!(html.contains(&format!(r#"<td class="num">{line}</td>"#)));
    }

    // corpus-wide normalization per rule
    for (rule, n) in manifest["normalization"].as_object().unwrap() {
        assert!(
            html.contains(&format!(r#"data-norm="{rule}">{n}<"#)),
            "normalization {rule}"
        );
    }

    // every document is ranked and has a section the ranking links to
    let docs: std::collections::BTreeSet<&str> = manifest["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["doc"].as_str().unwrap())
        .collect();
    assert_eq!(docs.len(), counts["documents"].as_u64().unwrap() as usize);
    for doc in &docs {
        let row = html
            .find(&format!(r#"<tr data-doc="{doc}">"#))
            .expect("ranking row");
        let href = &html[row..];
        let href = &href[href.find("href=\"#").unwrap() + 7..];
        let anchor = &href[..href.find('"').unwrap()];
        assert!(
            html.contains(&format!(r#"<details class="doc" id="{anchor}" data-doc="{doc}""#)),
            "section {anchor} of {doc}"
        );
    }
    // the ranking is by mean score, lowest first
    let means: Vec<f64> = html
        .match_indices(r#"data-mean=""#)
        .filter_map(|(i, _)| {
            let rest = &html[i + 11..];
            rest[..rest.find('"').unwrap()].parse().ok()
        })
        .collect();
    assert!(!means.is_empty());
    assert!(means.windows(2).all(|w| w[0] <= w[1]), "{means:?}");

    // self-contained: nothing is loaded from elsewhere
    for bad in ["<script", "<link", "src=", "@import", "url("] {
        assert!(!html.contains(bad), "page holds {bad}");
    }
    assert_eq!(html.matches("<svg").count(), 2);
}

#[test]
fn report_command_writes_the_same_page_and_takes_o() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    corpus_with_broken_file(d);
    kazpar(d, ["build", "corpus", "-o", "out", "-q", "--report"]).expect_code(1);
    let by_build = std::fs::read(d.join("out/report.html")).unwrap();
    std::fs::remove_file(d.join("out/report.html")).unwrap();
    kazpar(d, ["report", "out"]).expect_code(0);
    assert_eq!(std::fs::read(d.join("out/report.html")).unwrap(), by_build);
    kazpar(d, ["report", "out", "-o", "elsewhere.html"]).expect_code(0);
    assert_eq!(std::fs::read(d.join("elsewhere.html")).unwrap(), by_build);
    // no temporary file left behind
    assert!(std::fs::read_dir(d.join("out"))
        .unwrap()
        .flatten()
        .all(|e| !e.file_name().to_string_lossy().ends_with(".tmp")));
}

#[test]
fn report_of_a_folder_without_a_build_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let o = kazpar(dir.path(), ["report", "nothing-here"]).expect_code(2);
    assert!(stderr(&o).contains("nothing-here/pairs.jsonl"), "{}", stderr(&o));
}

#[test]
fn a_bad_pairs_line_is_named_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_dir(&root().join("corpus"), &d.join("corpus"));
    kazpar(d, ["build", "corpus", "-o", "out", "-q"]).expect_code(0);
    let mut pairs = std::fs::read_to_string(d.join("out/pairs.jsonl")).unwrap();
    pairs.push_str("not a record\n");
    std::fs::write(d.join("out/pairs.jsonl"), pairs).unwrap();
    let o = kazpar(d, ["report", "out"]).expect_code(1);
    assert!(stderr(&o).contains("pairs.jsonl:75"), "{}", stderr(&o));
    assert!(d.join("out/report.html").exists());
}
