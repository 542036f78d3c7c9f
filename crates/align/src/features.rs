//! What the aligner sees of a sentence: its length, numbers, names and words.

/// Features of one sentence. The lists are boxed slices, not `Vec`s: a long
/// document keeps hundreds of thousands of them for both passes, and a
/// slice is 8 bytes smaller and holds no spare capacity.
#[derive(Clone, Debug, Default)]
pub(crate) struct Feats {
    /// Characters (not bytes), whitespace excluded.
    pub len: f32,
    /// Numbers as keys (separators dropped: `12,5` and `12.5` are both `125`), sorted.
    pub nums: Box<[u64]>,
    /// Proper-name and acronym keys (Latin transliteration), ids shared across languages within a document.
    pub names: Box<[u32]>,
    /// Cognate keys ([`cognate_key`]), sorted.
    pub cogs: Box<[u64]>,
    /// Ends with `?` or `!` (ignoring closing quotes and brackets).
    pub question: bool,
    pub exclaim: bool,
    /// Punctuation marks present ([`QUOTE`], [`PAREN`], [`COLON`] bits).
    pub marks: u8,
    /// The sentence's shape ([`SEMI`] bit), for the bead-kind model.
    pub typo: u8,
}

pub(crate) const EN_STOP: &[&str] = &[
    "the", "and", "for", "that", "this", "with", "was", "were", "are", "has", "have", "had", "from", "not",
    "but", "its", "his", "her", "their", "they", "she", "him", "which", "who", "will", "been", "also",
    "said", "would", "there", "about", "into", "than", "them", "these", "those", "after", "over", "other",
    "all", "can", "our", "more", "one", "out", "what", "when", "while", "where", "how", "you",
];

/// Latin transliteration of Kazakh Cyrillic (one common scheme, lowercase).
fn translit(c: char) -> &'static str {
    match c {
        'а' | 'ә' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'ё' => "yo",
        'ж' => "zh",
        'з' => "z",
        'и' | 'й' | 'і' => "i",
        'к' | 'қ' => "k",
        'л' => "l",
        'м' => "m",
        'н' | 'ң' => "n",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ұ' | 'ү' => "u",
        'ф' => "f",
        'х' | 'һ' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        _ => "",
    }
}

/// A loose key for comparing names across scripts: transliterated, lowercase,
/// letters only, some spelling variants merged (`kh`/`h`, `c`/`k`/`s`, `y`/`i`, doubled letters).
pub(crate) fn name_key(word: &str) -> String {
    let mut b: Vec<u8> = Vec::with_capacity(word.len() + 4);
    let mut put = |c: char| match c {
        // `j` can take part in no two-letter rule, so it is spelled out now;
        // `q` and `w` change after the two-letter rules
        'j' => b.extend_from_slice(b"zh"),
        'a'..='z' => b.push(c as u8),
        _ => b.extend_from_slice(translit(c).as_bytes()),
    };
    // `word.chars().flat_map(char::to_lowercase)`, without the table lookup
    // for the letters `lower_one` knows
    for c in word.chars() {
        match lower_one(c) {
            Some(l) => put(l),
            None => c.to_lowercase().for_each(&mut put),
        }
    }
    // two letters to one, left to right, in this order (each its own pass)
    for (x, y, to) in [
        (b'y', b'u', b'u'),
        (b'y', b'a', b'a'),
        (b'c', b'e', b's'),
        (b'c', b'i', b's'),
        (b'k', b'h', b'h'),
        (b'p', b'h', b'f'),
        (b'c', b'k', b'k'),
    ] {
        let keep_second = x == b'c' && (y == b'e' || y == b'i');
        let (mut r, mut w) = (0, 0);
        while r < b.len() {
            if b[r] == x && b.get(r + 1) == Some(&y) {
                b[w] = to;
                if keep_second {
                    b[w + 1] = y;
                    w += 1;
                }
                r += 2;
            } else {
                b[w] = b[r];
                r += 1;
            }
            w += 1;
        }
        b.truncate(w);
    }
    let mut out = String::with_capacity(b.len());
    for &c in &b {
        let c = match c {
            b'c' | b'x' | b'q' => 'k',
            b'y' => 'i',
            b'w' => 'u',
            c => c as char,
        };
        if out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

/// The sorted character bigrams of a string.
#[cfg(test)]
pub(crate) fn bigrams(s: &str) -> Vec<(char, char)> {
    let cs: Vec<char> = s.chars().collect();
    let mut g: Vec<(char, char)> = cs.windows(2).map(|w| (w[0], w[1])).collect();
    g.sort_unstable();
    g
}

/// Dice coefficient over character bigrams.
#[cfg(test)]
pub(crate) fn bigram_dice(a: &str, b: &str) -> f32 {
    if a.chars().count() < 2 || b.chars().count() < 2 {
        return if a == b { 1.0 } else { 0.0 };
    }
    dice_of(&bigrams(a), &bigrams(b))
}

/// Dice coefficient of two sorted bigram lists.
#[cfg(test)]
pub(crate) fn dice_of(ga: &[(char, char)], gb: &[(char, char)]) -> f32 {
    if ga.is_empty() || gb.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < ga.len() && j < gb.len() {
        match ga[i].cmp(&gb[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f32 / (ga.len() + gb.len()) as f32
}

impl Feats {
    /// The features of a sentence read by [`raw`], with its name ids (its
    /// stems are kept apart, per document); numbers and cognates sorted.
    pub(crate) fn from_raw(r: Raw, names: Vec<u32>) -> Feats {
        fn sorted<T: Ord>(mut v: Vec<T>) -> Box<[T]> {
            v.sort_unstable();
            v.into_boxed_slice()
        }
        Feats {
            len: r.len,
            nums: sorted(r.nums),
            names: names.into_boxed_slice(),
            cogs: sorted(r.cogs),
            question: r.question,
            exclaim: r.exclaim,
            marks: r.marks,
            typo: r.typo,
        }
    }
}

/// Raw features before ids are given to names.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Raw {
    pub len: f32,
    /// Numbers, as keys ([`num_key`]).
    pub nums: Vec<u64>,
    /// Names and acronyms as [`name_key`]s, with their bigrams.
    pub names: Vec<Name>,
    /// Content word stems ([`Stem`]s).
    pub stems: Vec<Stem>,
    /// Cognate keys of long words that are not names ([`cognate_key`]).
    pub cogs: Vec<u64>,
    pub question: bool,
    pub exclaim: bool,
    /// Punctuation marks present ([`QUOTE`], [`PAREN`], [`COLON`] bits).
    pub marks: u8,
    /// [`SEMI`] bit.
    pub typo: u8,
}

/// A name read from a sentence: its cross-script key and the key's bigrams.
#[derive(Debug, PartialEq)]
pub(crate) struct Name {
    pub key: String,
    pub grams: Vec<(char, char)>,
}

/// A word stem: its first 5 lowercase characters packed into one integer
/// (21 bits each), so stems are compared and hashed without allocating.
pub(crate) type Stem = u128;

/// Lowercase of one character, with a fast path for ASCII and Kazakh Cyrillic.
#[inline]
pub(crate) fn lower(c: char) -> char {
    match c {
        'A'..='Z' => (c as u8 + 32) as char,
        'a'..='z' | '\u{430}'..='\u{45F}' => c,
        '\u{410}'..='\u{42F}' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        '\u{400}'..='\u{40F}' => char::from_u32(c as u32 + 0x50).unwrap_or(c),
        'Ә' | 'Ғ' | 'Қ' | 'Ң' | 'Ө' | 'Ұ' | 'Ү' | 'Һ' => char::from_u32(c as u32 + 1).unwrap_or(c),
        _ if c.is_ascii() => c,
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// `c.to_lowercase()` when that is one character and `c` is ASCII, Russian
/// Cyrillic or a Kazakh letter (checked against std in the tests); `None`
/// for any other character.
#[inline]
pub(crate) fn lower_one(c: char) -> Option<char> {
    match c {
        '\0'..='\u{7F}' | '\u{400}'..='\u{45F}' | 'Ә' | 'Ғ' | 'Қ' | 'Ң' | 'Ө' | 'Ұ' | 'Ү' | 'Һ' => {
            Some(lower(c))
        }
        'ә' | 'ғ' | 'қ' | 'ң' | 'ө' | 'ұ' | 'ү' | 'һ' => Some(c),
        _ => None,
    }
}

#[inline]
pub(crate) fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\u{400}'..='\u{481}' | '\u{48A}'..='\u{4FF}' => true,
        // ASCII, and the dashes, quotes and spaces of General Punctuation
        _ if c.is_ascii() || ('\u{2000}'..='\u{206F}').contains(&c) => false,
        _ => c.is_alphabetic(),
    }
}

#[inline]
pub(crate) fn is_upper(c: char) -> bool {
    match c {
        'A'..='Z' | '\u{400}'..='\u{42F}' => true,
        'a'..='z' | '\u{430}'..='\u{45F}' => false,
        _ if c.is_ascii() => false,
        _ => c.is_uppercase(),
    }
}

#[inline]
pub(crate) fn is_lower(c: char) -> bool {
    match c {
        'a'..='z' | '\u{430}'..='\u{45F}' => true,
        'A'..='Z' | '\u{400}'..='\u{42F}' => false,
        _ if c.is_ascii() => false,
        _ => c.is_lowercase(),
    }
}

/// Stem of a word for the lexicon: lowercase, first 5 letters.
pub(crate) fn stem(word: &str) -> Stem {
    let mut s: Stem = 0;
    let mut n = 0;
    for c in word.chars() {
        if c == SOFT_HYPHEN {
            continue;
        }
        s = (s << 21) | lower(c) as u128;
        n += 1;
        if n == 5 {
            break;
        }
    }
    s
}

/// A number's key: its digits without leading zeros (`12,5`, `12.5` and `125`
/// are the same), exact up to 18 digits, hashed beyond.
fn num_key(digits: &[u8]) -> u64 {
    let d = match digits.iter().position(|&b| b != b'0') {
        Some(p) => &digits[p..],
        None => return 0,
    };
    if d.len() <= 18 {
        d.iter().fold(0u64, |v, &b| v * 10 + (b - b'0') as u64)
    } else {
        let h = d.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
            (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
        });
        h | (1 << 63)
    }
}

/// The sentence quotes something.
pub(crate) const QUOTE: u8 = 1;
/// The sentence has a parenthesis.
pub(crate) const PAREN: u8 = 2;
/// The sentence has a colon.
pub(crate) const COLON: u8 = 4;

/// The sentence has a semicolon: two clauses that could each be a sentence.
pub(crate) const SEMI: u8 = 1;
/// How many [`Feats::typo`] bits there are.
pub(crate) const TYPO_BITS: usize = 1;

/// U+00AD, which Kazakh news sites put inside words (`қала\u{ad}сынан`): part of the word, not a letter.
const SOFT_HYPHEN: char = '\u{ad}';

/// Read a sentence. `kazakh` selects the stop-word handling. (The same
/// reading as [`raw_plain`], each character decoded once where that read
/// it up to three times; the tests compare the two.)
pub(crate) fn raw(text: &str, kazakh: bool) -> Raw {
    let mut r = Raw::default();
    let (len, marks, typo) = counts(text);
    r.len = len as f32;
    r.marks = marks;
    r.typo = typo;
    let end = text.trim_end_matches(['"', '»', '”', ')', '\'', '’', ' ']);
    r.question = end.ends_with('?');
    r.exclaim = end.ends_with('!');
    let b = text.as_bytes();
    let table = classes();
    let mut i = 0;
    let mut first_word = true;
    let mut digits: Vec<u8> = Vec::new();
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let j = number_at(text, i, &mut digits);
            r.nums.push(match scale_after(&text[j..]) {
                Some(zeros) => scaled_key(&b[i..j], zeros).unwrap_or_else(|| num_key(&digits)),
                None => num_key(&digits),
            });
            i = j;
            continue;
        }
        let (c, w) = decode_at(b, i);
        let cc = class(table, c);
        if cc & LETTER != 0 {
            // the word's end, letters, whether it has no lowercase letter,
            // and its stem ([`stem`]), in one pass
            let (mut j, mut n, mut caps, mut st) = (i, 0usize, true, 0 as Stem);
            while j < b.len() {
                let (d, dw) = decode_at(b, j);
                let dc = class(table, d);
                if !(dc & LETTER != 0 || d == '\'' || d == '’' || d == SOFT_HYPHEN) {
                    break;
                }
                if d != SOFT_HYPHEN {
                    n += 1;
                    caps &= dc & LOWER == 0;
                    if n <= 5 {
                        st = (st << 21) | (dc & LOWERCASE) as u128;
                    }
                }
                j += dw;
            }
            let word = &text[i..j];
            if (cc & UPPER != 0 && !first_word && n >= 3) || (n >= 2 && caps) {
                let key = name_key(word);
                let grams = ascii_bigrams(&key);
                r.names.push(Name { key, grams });
            } else if n >= 5 && (kazakh || !is_stop(word)) {
                if let Some(k) = cognate_key(word) {
                    r.cogs.push(k);
                }
            }
            if n >= 3 && (kazakh || !is_stop(word)) {
                r.stems.push(st);
            }
            first_word = false;
            i = j;
            continue;
        }
        i += w;
    }
    r
}

/// Characters below this have their class in [`classes`].
const CLASSED: usize = 0x500;
/// A class's bits: [`lower`] of the character (21 bits), and whether it is
/// [`is_letter`], [`is_upper`], [`is_lower`].
const LOWERCASE: u32 = (1 << 21) - 1;
const LETTER: u32 = 1 << 24;
const UPPER: u32 = 1 << 25;
const LOWER: u32 = 1 << 26;

/// The class of every character below [`CLASSED`] (ASCII, Latin-1,
/// Cyrillic), from the functions it stands for: one lookup a character in
/// a word where those took a test each.
fn classes() -> &'static [u32; CLASSED] {
    static TABLE: std::sync::OnceLock<Box<[u32; CLASSED]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Box::new([0u32; CLASSED]);
        for (x, e) in t.iter_mut().enumerate() {
            // (U+0000–U+04FF holds no surrogate: every one is a char)
            *e = char::from_u32(x as u32).map_or(0, full_class);
        }
        t
    })
}

/// A character's class, computed.
fn full_class(c: char) -> u32 {
    let bit = |yes: bool, b: u32| if yes { b } else { 0 };
    lower(c) as u32 | bit(is_letter(c), LETTER) | bit(is_upper(c), UPPER) | bit(is_lower(c), LOWER)
}

/// `c`'s class ([`classes`]), or for a character above the table, 0 when
/// it is neither a letter nor `’` (the rest of the class is not read then).
#[inline(always)]
fn class(table: &[u32; CLASSED], c: char) -> u32 {
    match table.get(c as usize) {
        Some(&x) => x,
        None if c == '’' || is_letter(c) => full_class(c),
        None => 0,
    }
}

/// Characters that are not whitespace, the marks ([`QUOTE`], [`PAREN`],
/// [`COLON`]) and the shape ([`SEMI`]) of a sentence: every whitespace
/// character and mark outside ASCII starts with one of four bytes, so only
/// those characters are decoded (a Cyrillic letter is counted by its first
/// byte).
fn counts(text: &str) -> (u32, u8, u8) {
    let b = text.as_bytes();
    let (mut len, mut marks, mut typo) = (0u32, 0u8, 0u8);
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            len += !matches!(x, b' ' | b'\t'..=b'\r') as u32;
            marks |= match x {
                b'"' => QUOTE,
                b'(' | b')' => PAREN,
                b':' => COLON,
                _ => 0,
            };
            typo |= if x == b';' { SEMI } else { 0 };
            i += 1;
        } else if matches!(x, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
            // U+0080–U+00BF, U+1xxx, U+2xxx, U+3xxx: the spaces, `«»“”„`
            let (c, w) = decode_at(b, i);
            len += !c.is_whitespace() as u32;
            if matches!(c, '«' | '»' | '“' | '”' | '„') {
                marks |= QUOTE;
            }
            i += w;
        } else {
            len += 1;
            i += utf8_width(x);
        }
    }
    (len, marks, typo)
}

/// Bytes of the UTF-8 character whose first byte is `x` (not a continuation byte).
#[inline]
fn utf8_width(x: u8) -> usize {
    match x {
        0..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// The character starting at byte `i` of the UTF-8 bytes `b` (of a `str`,
/// `i` on a character boundary) and its width.
#[inline]
fn decode_at(b: &[u8], i: usize) -> (char, usize) {
    let x = b[i];
    if x < 0x80 {
        return (x as char, 1);
    }
    let w = utf8_width(x);
    let lead = (x as u32) & (0x7F >> w);
    let v = b[i + 1..i + w]
        .iter()
        .fold(lead, |v, &y| (v << 6) | (y & 0x3F) as u32);
    (char::from_u32(v).unwrap_or(char::REPLACEMENT_CHARACTER), w)
}

/// The end of the number starting at byte `i` of `text` (an ASCII digit),
/// its digits put in `digits`: digits with `,` or `.` between them, and a
/// thousands space between a group of 1–3 digits and exactly three more.
fn number_at(text: &str, i: usize, digits: &mut Vec<u8>) -> usize {
    let b = text.as_bytes();
    digits.clear();
    let mut j = i;
    let mut group = 0usize;
    loop {
        while j < b.len()
            && (b[j].is_ascii_digit()
                || (matches!(b[j], b',' | b'.') && j + 1 < b.len() && b[j + 1].is_ascii_digit()))
        {
            if b[j].is_ascii_digit() {
                digits.push(b[j]);
                group += 1;
            } else {
                group = 0;
            }
            j += 1;
        }
        // a space (or no-break / thin space) between a group of 1–3 digits
        // and exactly three more is a thousands separator: `42 700` is `42,700`
        let sep = thousands_space(&b[j..]);
        if group <= 3 && sep > 0 && three_digits(&b[j + sep..]) {
            j += sep;
            group = 0;
            continue;
        }
        return j;
    }
}

/// [`bigrams`] of a key of ASCII letters ([`name_key`]'s), without
/// collecting its characters first.
fn ascii_bigrams(key: &str) -> Vec<(char, char)> {
    debug_assert!(key.is_ascii());
    let mut g: Vec<(char, char)> = key
        .as_bytes()
        .windows(2)
        .map(|w| (w[0] as char, w[1] as char))
        .collect();
    g.sort_unstable();
    g
}

/// [`raw`] as first written, one character class test after another: the
/// reference the faster reading is tested against.
#[cfg(test)]
pub(crate) fn raw_plain(text: &str, kazakh: bool) -> Raw {
    let mut r = Raw::default();
    let mut len = 0u32;
    for c in text.chars() {
        len += !c.is_whitespace() as u32;
        r.marks |= match c {
            '"' | '«' | '»' | '“' | '”' | '„' => QUOTE,
            '(' | ')' => PAREN,
            ':' => COLON,
            _ => 0,
        };
        if c == ';' {
            r.typo |= SEMI;
        }
    }
    r.len = len as f32;
    let end = text.trim_end_matches(['"', '»', '”', ')', '\'', '’', ' ']);
    r.question = end.ends_with('?');
    r.exclaim = end.ends_with('!');
    let b = text.as_bytes();
    let mut i = 0;
    let mut first_word = true;
    let mut digits: Vec<u8> = Vec::new();
    while i < b.len() {
        if b[i].is_ascii_digit() {
            digits.clear();
            let mut j = i;
            let mut group = 0usize;
            loop {
                while j < b.len()
                    && (b[j].is_ascii_digit()
                        || (matches!(b[j], b',' | b'.') && j + 1 < b.len() && b[j + 1].is_ascii_digit()))
                {
                    if b[j].is_ascii_digit() {
                        digits.push(b[j]);
                        group += 1;
                    } else {
                        group = 0;
                    }
                    j += 1;
                }
                // a space (or no-break / thin space) between a group of 1–3 digits
                // and exactly three more is a thousands separator: `42 700` is `42,700`
                let sep = thousands_space(&b[j..]);
                if group <= 3 && sep > 0 && three_digits(&b[j + sep..]) {
                    j += sep;
                    group = 0;
                    continue;
                }
                break;
            }
            // `16 мың`, `120 million`, `1,5 млрд`: the number written out, so
            // that it meets `16,000` on the other side
            let key = match scale_after(&text[j..]) {
                Some(zeros) => scaled_key(&b[i..j], zeros).unwrap_or_else(|| num_key(&digits)),
                None => num_key(&digits),
            };
            r.nums.push(key);
            i = j;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if is_letter(c) {
            let mut j = i;
            let mut n = 0usize;
            let mut caps = true;
            for (k, d) in text[i..].char_indices() {
                if !(is_letter(d) || d == '\'' || d == '’' || d == SOFT_HYPHEN) {
                    j = i + k;
                    break;
                }
                if d != SOFT_HYPHEN {
                    n += 1;
                    caps &= !is_lower(d);
                }
                j = i + k + d.len_utf8();
            }
            let word = &text[i..j];
            if (is_upper(c) && !first_word && n >= 3) || (n >= 2 && caps) {
                let key = name_key(word);
                let grams = bigrams(&key);
                r.names.push(Name { key, grams });
            } else if n >= 5 && (kazakh || !is_stop(word)) {
                if let Some(k) = cognate_key(word) {
                    r.cogs.push(k);
                }
            }
            if n >= 3 && (kazakh || !is_stop(word)) {
                r.stems.push(stem(word));
            }
            first_word = false;
            i = j;
            continue;
        }
        i += c.len_utf8();
    }
    r
}

/// A loose key for loanwords shared by Kazakh and English (`элеватор` ~
/// `elevator`, `сертификат` ~ `certificate`, `коммуналдық` ~ `communal`,
/// `автомобиль` ~ `automobile`): the word transliterated to Latin, spelling
/// variants merged (`c`/`k`/`s`, `ph`/`f`, `th`/`t`, `ts`/`s`, `z`/`s`, `v`/`u`,
/// `y`/`i`, doubled letters), first five letters packed into an integer.
/// `None` when the key is shorter than five letters.
pub(crate) fn cognate_key(word: &str) -> Option<u64> {
    // transliterate the first letters into a small buffer
    let mut t = [0u8; 24];
    let mut n = 0;
    for c in word.chars().filter(|&c| c != SOFT_HYPHEN).take(10) {
        let c = lower(c);
        let s = if c.is_ascii_alphabetic() {
            // a one-letter string for an ASCII letter
            &"abcdefghijklmnopqrstuvwxyz"[(c as u8 - b'a') as usize..][..1]
        } else {
            translit(c)
        };
        for &b in s.as_bytes() {
            if n < t.len() {
                t[n] = b;
                n += 1;
            }
        }
    }
    let t = &t[..n];
    let mut key = 0u64;
    let (mut len, mut last) = (0, 0u8);
    let mut i = 0;
    while i < t.len() && len < 5 {
        let next = t.get(i + 1).copied().unwrap_or(0);
        let (b, step) = match (t[i], next) {
            (b'p', b'h') => (b'f', 2),
            (b't', b'h') => (b't', 2),
            (b't', b's') => (b's', 2),
            (b'c', b'k') => (b'k', 2),
            (b'c', b'e' | b'i' | b'y') => (b's', 1),
            (b'c' | b'q', _) => (b'k', 1),
            (b'z', _) => (b's', 1),
            (b'v' | b'w', _) => (b'u', 1),
            (b'y', _) => (b'i', 1),
            (b, _) => (b, 1),
        };
        i += step;
        if b == last {
            continue;
        }
        last = b;
        key = (key << 8) | b as u64;
        len += 1;
    }
    (len == 5).then_some(key)
}

/// Length of a space that can separate thousands at the start of `b`, or 0.
fn thousands_space(b: &[u8]) -> usize {
    match b {
        [b' ', ..] => 1,
        [0xC2, 0xA0, ..] => 2,              // U+00A0 no-break space
        [0xE2, 0x80, 0x89 | 0xAF, ..] => 3, // U+2009 thin space, U+202F narrow no-break space
        _ => 0,
    }
}

/// How many zeros the word after a number stands for: `мың` (and its forms,
/// `мыңнан`, `мыңға`), `миллион`, `млн`, `миллиард`, `млрд`, `триллион`,
/// `трлн`; `thousand`, `million`, `mln`, `billion`, `bn`, `trillion`.
/// `None` when the next word is none of these (or there is no space before it).
fn scale_after(rest: &str) -> Option<u32> {
    let word = rest.strip_prefix([' ', '\u{a0}', '\u{2009}', '\u{202f}'])?;
    let end = word.find(|c: char| !c.is_alphabetic()).unwrap_or(word.len());
    let w = &word[..end];
    // (compared without a lowercased copy: this runs after every number)
    let begins = |s: &str| {
        let mut cs = w.chars().flat_map(char::to_lowercase);
        s.chars().all(|c| cs.next() == Some(c))
    };
    let is = |s: &str| w.chars().count() == s.chars().count() && begins(s);
    const SCALES: [(&str, u32, bool); 13] = [
        // (beginning, zeros, the whole word only)
        ("мың", 3, false),
        ("миллион", 6, false),
        ("млн", 6, true),
        ("миллиард", 9, false),
        ("млрд", 9, true),
        ("триллион", 12, false),
        ("трлн", 12, true),
        ("thousand", 3, false),
        ("million", 6, false),
        ("mln", 6, true),
        ("billion", 9, false),
        ("bn", 9, true),
        ("trillion", 12, false),
    ];
    // `мыңдаған` (thousands of) after a number is not a scale (`5 мыңдаған`
    // does not occur), but keep to the plain forms: no `-даған`/`-дай`
    if w.is_empty() || begins("мыңда") {
        return None;
    }
    SCALES
        .iter()
        .find(|(s, _, whole)| if *whole { is(s) } else { begins(s) })
        .map(|&(_, zeros, _)| zeros)
}

/// The key of number `num` (its bytes as written: digits, `,` `.`, thousands
/// spaces) times `10^zeros`: a last separator followed by one or two digits
/// is the decimal point (`1,5 млн`, `2.75 billion`); `None` when that does
/// not come out whole.
fn scaled_key(num: &[u8], zeros: u32) -> Option<u64> {
    let last_sep = num.iter().rposition(|&c| c == b',' || c == b'.');
    let (int, frac): (Vec<u8>, Vec<u8>) = match last_sep {
        Some(p) if (2..=3).contains(&(num.len() - p)) => (
            num[..p].iter().copied().filter(u8::is_ascii_digit).collect(),
            num[p + 1..].to_vec(),
        ),
        _ => (
            num.iter().copied().filter(u8::is_ascii_digit).collect(),
            Vec::new(),
        ),
    };
    if frac.len() as u32 > zeros || int.len() > 6 {
        return None;
    }
    let mut digits = int;
    digits.extend_from_slice(&frac);
    digits.extend(std::iter::repeat_n(b'0', (zeros - frac.len() as u32) as usize));
    Some(num_key(&digits))
}

/// `b` starts with exactly three digits (not followed by another digit or a
/// decimal part that would make it a separate number).
fn three_digits(b: &[u8]) -> bool {
    b.len() >= 3 && b[..3].iter().all(u8::is_ascii_digit) && !b.get(3).is_some_and(u8::is_ascii_digit)
}

/// An English stop word (compared in lowercase).
pub(crate) fn is_stop(word: &str) -> bool {
    // every stop word has 3 to 5 ASCII letters: a word packed into a u64 is
    // looked up in the packed, sorted list
    if !(3..=5).contains(&word.len()) {
        return false;
    }
    let key = pack_lower(word.as_bytes());
    stop_keys().binary_search(&key).is_ok()
}

/// Up to 8 bytes, ASCII-lowercased, packed into an integer (first byte highest).
fn pack_lower(w: &[u8]) -> u64 {
    w.iter()
        .fold(0u64, |k, &c| (k << 8) | c.to_ascii_lowercase() as u64)
}

fn stop_keys() -> &'static [u64] {
    static KEYS: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let mut v: Vec<u64> = EN_STOP.iter().map(|w| pack_lower(w.as_bytes())).collect();
        v.sort_unstable();
        v
    })
}
