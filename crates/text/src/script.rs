//! Pass 4: script lookalikes inside words.
//!
//! A word (a run of letters) that mixes Cyrillic and Latin letters is
//! repaired towards the script of most of its letters, but only when every
//! letter of the other script has a lookalike there (`бiр` → `бір`,
//! `xабарлады` → `хабарлады`, `UNICЕF` → `UNICEF`); a tie goes to the
//! language's script (`Lang::Auto`: the script of most letters of the line).
//! In a line of the language's script, a mixed word goes to that script
//! whatever the ratio (`тapиx` → `тарих`), and a word made only of
//! lookalikes (`apa` in `… бүгін apa …`) goes over when its neighbours are
//! of the line's script or the line holds no real word of the other script,
//! and a capitalised one at the line's edge (`Cy ені`) when its Cyrillic
//! reading is a word the language identifier's table knows in a Cyrillic
//! language and its Latin one no English word there (`Tom` stays);
//! names and acronyms in Latin (`MICS-2024`, `Kazakhstan`, `CEO`, `M16`)
//! stay, and so do URLs and e-mail addresses (but for a mixed-script domain
//! in English text, which becomes Latin).
//! In Cyrillic words the Latin schwa and barred o (`ə Ə ɵ Ɵ`) and `Ӊ ӊ`
//! become the Kazakh `ә Ә ө Ө Ң ң`.

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
        // `ё` decomposed, its `е` taken for a Latin `e`, composed again
        'ë' => 'ё',
        'Ë' => 'Ё',
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
pub(crate) fn kazakh_variant(c: char) -> Option<char> {
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
    if lat == 0 && word.chars().any(stands_for_kazakh) {
        return to_script(word, Script::Cyrillic);
    }
    if lat == 0 {
        // all Cyrillic: only the Kazakh variants (most words have none: no list)
        if !word.chars().any(|c| kazakh_variant(c).is_some()) {
            return None;
        }
        let v: Vec<Option<char>> = word.chars().map(kazakh_variant).collect();
        return v
            .iter()
            .any(Option::is_some)
            .then_some((Rule::LatinInCyrillic, v));
    }
    if cyr == 0 {
        return None;
    }
    // a mixed word that only the line's script can make whole goes there,
    // whatever its ratio (`тeрбeлici`: `т р б л` have no Latin lookalike)
    let other = match prefer {
        Script::Cyrillic => Script::Latin,
        _ => Script::Cyrillic,
    };
    if prefer != Script::Other && convert(word, other).is_none() {
        if let Some(fix) = to_script(word, prefer) {
            return Some(fix);
        }
    }
    let target = if cyr > lat {
        Script::Cyrillic
    } else if lat > cyr {
        Script::Latin
    } else {
        prefer
    };
    to_script(word, target)
}

/// A word's letters turned into script `to`, under the rule for that
/// direction (`None` for [`Script::Other`], or when a letter has no lookalike).
fn to_script(word: &str, to: Script) -> Option<(Rule, Vec<Option<char>>)> {
    let rule = match to {
        Script::Cyrillic => Rule::LatinInCyrillic,
        Script::Latin => Rule::CyrillicInLatin,
        Script::Other => return None,
    };
    convert(word, to).map(|v| (rule, v))
}

/// `char::is_alphabetic`, answered at once for ASCII and Cyrillic (the
/// general lookup is slow and this pass asks for every character).
#[inline]
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\u{400}'..='\u{481}' | '\u{48A}'..='\u{52F}' => true,
        _ if c.is_ascii() => false,
        _ => c.is_alphabetic(),
    }
}

fn is_word_char(c: char) -> bool {
    is_letter(c) || unicode_normalization::char::is_combining_mark(c)
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

/// Is there anything for the pass: a word mixing Cyrillic and Latin letters
/// (or a Kazakh variant letter), or a line holding both scripts (a whole
/// lookalike word among words of the other script)? One cheap scan by code
/// ranges, so clean text leaves at once.
pub(crate) fn anything_to_do(input: &str, lang: Lang) -> bool {
    // the scan finds nothing in a text with no Latin letter (and no `Ӊ ӊ`):
    // check that first on the bytes, much faster than by chars
    if input.is_ascii() || !maybe_latin(input.as_bytes()) {
        return false;
    }
    scan_for_work(input, lang)
}

/// Whether UTF-8 text `b` may hold a Latin letter or `Ӊ ӊ`, the letters that
/// can give [`scan_for_work`] something to find: an ASCII letter, a lead byte
/// of U+00C0–U+02BF (0xC3–0xCA) or of U+1000–U+1FFF (0xE1), or `Ӊ ӊ`
/// (0xD3 0x89, 0xD3 0x8A). False means surely none.
fn maybe_latin(b: &[u8]) -> bool {
    const fn classes() -> [u8; 256] {
        let mut t = [0u8; 256];
        let mut i = 0;
        while i < 256 {
            let c = i as u8;
            t[i] = if c.is_ascii_alphabetic() || (c >= 0xC3 && c <= 0xCA) || c == 0xE1 {
                1
            } else if c == 0xD3 {
                2
            } else {
                0
            };
            i += 1;
        }
        t
    }
    static CLASS: [u8; 256] = classes();
    let mut i = 0;
    while i < b.len() {
        match CLASS[b[i] as usize] {
            0 => {}
            1 => return true,
            _ => {
                if matches!(b.get(i + 1), Some(0x89 | 0x8A)) {
                    return true;
                }
            }
        }
        i += 1;
    }
    false
}

/// [`anything_to_do`] by chars.
fn scan_for_work(input: &str, lang: Lang) -> bool {
    let (mut cyr, mut lat) = (false, false);
    // the word's letters all have lookalikes in the other script
    let (mut lat_alike, mut cyr_alike) = (true, true);
    let (mut line_cyr, mut line_lat) = (false, false);
    // a whole Latin word of Cyrillic lookalikes (or the reverse) on this line
    let (mut alike_word_lat, mut alike_word_cyr) = (false, false);
    for c in input.chars() {
        let u = c as u32;
        if c.is_ascii_alphabetic() {
            lat = true;
            // (once false, no more look-ups)
            lat_alike = lat_alike && to_cyrillic(c).is_some();
        } else if (0x0400..=0x052F).contains(&u) {
            if matches!(c, 'Ӊ' | 'ӊ') && lang != Lang::En {
                return true;
            }
            cyr = true;
            cyr_alike = cyr_alike && to_latin(c).is_some();
        } else if (0x00C0..=0x02AF).contains(&u) || (0x1E00..=0x1EFF).contains(&u) {
            if stands_for_kazakh(c) && lang != Lang::En {
                return true;
            }
            lat = true;
            lat_alike = false;
        } else if c.is_ascii() || c.is_whitespace() || !is_letter(c) {
            // a word ends (digits, punctuation and spaces separate words here)
            if cyr && lat {
                return true;
            }
            alike_word_lat |= lat && lat_alike;
            alike_word_cyr |= cyr && cyr_alike;
            line_cyr |= cyr;
            line_lat |= lat;
            (cyr, lat, lat_alike, cyr_alike) = (false, false, true, true);
            if c == '\n' {
                if (alike_word_lat && line_cyr) || (alike_word_cyr && line_lat) {
                    return true;
                }
                (line_cyr, line_lat, alike_word_lat, alike_word_cyr) = (false, false, false, false);
            }
        }
    }
    alike_word_lat |= lat && lat_alike;
    alike_word_cyr |= cyr && cyr_alike;
    line_cyr |= cyr;
    line_lat |= lat;
    (cyr && lat) || (alike_word_lat && line_cyr) || (alike_word_cyr && line_lat)
}

/// One word of a line: its byte range and the scripts of its letters.
struct Word {
    range: std::ops::Range<usize>,
    cyr: usize,
    lat: usize,
    /// every letter of the minority script has a lookalike in the other one
    all_lookalike_to_cyr: bool,
    all_lookalike_to_lat: bool,
    caps: bool,
    /// the first letter is lowercase
    lower: bool,
    address: bool,
    /// one letter, or glued to digits (`M16`, `5G`): a model name, not a word
    code: bool,
    /// joined to the word before by a hyphen (`іс-қимыл`: one compound)
    hyphened: bool,
    /// holds a letter that only stands for a Kazakh one (`ə`, `Ӊ`)
    special: bool,
}

fn words_of(line: &str, base: usize) -> Vec<Word> {
    let mut out = Vec::new();
    let mut token_is_address = false;
    let mut iter = line.char_indices().peekable();
    let mut at_token_start = true;
    while let Some((i, c)) = iter.next() {
        if c.is_whitespace() {
            at_token_start = true;
            continue;
        }
        if at_token_start {
            let token = line[i..].split(char::is_whitespace).next().unwrap_or("");
            token_is_address = is_address(token);
            at_token_start = false;
        }
        if !is_word_char(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if !is_word_char(d) {
                break;
            }
            end = j + d.len_utf8();
            iter.next();
        }
        let w = &line[i..end];
        let (mut cyr, mut lat) = (0, 0);
        let (mut to_c, mut to_l) = (true, true);
        let mut special = false;
        for ch in w.chars() {
            special |= kazakh_variant(ch).is_some();
            match script(ch) {
                _ if stands_for_kazakh(ch) => {
                    special = true;
                    cyr += 1
                }
                Script::Cyrillic => {
                    cyr += 1;
                    // (once false, no more look-ups)
                    to_l = to_l && to_latin(ch).is_some();
                }
                Script::Latin => {
                    lat += 1;
                    to_c = to_c && to_cyrillic(ch).is_some();
                }
                Script::Other => {}
            }
        }
        let mut letters = w.chars().filter(|c| is_letter(*c));
        let first = letters.next();
        let more = letters.clone().next().is_some();
        let caps = more && first.is_some_and(char::is_uppercase) && letters.all(char::is_uppercase);
        let digit_at = |k: Option<char>| k.is_some_and(|c| c.is_ascii_digit());
        let glued = digit_at(line[..i].chars().next_back()) || digit_at(line[end..].chars().next());
        let mut before = line[..i].chars().rev();
        let hyphened = before.next() == Some('-') && before.next().is_some_and(is_word_char);
        out.push(Word {
            range: base + i..base + end,
            cyr,
            lat,
            all_lookalike_to_cyr: to_c,
            all_lookalike_to_lat: to_l,
            caps,
            address: token_is_address,
            code: (first.is_some() && !more) || glued,
            lower: first.is_some_and(char::is_lowercase),
            hyphened,
            special,
        });
    }
    out
}

/// The script each word of a line goes to, where a whole word changes.
///
/// In a line of the language's script (`prefer`), a word that mixes the two
/// scripts goes to that script whatever its letters' ratio (`тapиx`,
/// `Kpyз` in Kazakh; `tһе` in English), when every letter of the other
/// script has a lookalike. A word made only of lookalikes of the other
/// script (`apa` in `… бүгін apa …`) goes over when the line holds no real
/// word of that script (a letter without a lookalike: `Safe`, `NSA`) or both
/// its neighbours are words of the line's script; acronyms in capitals and
/// addresses stay.
fn whole_words(line: &str, base: usize, words: &[Word], prefer: Script) -> Vec<Option<Script>> {
    // a Latin acronym in Kazakh text is common (`NSA`); a Cyrillic one in English is not
    let keep_caps = prefer == Script::Cyrillic;
    let own = |w: &Word| match prefer {
        Script::Cyrillic => w.cyr,
        _ => w.lat,
    };
    let other = |w: &Word| match prefer {
        Script::Cyrillic => w.lat,
        _ => w.cyr,
    };
    let lookalike = |w: &Word| match prefer {
        Script::Cyrillic => w.all_lookalike_to_cyr,
        _ => w.all_lookalike_to_lat,
    };
    let own_letters: usize = words.iter().map(own).sum();
    let other_letters: usize = words.iter().map(other).sum();
    if prefer == Script::Other {
        return vec![None; words.len()];
    }
    // a word of the other script with a letter that has no lookalike (`Safe`, `NSA`)
    let real = |w: &Word| other(w) > 0 && !lookalike(w) && !w.address;
    let real_other = words.iter().any(real);
    let is_own_word = |w: &Word| own(w) > 0;
    let own_beside = |k: usize| {
        k.checked_sub(1)
            .and_then(|p| words.get(p))
            .is_some_and(is_own_word)
            || words.get(k + 1).is_some_and(is_own_word)
    };
    // a word of lookalikes beside one of the line's own, not an acronym,
    // that reads as a Cyrillic word and no English one (`Cy ені`, `Бұл aypy`)
    let reads_cyrillic = |k: usize, w: &Word| {
        keep_caps
            && !(w.caps || w.code)
            && own_beside(k)
            && cyrillic_word(&line[w.range.start - base..w.range.end - base])
    };
    if own_letters <= other_letters {
        // more lookalikes than letters of the line's script (a short, heavily
        // damaged text: `Әpбip`, `Kөпip`, `MPV тeрбeлici`): with no real word
        // of the other script in the line (a Latin acronym in Kazakh text is
        // not one), a word mixing the two is still the line's
        let real_word = words
            .iter()
            .any(|w| real(w) && !(keep_caps && (w.caps || w.code)));
        // and a word of lookalikes that reads as a Cyrillic word (`Бұл aypy`)
        return words
            .iter()
            .enumerate()
            .map(|(k, w)| {
                let usable = !real_word && other(w) > 0 && lookalike(w) && !w.address;
                (usable && (own(w) > 0 || reads_cyrillic(k, w))).then_some(prefer)
            })
            .collect();
    }
    words
        .iter()
        .enumerate()
        .map(|(k, w)| {
            if other(w) == 0 || !lookalike(w) {
                return None;
            }
            if w.address {
                // a domain or a mailbox never mixes scripts: Latin
                return (w.cyr > 0 && w.lat > 0 && w.all_lookalike_to_lat).then_some(Script::Latin);
            }
            if own(w) > 0 {
                return Some(prefer); // mixed: the line's script
            }
            let prev = k.checked_sub(1).and_then(|p| words.get(p));
            let next = words.get(k + 1);
            let one = prev.is_some_and(is_own_word) || next.is_some_and(is_own_word);
            if keep_caps && (w.caps || w.code) {
                return None;
            }
            // a capitalised word in a line with no real Latin word that
            // reads as a Cyrillic word: the first word of a sentence (`Cy ені
            // …`, `Tipi табиғат …`), not a name (`Mic`, `Tom`); acronyms stay
            // whatever they read as (`ET`, `TT`, `II` are as often Latin in
            // Kazakh text as `HATO` is damage)
            let capital_reads = || !w.lower && !real_other && reads_cyrillic(k, w);
            // the lowercase half of a hyphenated compound whose other half is
            // of the line's script (`ic-қимылды`, `ата-aнa`) is that script too
            let half = w.lower
                && ((w.hyphened && prev.is_some_and(is_own_word))
                    || next.is_some_and(|n| n.hyphened && is_own_word(n)));
            if half {
                return Some(prefer);
            }
            let both = prev.is_some_and(is_own_word) && next.is_some_and(is_own_word);
            // at a line edge, one neighbour is enough for a lowercase word in
            // a line with no real word of the other script (a capitalised one
            // there may be a name: `Mic мәлімдегендей …`)
            let edge = (prev.is_none() || next.is_none()) && one && !real_other && w.lower;
            (both || edge || (!keep_caps && !real_other) || capital_reads()).then_some(prefer)
        })
        .collect()
}

/// Run the pass; `None` when there is nothing to do.
pub(crate) fn lookalikes(input: &str, lang: Lang) -> Option<PassOut> {
    if !anything_to_do(input, lang) {
        return None;
    }
    let mut out = Builder::for_input(input);
    let mut changed = false;
    let mut at = 0;
    let mut line_start = 0;
    for line in input.split_inclusive('\n') {
        let prefer = match lang {
            Lang::Kk => Script::Cyrillic,
            Lang::En => Script::Latin,
            Lang::Auto => {
                let cyr = line.chars().filter(|&c| script(c) == Script::Cyrillic).count();
                let lat = line.chars().filter(|&c| script(c) == Script::Latin).count();
                if lat > cyr {
                    Script::Latin
                } else {
                    Script::Cyrillic
                }
            }
        };
        let words = words_of(line, line_start);
        let forced = whole_words(line, line_start, &words, prefer);
        for (w, force) in words.iter().zip(forced) {
            if w.address && force.is_none() {
                continue;
            }
            // what `repair` says of a word with no letter of one script
            // and no special letter: nothing
            if force.is_none() && (w.cyr == 0 || w.lat == 0 && !w.special) {
                continue;
            }
            let word = &input[w.range.clone()];
            let i = w.range.start;
            let repaired = match force {
                Some(to @ (Script::Cyrillic | Script::Latin)) => to_script(word, to),
                _ => repair(word, prefer),
            };
            let Some((rule, fixes)) = repaired else {
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
            out.keep(input, at..i);
            for ((k, c), fix) in word.char_indices().zip(fixes) {
                let r = i + k..i + k + c.len_utf8();
                match fix {
                    Some(to) => {
                        changed = true;
                        out.replace(rule, input, r, to.encode_utf8(&mut [0; 4]));
                    }
                    None => out.keep(input, r),
                }
            }
            at = w.range.end;
        }
        line_start += line.len();
    }
    if !changed {
        return None;
    }
    out.keep(input, at..input.len());
    Some(out.finish(input.len()))
}

/// Whether a word made of Latin lookalikes reads as a word of a Cyrillic
/// language and not as an English one, by the whole-word table of the
/// language identifier (`kazpar_lang::Classifier::word_lang`): its Cyrillic
/// reading is a word it has seen, likeliest in a Cyrillic language, and its
/// Latin spelling is not a word likeliest in English.
fn cyrillic_word(word: &str) -> bool {
    use kazpar_lang::Lang as L;
    let c = kazpar_lang::Classifier::builtin();
    let Some(cyr) = convert(word, Script::Cyrillic) else {
        return false;
    };
    let reading: String = word.chars().zip(cyr).map(|(ch, to)| to.unwrap_or(ch)).collect();
    let cyrillic =
        matches!(c.word_lang(&reading), Some((l, _)) if !matches!(l, L::En | L::Uz | L::Tr | L::Und));
    cyrillic && !matches!(c.word_lang(word), Some((L::En, _)))
}

/// A word's letters turned into `to` (each letter of the other script by its lookalike).
fn convert(word: &str, to: Script) -> Option<Vec<Option<char>>> {
    word.chars()
        .map(|c| match (script(c), to) {
            (Script::Latin, Script::Cyrillic) => to_cyrillic(c).map(Some),
            (_, Script::Cyrillic) => Some(kazakh_variant(c)),
            (Script::Cyrillic, Script::Latin) => to_latin(c).map(Some),
            _ => Some(None),
        })
        .collect()
}

#[cfg(test)]
mod letter_tests {
    #[test]
    fn the_byte_check_never_hides_work_from_the_scan() {
        let pieces = [
            "а", "с", "ә", "ө", "Ӊ", "ӊ", "ж", "a", "c", "x", "ə", "Ɵ", "é", "ḥ", "ʻ", " ", "\n", ".", "1",
            "Ω", "中", "Ӑ", "ӥ", "қ", "ң", "\u{2019}", "-", "K", "o", "р",
        ];
        let mut x: u64 = 1;
        for _ in 0..20_000 {
            let mut s = String::new();
            for _ in 0..(x % 9) {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push_str(pieces[(x >> 33) as usize % pieces.len()]);
            }
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            for lang in [crate::Lang::Kk, crate::Lang::En] {
                assert_eq!(
                    super::anything_to_do(&s, lang),
                    super::scan_for_work(&s, lang),
                    "{s:?} {lang:?}"
                );
            }
        }
        for u in 0..0x3000u32 {
            if let Some(c) = char::from_u32(u) {
                for s in [format!("а{c}"), format!("{c}а"), format!("a{c} а"), c.to_string()] {
                    for lang in [crate::Lang::Kk, crate::Lang::En] {
                        assert_eq!(
                            super::anything_to_do(&s, lang),
                            super::scan_for_work(&s, lang),
                            "{s:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn is_letter_is_is_alphabetic() {
        for u in 0..0x3000u32 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(super::is_letter(c), c.is_alphabetic(), "{c:?}");
            }
        }
    }
}
