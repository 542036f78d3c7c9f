//! Integration tests for `kazpar normalize`.

use crate::util::*;

#[test]
fn one_output_line_per_input_line_from_stdin() {
    let input = "бiр\u{00AD}iнші  жол\r\n\nxабар\u{00A0}бар\n";
    let o = kazpar(&root(), ["normalize"])
        .stdin(input.as_bytes())
        .expect_code(0);
    assert_eq!(stdout(&o), "бірінші жол\n\nхабар бар\n");
}

#[test]
fn explain_lists_changes_with_positions() {
    let o = kazpar(&root(), ["normalize", "--explain", "--lang", "kk"])
        .stdin("Сәлем\nбiр".as_bytes())
        .run();
    let out = stdout(&o);
    let v: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(v["line"], 2);
    assert_eq!(v["column"], 2);
    assert_eq!(v["byte"], 13);
    assert_eq!(v["rule"], "latin-in-cyrillic");
    assert_eq!(v["from"], "i");
    assert_eq!(v["to"], "і");
}

#[test]
fn punct_ascii_and_clean_text() {
    let clean = "«Әділет» — 12,5 пайыз.\n";
    let o = kazpar(&root(), ["normalize"]).stdin(clean.as_bytes()).run();
    assert_eq!(stdout(&o), clean);
    let o = kazpar(&root(), ["normalize", "--punct", "ascii"])
        .stdin(clean.as_bytes())
        .run();
    assert_eq!(stdout(&o), "\"Әділет\" - 12,5 пайыз.\n");
}

#[test]
fn invalid_utf8_is_an_error_naming_line_and_offset() {
    let o = kazpar(&root(), ["normalize"]).stdin(b"ok\n\xff").expect_code(2);
    assert!(
        stderr(&o).contains("<stdin>:2: invalid UTF-8 at byte offset 3"),
        "{}",
        stderr(&o)
    );
}
