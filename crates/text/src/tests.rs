use super::*;

fn kk(s: &str) -> String {
    Normalizer::new(Lang::Kk).normalize(s).into_text()
}

fn auto(s: &str) -> String {
    Normalizer::new(Lang::Auto).normalize(s).into_text()
}

fn rules(lang: Lang, s: &str) -> Vec<&'static str> {
    Normalizer::new(lang)
        .normalize(s)
        .changes()
        .iter()
        .map(|c| c.rule.name())
        .collect()
}

#[test]
fn clean_text_is_untouched() {
    for s in [
        "Ерлан Қарин «Адал азамат» бағдарламасы — 12,5 пайыз.\nЕкінші жол.",
        "ЮНИСЕФ аймақтық директоры Қазақстанның MICS-2024 бағдарламасындағы (мультииндикаторлық кластерлік зерттеу) нәтижесі.",
        "«Әділет» — 2025 ж. т.б. https://akorda.kz/kk/news?id=1 info@gov.kz Kazakhstan UNICEF",
        "The \"Heritage\" exhibition – 1,200 artefacts… opened.",
        "",
        "\n\n",
    ] {
        let n = Normalizer::new(Lang::Auto).normalize(s);
        assert_eq!(n.text(), s);
        assert!(n.changes().is_empty(), "{:?}", n.changes());
    }
}

#[test]
fn invisible_and_spaces() {
    assert_eq!(kk("\u{feff}  a\u{00A0}\u{00A0}b\u{200B}c\u{00AD}d  "), "a bcd");
    assert_eq!(kk("a\r\nb\rc"), "a\nb\nc");
    assert_eq!(kk("а\u{2009}б\u{202F}в\tг"), "а б в г");
    assert_eq!(kk("а\u{0007}б\u{0085}в"), "абв");
    assert_eq!(rules(Lang::Kk, "a\u{00A0}b"), ["space"]);
    assert_eq!(rules(Lang::Kk, "a  b"), ["whitespace"]);
}

#[test]
fn nfc_composes_and_maps() {
    let s = "и\u{0306}ә"; // и + combining breve = й
    let n = Normalizer::new(Lang::Kk).normalize(s);
    assert_eq!(n.text(), "йә");
    assert_eq!(n.original_range(0..2), 0..4);
    assert_eq!(n.changes()[0].rule, Rule::Nfc);
}

#[test]
fn latin_lookalikes_in_kazakh_words() {
    assert_eq!(
        kk("бiр үшiн xабарлады cпорт əкімі Əділет"),
        "бір үшін хабарлады спорт әкімі Әділет"
    );
    assert_eq!(kk("ɵнер Ɵскемен"), "өнер Өскемен");
    assert_eq!(kk("Ӊ ӊ"), "Ң ң");
    assert_eq!(
        auto("Kазақстан Pеспубликасы"),
        "Қазақстан Республикасы".replace('Қ', "К")
    );
    // whole Latin words stay, in Kazakh text too
    assert_eq!(
        kk("MICS-2024 бағдарламасы, iPhone, UNICEF, XVIII ғасыр"),
        "MICS-2024 бағдарламасы, iPhone, UNICEF, XVIII ғасыр"
    );
    // a Latin letter with no Cyrillic lookalike means this is not a lookalike accident
    assert_eq!(kk("Qазақ"), "Qазақ");
}

#[test]
fn cyrillic_lookalikes_in_english_words() {
    let en = |s: &str| Normalizer::new(Lang::En).normalize(s).into_text();
    assert_eq!(en("Thе UNICЕF office"), "The UNICEF office");
    assert_eq!(auto("Thе UNICЕF office in Аstana"), "The UNICEF office in Astana");
    // Cyrillic words in English text stay Cyrillic
    assert_eq!(en("the word «Әділет»"), "the word «Әділет»");
}

#[test]
fn addresses_are_left_alone() {
    let s = "сайт: https://аkorda.kz/news хат: іnfo@gov.kz";
    assert_eq!(kk(s), s);
}

#[test]
fn kz1048_read_as_cp1251_is_repaired() {
    // "Қазақстан Республикасының Үкіметі" written in KZ-1048 and read as cp1251
    assert_eq!(
        kk("Ќазаќстан Республикасыныѕ Їкіметі"),
        "Қазақстан Республикасының Үкіметі"
    );
    assert_eq!(rules(Lang::Kk, "Ќазаќ")[0], "kz1048");
    // a line that also has real Kazakh letters is not misread text: left alone
    assert_eq!(kk("Қазақ Київ"), "Қазақ Київ");
    // Auto needs two such letters
    assert_eq!(auto("Київ"), "Київ");
}

#[test]
fn mojibake_is_repaired() {
    let word = "Қазақстан бір";
    // UTF-8 bytes of the word read as cp1251
    let misread: String = word
        .bytes()
        .map(|b| {
            if b < 0x80 {
                b as char
            } else {
                let table = "ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—\u{98}™љ›њќћџ\u{a0}ЎўЈ¤Ґ¦§Ё©Є«¬\u{ad}®Ї°±Ііґµ¶·ё№є»јЅѕїАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя";
                table.chars().nth(b as usize - 0x80).unwrap()
            }
        })
        .collect();
    assert_ne!(misread, word);
    let n = Normalizer::new(Lang::Kk).normalize(&misread);
    assert_eq!(n.text(), word, "{misread}");
    assert_eq!(n.changes()[0].rule, Rule::Mojibake);
    // each repaired letter maps back to the two characters it had become
    let q = n.original_range(0..2);
    assert_eq!(misread[q].chars().count(), 2);
    // read as Latin-1
    let latin1: String = word.bytes().map(|b| b as char).collect();
    assert_eq!(kk(&latin1), word);
}

#[test]
fn double_mojibake_is_peeled() {
    // UTF-8 read as cp1251, written as UTF-8 and read as Latin-1 again
    let word = "Сыртқы істер";
    let cp1251: String = "РЎС‹СЂС‚Т›С‹ С–СЃС‚РµСЂ".to_string();
    assert_eq!(kk(&cp1251), word);
    let twice: String = cp1251.bytes().map(|b| b as char).collect();
    assert_eq!(kk(&twice), word);
}

#[test]
fn punctuation_profiles() {
    let s = "«Әділет» — сөз‐тіркес… “quote”";
    assert_eq!(kk(s), "«Әділет» — сөз-тіркес… “quote”");
    let ascii = Normalizer::new(Lang::Kk)
        .punct(Punct::Ascii)
        .normalize(s)
        .into_text();
    assert_eq!(ascii, "\"Әділет\" - сөз-тіркес... \"quote\"");
}

#[test]
fn one_line_out_per_line_in() {
    let s = "бiр\r\n\n  \nекі\u{00A0}\n";
    assert_eq!(kk(s), "бір\n\n\nекі\n");
}

#[test]
fn changes_point_into_the_input() {
    let s = "А\u{00AD}б бiр";
    let n = Normalizer::new(Lang::Kk).normalize(s);
    for c in n.changes() {
        assert_eq!(&s[c.original.clone()], c.from, "{c:?}");
    }
    let i = n.text().find("бір").unwrap();
    assert_eq!(&s[n.original_range(i..n.text().len())], "бiр");
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn check(s: &str, lang: Lang) {
        let n = Normalizer::new(lang).normalize(s);
        let t = n.text();
        // idempotent
        let again = Normalizer::new(lang).normalize(t);
        assert_eq!(again.text(), t, "not idempotent on {s:?}");
        assert!(
            again.changes().is_empty(),
            "{s:?} -> {t:?}: {:?}",
            again.changes()
        );
        // line count kept (CR, CRLF and LF each end a line)
        let lines_in = s.replace("\r\n", "\n").replace('\r', "\n").matches('\n').count();
        assert_eq!(t.matches('\n').count(), lines_in);
        // offsets in bounds and on char boundaries, in order
        let mut last = 0;
        for (i, _) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
            let r = n.original_range(i..t.len());
            assert!(r.start <= r.end && r.end <= s.len());
            assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
            assert!(r.start >= last);
            last = r.start;
        }
    }

    /// The passes of `normalize` run by hand: each composed map must trace
    /// every output byte as tracing that byte's range through the map before
    /// it does (what a map of one input range per byte did).
    fn composition_is_per_byte(s: &str, lang: Lang) {
        let passes: [&Pass<'_>; 5] = [
            &|s| legacy::mojibake(s, lang),
            &|s| legacy::kz1048(s, lang),
            &clean::clean,
            &|s| script::lookalikes(s, lang),
            &|s| punct::punctuation(s, Punct::Keep),
        ];
        let mut text = s.to_string();
        let mut map: Option<Map> = None;
        for _round in 0..2 {
            for pass in &passes {
                let Some(out) = pass(&text) else { continue };
                let Some(prev) = &map else {
                    map = Some(out.map);
                    text = out.text;
                    continue;
                };
                let composed = prev.then(&text, &out.map);
                for o in 0..=out.text.len() {
                    let one = prev.through(&text, out.map.entry(&out.text, o));
                    assert_eq!(
                        composed.entry(&out.text, o),
                        one,
                        "{s:?}: byte {o} of {:?}",
                        out.text
                    );
                }
                map = Some(composed);
                text = out.text;
            }
        }
    }

    proptest! {
        #[test]
        fn composed_maps_trace_bytes_as_per_byte_maps(s in "[аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяАӘҚҢӨҰҮІaceopxyihABCEHIKMOPTXYəƟӉЌќЅѕЈјРСÐÑ°±µ«»—–‐\u{00A0}\u{00AD}\u{200B}\u{FEFF}\u{0301}\u{0306}\r\n\t .,!?@:/-]{0,60}") {
            composition_is_per_byte(&s, Lang::Kk);
            composition_is_per_byte(&s, Lang::Auto);
            composition_is_per_byte(&as_cp1251(&s, '\u{98}'), Lang::Kk);
        }

        #[test]
        fn any_text(s in "\\PC{0,80}") {
            check(&s, Lang::Auto);
            check(&s, Lang::Kk);
            check(&s, Lang::En);
        }

        #[test]
        fn noisy_kazakh(s in "[аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяАӘҚҢӨҰҮІaceopxyihABCEHIKMOPTXYəƟӉЌќЅѕЈјРСÐÑ°±µ«»—–\u{00A0}\u{00AD}\u{200B}\u{FEFF}\u{0301}\r\n\t .,!?@:/-]{0,60}") {
            check(&s, Lang::Auto);
            check(&s, Lang::Kk);
            check(&s, Lang::En);
        }

        #[test]
        fn clean_kazakh_is_unchanged(words in proptest::collection::vec("[аәбвгғдежзийкқлмнңоөпрстуұүфхһчшыіэюя]{1,9}", 1..12)) {
            let s = words.join(" ") + ".";
            let n = Normalizer::new(Lang::Auto).normalize(&s);
            prop_assert_eq!(n.text(), s.as_str());
            prop_assert!(n.changes().is_empty());
        }
    }
}

/// `s` as UTF-8 bytes read as cp1251, with the undefined byte 0x98 as `lost`.
fn as_cp1251(s: &str, lost: char) -> String {
    let table = "ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—\u{98}™љ›њќћџ\u{a0}ЎўЈ¤Ґ¦§Ё©Є«¬\u{ad}®Ї°±Ііґµ¶·ё№є»јЅѕїАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя";
    s.bytes()
        .map(|b| match b {
            0x98 => lost,
            b if b < 0x80 => b as char,
            b => table.chars().nth(b as usize - 0x80).unwrap(),
        })
        .collect()
}

#[test]
fn mojibake_with_the_undefined_byte_is_repaired() {
    // `И` is D0 98 and `Ә` D3 98 in UTF-8: cp1251 has no character for 0x98
    let text = "Ирандағы Әсем ауыл";
    for lost in ['\u{98}', '\u{FFFD}'] {
        let misread = as_cp1251(text, lost);
        assert!(misread.contains(lost));
        assert_eq!(kk(&misread), text, "{misread:?}");
    }
}

#[test]
fn a_control_character_misread_with_its_word_is_repaired_then_removed() {
    // a C1 control (U+0085, U+009C) inside a word, then the UTF-8 read as
    // cp1251 (`В…`, `Вњ`) or as Latin-1 (`Â` and the control itself)
    let text = "Жиналыс 1977 жылы that болды";
    for at in ["1977", "that"] {
        for c in ['\u{85}', '\u{9C}'] {
            let damaged = text.replacen(at, &format!("{}{c}{}", &at[..1], &at[1..]), 1);
            let cp1251 = as_cp1251(&damaged, '\u{98}');
            assert!(cp1251.contains('В'), "{cp1251:?}");
            assert_eq!(kk(&cp1251), text, "{cp1251:?}");
            let latin1: String = damaged.bytes().map(|b| b as char).collect();
            assert_eq!(kk(&latin1), text, "{latin1:?}");
        }
    }
    // a Cyrillic capital and a dash are left as they are between words
    assert_eq!(kk("В – А"), "В – А");
}

#[test]
fn decomposed_then_misread_is_repaired_and_composed() {
    // NFD first (`й` = `и` + U+0306), then UTF-8 read as cp1251
    let text = "айлық төлем";
    let nfd: String = unicode_normalization::UnicodeNormalization::nfd(text).collect();
    let misread = as_cp1251(&nfd, '\u{98}');
    assert_eq!(kk(&misread), text);
}

#[test]
fn kazakh_letters_that_spell_another_languages_letter_are_no_mojibake() {
    // `Ті` is D2 B3 in cp1251, UTF-8 for the Tajik `ҳ`: real Kazakh text,
    // with a Latin lookalike after it
    assert_eq!(kk("Тіpi табиғат"), "Тірі табиғат");
    // Kazakh misread as cp1251 goes through `Т`/`У` and a sign, once or twice
    for word in ["үлкен", "Ұлы", "көңіл", "Һ"] {
        let once = as_cp1251(word, '\u{98}');
        assert_eq!(kk(&once), word, "{once:?}");
        let twice: String = once.bytes().map(|b| b as char).collect();
        assert_eq!(kk(&twice), word, "{twice:?}");
    }
}

#[test]
fn a_decomposed_yo_whose_e_was_taken_for_latin_is_cyrillic_again() {
    let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Бұл актёр келді").collect();
    // `ё` = `е` + U+0308; the `е` becomes a Latin `e`
    let damaged = nfd.replacen('е', "e", 1);
    assert!(damaged.contains("e\u{308}"));
    assert_eq!(kk(&damaged), "Бұл актёр келді");
    assert_eq!(kk("Бұл актëр келді"), "Бұл актёр келді");
    // a Latin word keeps its `ë`
    assert_eq!(kk("Citroën көлігі келді"), "Citroën көлігі келді");
}

#[test]
fn lookalike_words_by_their_line() {
    // a word mixing scripts in a Kazakh line is Cyrillic whatever the ratio
    assert_eq!(kk("Бұл тapиx пен ceнiм туралы"), "Бұл тарих пен сенім туралы");
    // a word made only of lookalikes between Cyrillic words goes over ...
    assert_eq!(kk("Ол бүгін apa келді"), "Ол бүгін ара келді");
    // ... but not an acronym, a model name or a real Latin name
    assert_eq!(
        kk("Біз CEO және M16 туралы айттық"),
        "Біз CEO және M16 туралы айттық"
    );
    assert_eq!(kk("Safe headphones жобасы жеңді"), "Safe headphones жобасы жеңді");
    assert_eq!(
        kk("Mic мәлімдегендей, сот отырды"),
        "Mic мәлімдегендей, сот отырды"
    );
    // a capitalised word of lookalikes beside a Kazakh word goes over when
    // it reads as a Cyrillic word and is no English one (the first word of a
    // sentence, mostly) ...
    assert_eq!(kk("Cy ішу керек, деді дәрігер."), "Су ішу керек, деді дәрігер.");
    assert_eq!(kk("Ауылда Tipi жан қалмады."), "Ауылда Тірі жан қалмады.");
    assert_eq!(kk("Ic жүзінде бәрі басқа."), "Іс жүзінде бәрі басқа.");
    // ... but not an English word, a name it has never seen, an acronym, or
    // a word in a line with a real Latin word
    assert_eq!(kk("Tom кеше келді."), "Tom кеше келді.");
    assert_eq!(kk("Ohio штатында жауын."), "Ohio штатында жауын.");
    assert_eq!(
        kk("Біз HATO мен IT туралы айттық."),
        "Біз HATO мен IT туралы айттық."
    );
    assert_eq!(kk("ASUS Eee компьютері"), "ASUS Eee компьютері");
    // a short text with more lookalikes than Cyrillic letters: a mixed word
    // is still Cyrillic, beside a Latin acronym too, and a word of lookalikes
    // alone stays unless it reads as a Cyrillic word (`Ауа`, air)
    assert_eq!(kk("Әpбip"), "Әрбір");
    assert_eq!(kk("Kөпip Ohio"), "Көпір Ohio");
    assert_eq!(kk("Kөпip Aya"), "Көпір Ауа");
    assert_eq!(kk("Бұл aypy"), "Бұл ауру");
    assert_eq!(kk("May қозғалысы"), "May қозғалысы"); // an English word
    assert_eq!(kk("MPV тeрбeлici"), "MPV тербелісі");
    // the lowercase half of a hyphenated compound follows the other half
    assert_eq!(kk("AI ic-қимылды басқарады"), "AI іс-қимылды басқарады");
    assert_eq!(
        kk("Ата-aнa келді, Coca-Cola-ны алды"),
        "Ата-ана келді, Coca-Cola-ны алды"
    );
    // beside a real Latin word, a mixed word goes where it can be made whole
    assert_eq!(kk("Gold тeрбeлici"), "Gold тербелісі");
    assert_eq!(kk("Gold сoin"), "Gold coin");
    // English: Cyrillic lookalikes anywhere in an English line with no real Cyrillic word
    let en = |s: &str| Normalizer::new(Lang::En).normalize(s).into_text();
    assert_eq!(
        en("tһе mісе аrе here with the РМ"),
        "the mice are here with the PM"
    );
    assert_eq!(en("a Cyrillic word: сок and жол"), "a Cyrillic word: сок and жол");
    assert_eq!(en("see http://jаsаqyn.kz now"), "see http://jasaqyn.kz now");
}
