//! What the aligner sees of a sentence: its length, numbers, names and words.

use rustc_hash::FxHashMap as HashMap;

/// Features of one sentence.
#[derive(Clone, Debug, Default)]
pub(crate) struct Feats {
    /// Characters (not bytes), whitespace excluded.
    pub len: f32,
    /// Numbers as digit strings (separators dropped: `12,5` and `12.5` are both `125`).
    pub nums: Vec<u32>,
    /// Proper-name and acronym keys (Latin transliteration), ids shared across languages within a document.
    pub names: Vec<u32>,
    /// Content word stems (lowercase, first 5 letters), as ids in a per-language vocabulary.
    pub stems: Vec<u32>,
    /// Ends with `?` or `!` (ignoring closing quotes and brackets).
    pub question: bool,
    pub exclaim: bool,
}

/// Interning of strings into ids.
#[derive(Default, Debug, Clone)]
pub(crate) struct Vocab {
    ids: HashMap<String, u32>,
}

impl Vocab {
    pub fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.ids.len() as u32;
        self.ids.insert(s.to_string(), i);
        i
    }

    pub fn get(&self, s: &str) -> Option<u32> {
        self.ids.get(s).copied()
    }
}

const EN_STOP: &[&str] = &[
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
    let mut s = String::new();
    for c in word.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphabetic() {
            s.push(c);
        } else {
            s.push_str(translit(c));
        }
    }
    let s = s
        .replace("yu", "u")
        .replace("ya", "a")
        .replace("ce", "se")
        .replace("ci", "si")
        .replace("kh", "h")
        .replace("ph", "f")
        .replace("ck", "k")
        .replace('q', "k")
        .replace('w', "u")
        .replace('j', "zh");
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            'c' => 'k',
            'y' => 'i',
            'x' => 'k',
            c => c,
        };
        if out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

/// The sorted character bigrams of a string.
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

/// Raw features before ids are given to names.
#[derive(Default)]
pub(crate) struct Raw {
    pub len: f32,
    pub nums: Vec<String>,
    pub names: Vec<String>,
    pub stems: Vec<String>,
    pub question: bool,
    pub exclaim: bool,
}

/// Stem of a word for the lexicon: lowercase, first 5 letters.
pub(crate) fn stem(word: &str) -> String {
    word.chars().flat_map(char::to_lowercase).take(5).collect()
}

/// Read a sentence. `kazakh` selects the stop-word handling.
pub(crate) fn raw(text: &str, kazakh: bool) -> Raw {
    let mut r = Raw {
        len: text.chars().filter(|c| !c.is_whitespace()).count() as f32,
        ..Default::default()
    };
    let end = text.trim_end_matches(['"', '»', '”', ')', '\'', '’', ' ']);
    r.question = end.ends_with('?');
    r.exclaim = end.ends_with('!');
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut first_word = true;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let mut num = String::new();
            let mut j = i;
            while j < chars.len()
                && (chars[j].is_ascii_digit()
                    || (matches!(chars[j], ',' | '.')
                        && j + 1 < chars.len()
                        && chars[j + 1].is_ascii_digit()))
            {
                if chars[j].is_ascii_digit() {
                    num.push(chars[j]);
                }
                j += 1;
            }
            let num = num.trim_start_matches('0').to_string();
            r.nums.push(if num.is_empty() { "0".into() } else { num });
            i = j;
            continue;
        }
        if c.is_alphabetic() {
            let mut j = i;
            while j < chars.len() && (chars[j].is_alphabetic() || chars[j] == '\'' || chars[j] == '’') {
                j += 1;
            }
            let word: String = chars[i..j].iter().collect();
            let n = word.chars().count();
            let upper = c.is_uppercase();
            let all_caps = n >= 2 && word.chars().all(|c| !c.is_lowercase());
            if (upper && !first_word && n >= 3) || all_caps {
                r.names.push(word.clone());
            }
            let lower = word.to_lowercase();
            if n >= 3 && (kazakh || !EN_STOP.contains(&lower.as_str())) {
                r.stems.push(stem(&word));
            }
            first_word = false;
            i = j;
            continue;
        }
        i += 1;
    }
    r
}
