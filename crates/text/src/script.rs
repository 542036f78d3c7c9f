//! Pass 4: script lookalikes inside words.
//!
//! A word (a run of letters) that mixes Cyrillic and Latin letters is
//! repaired towards the script of most of its letters, but only when every
//! letter of the other script has a lookalike there (`бiр` → `бір`,
//! `xабарлады` → `хабарлады`, `UNICЕF` → `UNICEF`); a tie goes to the
//! language's script (`Lang::Auto`: the script of most letters of the line).
//! Words of one script are never touched, so names and acronyms in Latin
//! (`MICS-2024`, `Kazakhstan`) stay; neither are URLs and e-mail addresses.
//! In Cyrillic words the Latin schwa and barred o (`ə Ə ɵ Ɵ`) and `Ӊ ӊ`
//! become the Kazakh `ә Ә ө Ө Ң ң`.

use crate::legacy::copy;
use crate::{Builder, Lang, PassOut, Rule};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Script {
    Cyrillic,
    Latin,
    Other,
}

fn script(c: char) -> Script {
    match c as u32 {
        0x0400..=0x052F => Script::Cyrillic,
        _ if c.is_ascii_alphabetic() => Script::Latin,
        0x00C0..=0x024F | 0x0250..=0x02AF | 0x1E00..=0x1EFF if c.is_alphabetic() => Script::Latin,
        _ => Script::Other,
    }
}

/// The Cyrillic letter a Latin letter stands for inside a Cyrillic word.
fn to_cyrillic(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'c' => 'с',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'x' => 'х',
        'y' => 'у',
        'i' => 'і',
        'h' => 'һ',
        'A' => 'А',
        'B' => 'В',
        'C' => 'С',
        'E' => 'Е',
        'H' => 'Н',
        'I' => 'І',
        'K' => 'К',
        'M' => 'М',
        'O' => 'О',
        'P' => 'Р',
        'T' => 'Т',
        'X' => 'Х',
        'Y' => 'У',
        'ə' => 'ә',
        'Ə' => 'Ә',
        'ɵ' => 'ө',
        'Ɵ' => 'Ө',
        _ => return None,
    })
}

/// The Latin letter a Cyrillic letter stands for inside a Latin word.
fn to_latin(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'с' => 'c',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'х' => 'x',
        'у' => 'y',
        'і' => 'i',
        'һ' => 'h',
        'ј' => 'j',
        'ѕ' => 's',
        'А' => 'A',
        'В' => 'B',
        'С' => 'C',
        'Е' => 'E',
        'Н' => 'H',
        'І' => 'I',
        'К' => 'K',
        'М' => 'M',
        'О' => 'O',
        'Р' => 'P',
        'Т' => 'T',
        'Х' => 'X',
        'У' => 'Y',
        'Ѕ' => 'S',
        'Ј' => 'J',
        _ => return None,
    })
}

/// Cyrillic letters of other alphabets that stand for Kazakh ones.
fn kazakh_variant(c: char) -> Option<char> {
    match c {
        'Ӊ' => Some('Ң'),
        'ӊ' => Some('ң'),
        _ => None,
    }
}

/// A word's repair: which letters change, into what, under which rule.
fn repair(word: &str, prefer: Script) -> Option<(Rule, Vec<Option<char>>)> {
    let (mut cyr, mut lat) = (0, 0);
    for c in word.chars() {
        match script(c) {
            // the Latin schwa and barred o only ever stand for Kazakh letters
            _ if stands_for_kazakh(c) => cyr += 1,
            Script::Cyrillic => cyr += 1,
            Script::Latin => lat += 1,
            Script::Other => {}
        }
    }
    let to_cyr = |word: &str| -> Option<Vec<Option<char>>> {
        word.chars()
            .map(|c| match script(c) {
                Script::Latin => to_cyrillic(c).map(Some),
                _ => Some(kazakh_variant(c)),
            })
            .collect()
    };
    let to_lat = |word: &str| -> Option<Vec<Option<char>>> {
        word.chars()
            .map(|c| match script(c) {
                Script::Cyrillic => to_latin(c).map(Some),
                _ => Some(None),
            })
            .collect()
    };
    if lat == 0 && word.chars().any(stands_for_kazakh) {
        return to_cyr(word).map(|v| (Rule::LatinInCyrillic, v));
    }
    if lat == 0 {
        // all Cyrillic: only the Kazakh variants
        let v: Vec<Option<char>> = word.chars().map(kazakh_variant).collect();
        return v
            .iter()
            .any(Option::is_some)
            .then_some((Rule::LatinInCyrillic, v));
    }
    if cyr == 0 {
        return None;
    }
    let target = if cyr > lat {
        Script::Cyrillic
    } else if lat > cyr {
        Script::Latin
    } else {
        prefer
    };
    match target {
        Script::Cyrillic => to_cyr(word).map(|v| (Rule::LatinInCyrillic, v)),
        Script::Latin => to_lat(word).map(|v| (Rule::CyrillicInLatin, v)),
        Script::Other => None,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c)
}

/// Is this whitespace-delimited token a URL or an e-mail address?
fn is_address(token: &str) -> bool {
    token.contains("://") || token.contains('@') || token.starts_with("www.")
}

/// The Latin schwa and barred o (`ə Ə ɵ Ɵ`): they only ever stand in for the
/// Kazakh letters `ә Ә ө Ө`.
pub(crate) fn stands_for_kazakh(c: char) -> bool {
    matches!(c, 'ə' | 'Ə' | 'ɵ' | 'Ɵ')
}

/// Is there a word mixing Cyrillic and Latin letters (or a Kazakh variant letter)?
/// One cheap scan by code ranges, so clean text leaves at once.
pub(crate) fn anything_to_do(input: &str, lang: Lang) -> bool {
    let (mut cyr, mut lat) = (false, false);
    for c in input.chars() {
        let u = c as u32;
        if c.is_ascii_alphabetic() {
            lat = true;
        } else if (0x0400..=0x052F).contains(&u) {
            if matches!(c, 'Ӊ' | 'ӊ') && lang != Lang::En {
                return true;
            }
            cyr = true;
        } else if (0x00C0..=0x02AF).contains(&u) || (0x1E00..=0x1EFF).contains(&u) {
            if stands_for_kazakh(c) && lang != Lang::En {
                return true;
            }
            lat = true;
        } else if c.is_ascii() || c.is_whitespace() || !c.is_alphabetic() {
            // a word ends (digits, punctuation and spaces separate words here)
            if cyr && lat {
                return true;
            }
            cyr = false;
            lat = false;
        }
    }
    cyr && lat
}

/// Run the pass; `None` when there is nothing to do.
pub(crate) fn lookalikes(input: &str, lang: Lang) -> Option<PassOut> {
    if !anything_to_do(input, lang) {
        return None;
    }
    let mut out = Builder::default();
    let mut changed = false;
    let mut at = 0;
    let mut line_start = 0;
    let mut prefer = Script::Other;
    let mut token_is_address = false;
    let mut iter = input.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c == '\n' || i == 0 {
            let ls = if c == '\n' { i + 1 } else { 0 };
            if ls >= line_start {
                line_start = ls;
                prefer = match lang {
                    Lang::Kk => Script::Cyrillic,
                    Lang::En => Script::Latin,
                    Lang::Auto => {
                        let line = input[line_start..].split('\n').next().unwrap_or("");
                        let cyr = line.chars().filter(|&c| script(c) == Script::Cyrillic).count();
                        let lat = line.chars().filter(|&c| script(c) == Script::Latin).count();
                        if lat > cyr {
                            Script::Latin
                        } else {
                            Script::Cyrillic
                        }
                    }
                };
            }
        }
        if c.is_whitespace() || i == 0 {
            let ts = if c.is_whitespace() { i + c.len_utf8() } else { 0 };
            let token = input[ts..].split(char::is_whitespace).next().unwrap_or("");
            token_is_address = is_address(token);
        }
        if !is_word_char(c) {
            continue;
        }
        // a word: i .. end
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if !is_word_char(d) {
                break;
            }
            end = j + d.len_utf8();
            iter.next();
        }
        if token_is_address {
            continue;
        }
        let word = &input[i..end];
        let Some((rule, fixes)) = repair(word, prefer) else {
            continue;
        };
        if lang == Lang::En
            && rule == Rule::LatinInCyrillic
            && fixes
                .iter()
                .zip(word.chars())
                .all(|(f, c)| f.is_none() || kazakh_variant(c).is_some())
        {
            continue;
        }
        copy(&mut out, input, at..i);
        for ((k, c), fix) in word.char_indices().zip(fixes) {
            let r = i + k..i + k + c.len_utf8();
            match fix {
                Some(to) => {
                    changed = true;
                    out.replace(rule, input, r, to.encode_utf8(&mut [0; 4]));
                }
                None => out.push_str(&input[r.clone()], r),
            }
        }
        at = end;
    }
    if !changed {
        return None;
    }
    copy(&mut out, input, at..input.len());
    Some(out.finish(input.len()))
}
