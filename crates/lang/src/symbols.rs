//! Characters to the small symbol alphabet the n-grams are made of.
//!
//! Every letter is lower-cased and mapped to a 7-bit symbol, so an n-gram of
//! up to four symbols packs into one `u32` with no allocation. Symbol 0 means
//! "not a letter" (a word break), [`BOUNDARY`] pads each word, and letters
//! outside the lists fall into one "other" symbol per script.

use std::sync::OnceLock;

/// The padding symbol at both ends of a word.
pub const BOUNDARY: u8 = 1;
/// An apostrophe between two letters (Uzbek `oʻ`, `gʻ`; Belarusian, Ukrainian `'`).
pub const APOSTROPHE: u8 = 2;
/// A Latin letter not in [`LATIN`].
pub const OTHER_LATIN: u8 = 3;
/// A Cyrillic letter not in [`CYRILLIC`].
pub const OTHER_CYRILLIC: u8 = 4;
/// Any other letter (Greek, Arabic, CJK …).
pub const OTHER_LETTER: u8 = 5;

/// The Latin letters with a symbol of their own (lower case), from symbol 6 on.
pub const LATIN: &str = "abcdefghijklmnopqrstuvwxyzçğışöüâîûéèáíóñä";
/// The Cyrillic letters with a symbol of their own (lower case), after [`LATIN`].
pub const CYRILLIC: &str = "абвгдежзийклмнопрстуфхцчшщъыьэюяѐёђѓєѕіїјљњћќѝўџґғҗҙқҡңҫүұҳҷһәӣөӯ";

/// The first symbol of the lettered ones.
const FIRST: u8 = 6;

/// The symbol of a lower-case letter from the lists, if it has one.
pub fn letter_symbol(c: char) -> Option<u8> {
    LATIN
        .chars()
        .chain(CYRILLIC.chars())
        .position(|l| l == c)
        .map(|i| FIRST + i as u8)
}

/// Is this symbol a Cyrillic letter?
pub fn is_cyrillic(sym: u8) -> bool {
    sym == OTHER_CYRILLIC || sym >= FIRST + LATIN.chars().count() as u8
}

/// Is this symbol a Latin letter?
pub fn is_latin(sym: u8) -> bool {
    sym == OTHER_LATIN || (FIRST..FIRST + LATIN.chars().count() as u8).contains(&sym)
}

/// Number of symbols in use (all fit in 7 bits).
#[cfg(test)]
pub fn count() -> usize {
    FIRST as usize + LATIN.chars().count() + CYRILLIC.chars().count()
}

/// Symbols of the code points below this are looked up in a table.
const TABLE_END: usize = 0x0500;

fn table() -> &'static [u8; TABLE_END] {
    static TABLE: OnceLock<[u8; TABLE_END]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [0u8; TABLE_END];
        for (cp, slot) in t.iter_mut().enumerate() {
            let Some(c) = char::from_u32(cp as u32) else {
                continue;
            };
            if !c.is_alphabetic() {
                continue;
            }
            // İ lower-cases to i + combining dot; its first char is what we want
            let lower = c.to_lowercase().next().unwrap_or(c);
            *slot = letter_symbol(lower).unwrap_or(match lower {
                'a'..='\u{24f}' => OTHER_LATIN,
                '\u{400}'..='\u{4ff}' => OTHER_CYRILLIC,
                _ => OTHER_LETTER,
            });
        }
        t
    })
}

/// The symbol of a character: 0 for a non-letter, [`APOSTROPHE`] for the
/// apostrophes (which count as letters only between two letters, see
/// [`for_each_word_symbol`]).
#[inline]
pub fn symbol(c: char) -> u8 {
    let cp = c as usize;
    if cp < TABLE_END {
        if c == '\'' || c == 'ʻ' || c == 'ʼ' {
            return APOSTROPHE;
        }
        return table()[cp];
    }
    match c {
        '\u{2019}' | '\u{2018}' => APOSTROPHE,
        c if c.is_alphabetic() => OTHER_LETTER,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_fit_in_seven_bits() {
        assert!(count() <= 128);
        assert_eq!(letter_symbol('ә'), symbol('Ә').into());
        assert!(is_cyrillic(symbol('ӯ')) && !is_latin(symbol('ӯ')));
        assert!(is_latin(symbol('ğ')) && !is_cyrillic(symbol('ğ')));
    }

    #[test]
    fn upper_case_maps_to_lower_case() {
        for (u, l) in [
            ('Ә', 'ә'),
            ('Ң', 'ң'),
            ('Ў', 'ў'),
            ('Ş', 'ş'),
            ('A', 'a'),
            ('Ё', 'ё'),
            ('Ї', 'ї'),
        ] {
            assert_eq!(symbol(u), symbol(l), "{u}");
        }
        assert_eq!(symbol('İ'), symbol('i'));
        assert_ne!(symbol('ı'), symbol('i'));
    }

    #[test]
    fn non_letters_and_other_scripts() {
        for c in ['1', ' ', '.', '«', '-', '\u{a0}'] {
            assert_eq!(symbol(c), 0, "{c:?}");
        }
        assert_eq!(symbol('ß'), OTHER_LATIN);
        assert_eq!(symbol('ӂ'), OTHER_CYRILLIC);
        assert_eq!(symbol('α'), OTHER_LETTER);
        assert_eq!(symbol('中'), OTHER_LETTER);
        assert_eq!(symbol('’'), APOSTROPHE);
    }
}
