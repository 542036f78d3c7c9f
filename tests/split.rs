//! Integration tests for `kazpar split`.

use crate::util::*;

#[test]
fn lines_mode_from_stdin() {
    let text = "Қ. Тоқаев 2025 ж. Астанада сөйледі. «Біз дайынбыз!» деді ол.\nТақырып жолы\n";
    let o = kazpar(&root(), ["split", "--lang", "kk", "--lines"])
        .stdin(text.as_bytes())
        .expect_code(0);
    assert_eq!(
        stdout(&o),
        "Қ. Тоқаев 2025 ж. Астанада сөйледі.\n«Біз дайынбыз!» деді ол.\nТақырып жолы\n"
    );
}

#[test]
fn jsonl_spans_point_into_the_input() {
    let text = "  Dr. Smith came. He left.";
    let o = kazpar(&root(), ["split", "--lang", "en"])
        .stdin(text.as_bytes())
        .run();
    let recs: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(recs.len(), 2);
    for r in &recs {
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], r["text"].as_str().unwrap());
    }
    assert_eq!(recs[0]["text"], "Dr. Smith came.");
    assert_eq!(recs[1]["idx"], 1);
}

#[test]
fn user_abbreviation_file() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("abbr.txt");
    std::fs::write(&list, "# my list\nэксп.\n").unwrap();
    let text = "Эксп. Бесте келді. Жаңа.";
    let o = kazpar(&root(), ["split", "--lang", "kk", "--lines"])
        .stdin(text.as_bytes())
        .run();
    assert_eq!(stdout(&o), "Эксп.\nБесте келді.\nЖаңа.\n");
    let o = kazpar(
        &root(),
        [
            "split",
            "--lang",
            "kk",
            "--lines",
            "--abbrev",
            list.to_str().unwrap(),
        ],
    )
    .stdin(text.as_bytes())
    .run();
    assert_eq!(stdout(&o), "Эксп. Бесте келді.\nЖаңа.\n");
    let o = kazpar(&root(), ["split", "--abbrev", "/no/such/file"])
        .stdin(text.as_bytes())
        .expect_code(2);
    assert!(stderr(&o).contains("/no/such/file"));
}
