//! Text handling exactly as Python's `str` does it, which sacreBLEU relies on.
//!
//! Python's `str.split()`, `str.rstrip()` and `str.isspace()` treat a few more
//! characters as whitespace than Rust's [`char::is_whitespace`]: the ASCII
//! separators U+001C–U+001F. Everything here uses Python's set.

/// Is `c` whitespace for Python's `str.isspace()` (Unicode 14, as in CPython 3.11)?
///
/// This is Unicode's `White_Space` property plus the information separators
/// U+001C–U+001F (bidirectional class B/S).
#[inline]
pub fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `s.rstrip()` in Python: drop trailing whitespace.
#[inline]
pub fn py_rstrip(s: &str) -> &str {
    s.trim_end_matches(is_py_space)
}

/// `s.split()` in Python: the non-empty runs between whitespace.
#[inline]
pub fn py_split(s: &str) -> impl Iterator<Item = &str> {
    s.split(is_py_space).filter(|w| !w.is_empty())
}

/// `' '.join(s.split())`: collapse whitespace runs to one space, trim both ends.
pub fn py_squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in py_split(s) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Python's `str.lower()`. Rust's [`str::to_lowercase`] applies the same full
/// Unicode mappings (including `İ` → `i̇` and final sigma); the tables differ
/// only in characters added after Unicode 14.
#[inline]
pub fn py_lower(s: &str) -> String {
    s.to_lowercase()
}

/// Split a whole file into segments the way sacreBLEU reads one: on `\n`
/// only (a `\r` stays part of the line and is then stripped as trailing
/// whitespace), a final newline does not start an empty segment, and each
/// segment loses its trailing whitespace. No Unicode normalization.
///
/// ```
/// use kazpar_eval::text::read_segments;
/// assert_eq!(read_segments("a \r\nb\n\n"), vec!["a", "b", ""]);
/// assert!(read_segments("").is_empty());
/// ```
pub fn read_segments(text: &str) -> Vec<&str> {
    let body = text.strip_suffix('\n').unwrap_or(text);
    if text.is_empty() {
        return Vec::new();
    }
    body.split('\n').map(py_rstrip).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn information_separators_are_whitespace_like_python() {
        // Python: '\x1c'.isspace() is True; Rust's is_whitespace says no.
        assert!(!'\u{1c}'.is_whitespace());
        assert!(is_py_space('\u{1c}') && is_py_space('\u{1f}'));
        assert_eq!(py_split("a\u{1d}b\u{a0}c").collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(py_rstrip("x\u{1e}\u{3000} "), "x");
        // U+200B ZERO WIDTH SPACE is not whitespace in Python.
        assert!(!is_py_space('\u{200b}'));
    }

    #[test]
    fn segments_follow_python_line_iteration() {
        assert_eq!(read_segments("a\nb"), ["a", "b"]);
        assert_eq!(read_segments("\n"), [""]);
        assert_eq!(read_segments("a\r\n"), ["a"]);
        assert_eq!(read_segments("a\u{2028}b\n"), ["a\u{2028}b"]);
    }
}
