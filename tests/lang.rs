//! Integration tests for `kazpar lang`.

use crate::util::*;

/// `kazpar ARGS` with `input` on stdin, whatever its exit code (each test checks it).
fn run(args: &[&str], input: &[u8]) -> std::process::Output {
    let dir = std::env::temp_dir();
    kazpar(&dir, args).stdin(input.to_vec()).output()
}

#[test]
fn lines_mode_prints_one_code_per_line() {
    let text = "Ертең біз ауылға қайтамыз, әкем бізді күтіп отыр.\n\
                Завтра мы возвращаемся в деревню, отец нас ждёт.\n\
                \n\
                2025-12-01\n\
                Tomorrow we are going back to the village.\n\
                Yarın sabah köye dönüyoruz.";
    let o = run(&["lang", "--lines"], text.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    eqnice!("kk\nru\nund\nund\nen\ntr\n", stdout(&o));
}

#[test]
fn lines_mode_reads_a_file_and_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("in.txt");
    std::fs::write(
        &p,
        "Мектепте мың оқушы бар.\r\nЗаўтра раніцай мы вяртаемся ў вёску.\r\n",
    )
    .unwrap();
    let o = run(&["lang", "--lines", p.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    eqnice!("kk\nbe\n", stdout(&o));
}

#[test]
fn whole_input_is_one_text_without_a_mode() {
    let o = run(
        &["lang"],
        "Астанада жаңа мектеп ашылды.\nҒимарат екі жылда салынды.\n".as_bytes(),
    );
    assert_eq!(o.status.code(), Some(0));
    eqnice!("kk\n", stdout(&o));
}

#[test]
fn docs_mode_flags_russian_inside_kazakh() {
    let docs = [
        serde_json::json!({"id": "a", "text": "Астанада жаңа мектеп ашылды.\nОткрытие школы посетил министр просвещения.\nҒимарат екі жылда салынды."}),
        serde_json::json!({"id": "b", "text": "Вчера в городе прошёл большой праздник.\nГости разошлись поздно вечером."}),
    ];
    let input: String = docs.iter().map(|d| format!("{d}\n")).collect();
    let o = run(&["lang", "--docs", "-"], input.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(out.len(), 2);
    assert_eq!(out[0]["id"], "a");
    assert_eq!(out[0]["lang"], "kk");
    assert_eq!(out[0]["mixed"], true);
    assert_eq!(out[0]["sent_langs"], serde_json::json!(["kk", "ru", "kk"]));
    assert_eq!(out[1]["lang"], "ru");
    assert_eq!(out[1]["mixed"], false);
}

#[test]
fn bad_document_record_is_named_and_keeps_its_place() {
    let input = "{\"id\": \"a\", \"text\": \"Ол ұзаққа созылды.\"}\nnot json\n{\"id\": \"c\"}\n";
    let o = run(&["lang", "--docs"], input.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("<stdin>:2:"), "{err}");
    assert!(err.contains("<stdin>:3:"), "{err}");
    let out: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(out.len(), 3);
    assert_eq!(out[0]["lang"], "kk");
    assert!(out[1]["error"].as_str().unwrap().contains(":2:"));
    assert_eq!(out[2]["id"], serde_json::Value::Null);
}

#[test]
fn unreadable_input_and_bad_flags_exit_2() {
    let o = run(&["lang", "--lines", "/no/such/file.txt"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/no/such/file.txt"));
    let o = run(&["lang", "--lines", "--docs"], b"");
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["lang", "--lines"], b"\xff\xfe ok\n");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid UTF-8"), "{}", stderr(&o));
}

#[test]
fn a_model_that_is_not_one_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("model.bin");
    std::fs::write(&p, b"garbage").unwrap();
    let o = run(&["lang", "--lines", "--model", p.to_str().unwrap()], b"abc\n");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a kazpar-lang model"), "{}", stderr(&o));
}

#[test]
fn help_has_examples() {
    let o = run(&["lang", "--help"], b"");
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("Examples:") && out.contains("--docs") && out.contains("und"),
        "{out}"
    );
}

#[test]
fn large_input_keeps_line_order() {
    // over the size from which lines are labelled on all cores
    let block = "Ертең біз ауылға қайтамыз, әкем бізді күтіп отыр.\n\
                 Завтра мы возвращаемся в деревню, отец нас ждёт.\n\
                 \n\
                 Tomorrow we are going back to the village.\n";
    let n = 3000;
    let input = block.repeat(n);
    assert!(input.len() > 1 << 18);
    let o = run(&["lang", "--lines"], input.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    eqnice!("kk\nru\nund\nen\n".repeat(n), stdout(&o));
}
