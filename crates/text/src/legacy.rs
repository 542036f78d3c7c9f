//! Passes 1 and 2: text that went through the wrong 8-bit code page.

use crate::{Builder, Lang, PassOut, Rule};

/// cp1251 bytes 0x80..=0xFF as Unicode scalar values (0: undefined).
const CP1251: [u16; 128] = [
    1026, 1027, 8218, 1107, 8222, 8230, 8224, 8225, 8364, 8240, 1033, 8249, 1034, 1036, 1035, 1039, 1106,
    8216, 8217, 8220, 8221, 8226, 8211, 8212, 0, 8482, 1113, 8250, 1114, 1116, 1115, 1119, 160, 1038, 1118,
    1032, 164, 1168, 166, 167, 1025, 169, 1028, 171, 172, 173, 174, 1031, 176, 177, 1030, 1110, 1169, 181,
    182, 183, 1105, 8470, 1108, 187, 1112, 1029, 1109, 1111, 1040, 1041, 1042, 1043, 1044, 1045, 1046, 1047,
    1048, 1049, 1050, 1051, 1052, 1053, 1054, 1055, 1056, 1057, 1058, 1059, 1060, 1061, 1062, 1063, 1064,
    1065, 1066, 1067, 1068, 1069, 1070, 1071, 1072, 1073, 1074, 1075, 1076, 1077, 1078, 1079, 1080, 1081,
    1082, 1083, 1084, 1085, 1086, 1087, 1088, 1089, 1090, 1091, 1092, 1093, 1094, 1095, 1096, 1097, 1098,
    1099, 1100, 1101, 1102, 1103,
];

/// cp1252 bytes 0x80..=0x9F (0: undefined; 0xA0..=0xFF equal Latin-1).
const CP1252_HIGH: [u16; 32] = [
    8364, 0, 8218, 402, 8222, 8230, 8224, 8225, 710, 8240, 352, 8249, 338, 0, 381, 0, 0, 8216, 8217, 8220,
    8221, 8226, 8211, 8212, 732, 8482, 353, 8250, 339, 0, 382, 376,
];

fn byte_in(table: &[u16], offset: u8, c: char) -> Option<u8> {
    table
        .iter()
        .position(|&u| u != 0 && u as u32 == c as u32)
        .map(|i| i as u8 + offset)
}

/// The byte a character stood for when UTF-8 was decoded with `page`.
fn to_byte(c: char, page: Page) -> Option<u8> {
    if c.is_ascii() {
        return Some(c as u8);
    }
    match page {
        // А..я sit at 0xC0..0xFF in cp1251
        Page::Cp1251 if ('А'..='я').contains(&c) => Some((c as u32 - 'А' as u32 + 0xC0) as u8),
        // 0x98 is the one byte cp1251 leaves undefined (the second byte of
        // `И` D0 98 and `Ә` D3 98): lenient decoders pass it through as
        // U+0098, others put U+FFFD in its place; both stand for that byte
        Page::Cp1251 if c == '\u{98}' || c == '\u{FFFD}' => Some(0x98),
        Page::Cp1251 => cp1251_high(c as u32),
        Page::Cp1252 => byte_in(&CP1252_HIGH, 0x80, c).or_else(|| {
            let u = c as u32;
            // Latin-1 proper, and the C1 controls that lenient decoders let through
            (0x80..=0xFF).contains(&u).then_some(u as u8)
        }),
    }
}

#[derive(Clone, Copy)]
enum Page {
    Cp1251,
    Cp1252,
}

/// Characters with the input range each one stands for.
type Mapped = Vec<(char, std::ops::Range<usize>)>;

/// If `token` (characters with their input ranges) is UTF-8 misread through
/// `page`, the repaired characters, each with the input range of the
/// characters it was misread as.
fn redecode(token: &[(char, std::ops::Range<usize>)], page: Page) -> Option<Mapped> {
    let mut bytes = Vec::with_capacity(token.len());
    let mut src = Vec::with_capacity(token.len());
    for (c, r) in token {
        bytes.push(to_byte(*c, page)?);
        src.push(r.clone());
    }
    if bytes.iter().filter(|b| **b >= 0x80).count() < 2 {
        return None;
    }
    let s = std::str::from_utf8(&bytes).ok()?;
    // evidence: valid UTF-8 in fewer characters, holding Cyrillic letters or
    // typographic characters (dashes, quotes, `№`, invisible ones), and nothing
    // from other scripts (a KZ-1048 byte run can happen to be valid UTF-8 for a CJK character)
    let typographic = |c: char| {
        ('\u{2000}'..='\u{214F}').contains(&c) || ('\u{00A0}'..='\u{00FF}').contains(&c) || c == '\u{FEFF}'
    };
    // Cyrillic, and the Latin schwa and barred o that stand in for Kazakh letters
    let cyrillic = |c: char| ('\u{0400}'..='\u{04FF}').contains(&c) || crate::script::stands_for_kazakh(c);
    // a C1 control (U+0080–U+009F) is telling too: its UTF-8 bytes `C2 80`–`C2 9F`
    // read as cp1251 are `В` and a quote, a dash or `њ`, as Latin-1 `Â` and
    // the control itself, and no text writes those pairs inside a word (the
    // cleanup pass then removes the control)
    let c1 = |c: char| ('\u{80}'..='\u{9F}').contains(&c);
    let telling = s.chars().any(|c| cyrillic(c) || typographic(c) || c1(c));
    // combining marks come from text decomposed before it was misread
    // (`РёМ†` is `и` + U+0306); the cleanup pass composes them (NFC)
    let combining = |c: char| ('\u{0300}'..='\u{036F}').contains(&c);
    let foreign = s
        .chars()
        .any(|c| !c.is_ascii() && !cyrillic(c) && !typographic(c) && !c.is_control() && !combining(c));
    if !telling || foreign || s.chars().count() >= token.len() {
        return None;
    }
    Some(
        s.char_indices()
            .map(|(b, c)| (c, src[b].start..src[b + c.len_utf8() - 1].end))
            .collect(),
    )
}

/// Could `s` hold a misread UTF-8 continuation byte? Those bytes (0x80–0xBF)
/// read as cp1251 are `Ђ … џ`, quotes, dashes, `Ё ё І і «»` and the like, and
/// as Latin-1 the characters U+0080–U+00BF.
fn has_lead(s: &str) -> bool {
    s.chars().any(has_lead_char)
}

/// [`has_lead`] of one character.
fn has_lead_char(c: char) -> bool {
    let u = c as u32;
    // (`А`..`я`, most of a Cyrillic text, are cp1251's 0xC0..=0xFF: no look-up)
    (0x80..=0xBF).contains(&u)
        || u == 0xFFFD
        || (u >= 0x400 && !(0x410..=0x44F).contains(&u) && cp1251_high(u).is_some())
}

/// The characters of cp1251 bytes 0x80..=0xBF with their bytes, sorted by
/// character (for [`cp1251_high`]).
const CP1251_HIGH_SORTED: [(u16, u8); 63] = {
    let mut t = [(0u16, 0u8); 63];
    let mut n = 0;
    let mut i = 0;
    while i < 64 {
        if CP1251[i] != 0 {
            t[n] = (CP1251[i], 0x80 + i as u8);
            n += 1;
        }
        i += 1;
    }
    // insertion sort (a const fn)
    let mut a = 1;
    while a < 63 {
        let mut b = a;
        while b > 0 && t[b - 1].0 > t[b].0 {
            let x = t[b];
            t[b] = t[b - 1];
            t[b - 1] = x;
            b -= 1;
        }
        a += 1;
    }
    t
};

/// The cp1251 byte 0x80..=0xBF whose character is `u`.
fn cp1251_high(u: u32) -> Option<u8> {
    let u = u16::try_from(u).ok()?;
    let i = CP1251_HIGH_SORTED.binary_search_by_key(&u, |x| x.0).ok()?;
    Some(CP1251_HIGH_SORTED[i].1)
}

/// Could `token` be UTF-8 misread through `page` at all? Valid UTF-8 with
/// bytes above 0x7F holds a whole multi-byte sequence: a lead byte
/// (0xC2..=0xF4) and the one to three continuation bytes (0x80..=0xBF) it
/// announces. Without the characters of one, or with a character the page
/// has no byte for, [`redecode`] finds nothing.
fn may_redecode(token: &str, page: Page) -> bool {
    let mut need = 0u8; // continuation bytes still wanted after a lead
    let mut whole = false;
    for c in token.chars() {
        let Some(b) = to_byte(c, page) else {
            return false;
        };
        if whole {
            continue;
        }
        if need > 0 && (0x80..=0xBF).contains(&b) {
            need -= 1;
            whole = need == 0;
            continue;
        }
        need = match b {
            0xC2..=0xDF => 1,
            0xE0..=0xEF => 2,
            0xF0..=0xF4 => 3,
            _ => 0,
        };
    }
    whole
}

/// Pass 1: re-decode tokens (runs between ASCII whitespace) that are UTF-8 read as cp1251 or cp1252/Latin-1.
pub(crate) fn mojibake(input: &str, lang: Lang) -> Option<PassOut> {
    if lang == Lang::En && !input.contains(['Ð', 'Ñ']) {
        return None;
    }
    if input.is_ascii() || !has_lead(input) {
        return None;
    }
    let mut fixes = Vec::new();
    let mut start = None;
    for (i, c) in input.char_indices().chain(std::iter::once((input.len(), ' '))) {
        if c.is_ascii_whitespace() {
            if let Some(s) = start.take() {
                let tok = &input[s..i];
                if has_lead(tok) && (may_redecode(tok, Page::Cp1251) || may_redecode(tok, Page::Cp1252)) {
                    // text can be misread more than once (UTF-8 → cp1251 → Latin-1 …): peel layers
                    let mut cur: Mapped = tok
                        .char_indices()
                        .map(|(k, c)| (c, s + k..s + k + c.len_utf8()))
                        .collect();
                    let mut fixed = false;
                    for _ in 0..3 {
                        match redecode(&cur, Page::Cp1251).or_else(|| redecode(&cur, Page::Cp1252)) {
                            Some(next) => {
                                cur = next;
                                fixed = true;
                            }
                            None => break,
                        }
                    }
                    // Kazakh UTF-8 misread as cp1251 gives `Т` or `У` and a sign
                    // (`Т›` for `қ`, `Т±` for `ұ`), while genuine Kazakh letters can
                    // happen to spell a valid sequence for another language's
                    // letter (`Ті` is D2 B3, the Tajik `ҳ`): in Kazakh text, a
                    // repair that ends with a letter of the extended Cyrillic
                    // block (U+0460–U+04FF) that Kazakh does not use was no
                    // misreading. (Letters of cp1251, U+0400–U+045F and `Ґ ґ`,
                    // may stay: text misread from KZ-1048 has them until its
                    // own pass, and the layers between hold them: `ТЇ` is `ү`.)
                    let foreign = lang == Lang::Kk && cur.iter().any(|(c, _)| not_kazakh_extended(*c));
                    if fixed && !foreign {
                        fixes.push((s..i, cur));
                    }
                }
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if fixes.is_empty() {
        return None;
    }
    let mut out = Builder::for_input(input);
    let mut at = 0;
    for (r, fixed) in fixes {
        out.keep(input, at..r.start);
        let to: String = fixed.iter().map(|(c, _)| *c).collect();
        out.change(Rule::Mojibake, r.clone(), &input[r.clone()], &to);
        for (c, src) in fixed {
            out.push_str(c.encode_utf8(&mut [0; 4]), src);
        }
        at = r.end;
    }
    out.keep(input, at..input.len());
    Some(out.finish(input.len()))
}

/// KZ-1048 letters misread as cp1251, and what they stand for.
fn kz1048_letter(c: char) -> Option<char> {
    Some(match c {
        'Ј' => 'Ә',
        'ј' => 'ә',
        'Є' => 'Ғ',
        'є' => 'ғ',
        'Ќ' => 'Қ',
        'ќ' => 'қ',
        'Ѕ' => 'Ң',
        'ѕ' => 'ң',
        'Ґ' => 'Ө',
        'ґ' => 'ө',
        'Ў' => 'Ұ',
        'ў' => 'ұ',
        'Ї' => 'Ү',
        'ї' => 'ү',
        'Ћ' => 'Һ',
        'ћ' => 'һ',
        _ => return None,
    })
}

/// A letter of Cyrillic past cp1251's (U+0460–U+04FF, but `Ґ ґ`) that is not
/// one of Kazakh's nine ([`is_kazakh_letter`]) nor a variant the script pass
/// turns into one (`Ӊ ӊ`): `ҳ ӯ ҷ җ ҙ ӝ …`.
fn not_kazakh_extended(c: char) -> bool {
    ('\u{0460}'..='\u{04FF}').contains(&c)
        && !matches!(c, 'Ґ' | 'ґ')
        && !is_kazakh_letter(c)
        && crate::script::kazakh_variant(c).is_none()
}

fn is_kazakh_letter(c: char) -> bool {
    matches!(
        c,
        'Ә' | 'ә' | 'Ғ' | 'ғ' | 'Қ' | 'қ' | 'Ң' | 'ң' | 'Ө' | 'ө' | 'Ұ' | 'ұ' | 'Ү' | 'ү' | 'Һ' | 'һ'
    )
}

/// Pass 2: KZ-1048 read as cp1251, repaired line by line where the evidence is
/// clear: the line has none of the real Kazakh letters (a misread line has
/// lost them all) and at least two misread ones (one for `Lang::Kk`), each
/// inside a Cyrillic word.
pub(crate) fn kz1048(input: &str, lang: Lang) -> Option<PassOut> {
    if lang == Lang::En || input.is_ascii() || !input.chars().any(|c| kz1048_letter(c).is_some()) {
        return None;
    }
    let need = if lang == Lang::Kk { 1 } else { 2 };
    let mut out = Builder::for_input(input);
    let mut changed = false;
    let mut start = 0;
    for line in input.split_inclusive('\n') {
        let suspects = line.chars().filter(|&c| kz1048_letter(c).is_some()).count();
        let clean = !line.chars().any(is_kazakh_letter);
        let fix = clean && suspects >= need;
        if !fix {
            out.keep(input, start..start + line.len());
            start += line.len();
            continue;
        }
        for (i, c) in line.char_indices() {
            let r = start + i..start + i + c.len_utf8();
            match kz1048_letter(c).filter(|_| fix) {
                Some(k) => {
                    changed = true;
                    out.replace(Rule::Kz1048, input, r, k.encode_utf8(&mut [0; 4]));
                }
                None => out.keep(input, r),
            }
        }
        start += line.len();
    }
    changed.then(|| out.finish(input.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_byte_lookup_agrees_with_the_table_scan_on_every_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for page in [Page::Cp1251, Page::Cp1252] {
                // the table scanned, as `to_byte` looked it up before
                let scanned = match page {
                    Page::Cp1251
                        if !c.is_ascii() && !('А'..='я').contains(&c) && c != '\u{98}' && c != '\u{FFFD}' =>
                    {
                        byte_in(&CP1251[..64], 0x80, c)
                    }
                    _ => to_byte(c, page),
                };
                assert_eq!(to_byte(c, page), scanned, "{c:?}");
            }
            let u = c as u32;
            let scan = u >= 0x400 && CP1251[..64].iter().any(|&x| x as u32 == u);
            assert_eq!(cp1251_high(u).is_some() && u >= 0x400, scan, "{c:?}");
            let lead = (0x80..=0xBF).contains(&u) || u == 0xFFFD || scan;
            assert_eq!(has_lead_char(c), lead, "{c:?}");
        }
    }

    #[test]
    fn only_tokens_holding_a_whole_utf8_sequence_may_be_misread() {
        // `Қазақ` read as cp1251: `Т›` is D2 9B, a lead and its continuation
        assert!(may_redecode("Т›Р°Р·Р°Т›", Page::Cp1251));
        // a Kazakh word: `ә` has no cp1251 byte
        assert!(!may_redecode("бәрі", Page::Cp1251));
        // `сі`: F1 B3, a four-byte lead with one continuation only
        assert!(!may_redecode("сіз", Page::Cp1251));
        // as Latin-1: `Ð°` is D0 B0 (`а`)
        assert!(may_redecode("Ð°", Page::Cp1252));
        assert!(!may_redecode("Ð", Page::Cp1252));
    }
}
