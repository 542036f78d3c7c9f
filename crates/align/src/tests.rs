use super::*;

/// A small seeded generator for the tests' random data: each call gives a
/// number below `m`.
pub(crate) fn lcg(seed: u64) -> impl FnMut(u64) -> u64 {
    let mut x = seed;
    move |m| {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) % m
    }
}

fn kinds(beads: &[Bead]) -> Vec<String> {
    beads.iter().map(Bead::kind).collect()
}

#[test]
fn merge_is_found() {
    let kk = [
        "Қысқа сөйлем.",
        "Бұл өте ұзын сөйлем, оның ішінде көп сөз бар және тағы бір бөлігі бар, ол да ұзын.",
        "Соңғы сөйлем 2025 жылы жазылды.",
    ];
    let en = [
        "A short sentence.",
        "This is a very long sentence with many words.",
        "And it has another part, which is long too.",
        "The last sentence was written in 2025.",
    ];
    assert_eq!(kinds(&Aligner::default().align(&kk, &en)), ["1-1", "1-2", "1-1"]);
}

#[test]
fn deletion_is_found_by_numbers() {
    let kk = [
        "Инфляция 12,6 пайыз болды.",
        "Жалақы 5,8 пайызға өсті.",
        "Экспорт 1,648 млн тоннаға жетті.",
        "Бұл туралы министр айтты.",
    ];
    let en = [
        "Inflation was 12.6 percent.",
        "Exports reached 1.648 million tonnes.",
        "The minister said this.",
    ];
    assert_eq!(
        kinds(&Aligner::default().align(&kk, &en)),
        ["1-1", "1-0", "1-1", "1-1"]
    );
}

#[test]
fn paragraphs_keep_titles_apart() {
    let kk = [
        "Астанада көрме ашылды",
        "26.11.2025 күні музейде «Ұлы дала» атты көрме ашылды.",
    ];
    let en = [
        "An exhibition opened in Astana",
        "On 26 November 2025, an exhibition titled \"Great Steppe\" opened.",
    ];
    let doc = DocPair {
        kk: kk
            .iter()
            .enumerate()
            .map(|(i, t)| Sentence { text: t, para: i })
            .collect(),
        en: en
            .iter()
            .enumerate()
            .map(|(i, t)| Sentence { text: t, para: i })
            .collect(),
    };
    assert_eq!(kinds(&Aligner::default().align_corpus(&[doc])[0]), ["1-1", "1-1"]);
}

#[test]
fn empty_sides() {
    let none: [&str; 0] = [];
    let beads = Aligner::default().align(&["Бір."], &none);
    assert_eq!(kinds(&beads), ["1-0"]);
    assert_eq!(kinds(&Aligner::default().align(&none, &["One."])), ["0-1"]);
    assert!(Aligner::default().align(&none, &none).is_empty());
}

#[test]
fn names_through_transliteration() {
    use features::{bigram_dice, name_key};
    for (kk, en) in [
        ("Доминичис", "Dominicis"),
        ("ЮНИСЕФ", "UNICEF"),
        ("Қазақстан", "Kazakhstan"),
        ("Тоқаев", "Tokayev"),
    ] {
        let d = bigram_dice(&name_key(kk), &name_key(en));
        assert!(
            d >= 0.55,
            "{kk} ~ {en}: {d} ({} / {})",
            name_key(kk),
            name_key(en)
        );
    }
    assert!(bigram_dice(&name_key("Астана"), &name_key("Dominicis")) < 0.3);
}

#[test]
fn dictionary_format() {
    let lex = Lexicon::parse_dictionary(
        "# comment\nschool @ мектеп\n\nnew school @ жаңа мектеп\n",
        "d.dic".as_ref(),
    )
    .unwrap();
    // stems are the first five letters, lowercased
    assert_eq!(
        lex.map[&features::stem("Мектептер")],
        [features::stem("schoolyard")]
    );
    assert_eq!(features::stem("мекте"), features::stem("МЕКТЕП"));
    assert_ne!(features::stem("мекте"), features::stem("мект"));
    let err = Lexicon::parse_dictionary("ok @ жақсы\nbroken line\n", "d.dic".as_ref()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "d.dic:2: bad dictionary entry: expected `english @ kazakh`"
    );
}

#[test]
fn long_documents_use_a_band_and_stay_correct() {
    let kk: Vec<String> = (0..3000)
        .map(|i| format!("Сөйлем нөмірі {i} мұнда жазылған."))
        .collect();
    let en: Vec<String> = (0..3000)
        .filter(|i| i % 97 != 5)
        .map(|i| format!("Sentence number {i} is written here."))
        .collect();
    // the number of each English sentence
    let en_num: Vec<usize> = (0..3000).filter(|i| i % 97 != 5).collect();
    let beads = Aligner::default().align(&kk, &en);
    let dels: Vec<usize> = beads
        .iter()
        .filter(|b| b.en.is_empty())
        .map(|b| b.kk.start)
        .collect();
    // exactly the Kazakh sentences whose translation was left out
    assert_eq!(dels, (0..3000).filter(|i| i % 97 == 5).collect::<Vec<_>>());
    for b in &beads {
        match b.kind().as_str() {
            "1-0" => {}
            "1-1" => assert_eq!(en_num[b.en.start], b.kk.start, "{b:?}"),
            k => panic!("unexpected {k} bead {b:?}"),
        }
    }
}

#[test]
fn long_documents_with_a_gap_and_merges_align_in_both_passes() {
    // 1,200 Kazakh sentences; the English leaves out 40 in a row in the
    // middle (a missing section) and joins every 50th sentence with the next
    let kk: Vec<String> = (0..1200)
        .map(|i| format!("Сөйлем нөмірі {i} мұнда жазылған, {} бар.", i * 7 + 3))
        .collect();
    let mut en: Vec<String> = Vec::new();
    // per English sentence: the Kazakh sentences it translates
    let mut want: Vec<Vec<usize>> = Vec::new();
    let mut i = 0;
    while i < 1200 {
        if (600..640).contains(&i) {
            i += 1;
            continue;
        }
        if i % 50 == 10 {
            en.push(format!(
                "Sentence number {i} is written here, with {}. Sentence number {} is written here, with {}.",
                i * 7 + 3,
                i + 1,
                (i + 1) * 7 + 3
            ));
            want.push(vec![i, i + 1]);
            i += 2;
        } else {
            en.push(format!(
                "Sentence number {i} is written here, with {}.",
                i * 7 + 3
            ));
            want.push(vec![i]);
            i += 1;
        }
    }
    let kk_s: Vec<Sentence> = kk.iter().map(|t| Sentence { text: t, para: 0 }).collect();
    let en_s: Vec<Sentence> = en.iter().map(|t| Sentence { text: t, para: 0 }).collect();
    let doc = DocPair { kk: kk_s, en: en_s };
    assert!(
        !searched_in_full(kk.len(), en.len()),
        "the test needs the banded search"
    );
    let beads = &Aligner::default().align_corpus(std::slice::from_ref(&doc))[0];
    let got: Vec<(Vec<usize>, Vec<usize>)> = beads
        .iter()
        .map(|b| (b.kk.clone().collect(), b.en.clone().collect()))
        .collect();
    for (j, k) in want.iter().enumerate() {
        assert!(
            got.contains(&(k.clone(), vec![j])),
            "English {j} should pair with {k:?}"
        );
    }
    for k in 600..640 {
        assert!(got.contains(&(vec![k], vec![])), "Kazakh {k} has no translation");
    }
    assert_eq!(got.len(), want.len() + 40);
}

/// A small document and a long one (banded, with a gap and names), the
/// text of each sentence made from its number.
fn coded_docs() -> Vec<(Vec<String>, Vec<String>)> {
    let kk = |n: usize| {
        (0..n)
            .map(|i| format!("Асқар {i} рет «келді», {} адам; бәрі жақсы.", i * 3))
            .collect()
    };
    let en = |n: usize, gap: std::ops::Range<usize>| {
        (0..n)
            .filter(|i| !gap.contains(i))
            .map(|i| format!("Askar came {i} times, {} people; all (well)?", i * 3))
            .collect()
    };
    vec![(kk(12), en(12, 5..6)), (kk(900), en(900, 300..320))]
}

#[test]
fn a_reading_encoded_and_decoded_aligns_the_same() {
    let aligner = Aligner::default();
    for (kk, en) in coded_docs() {
        let kk_s: Vec<Sentence> = kk
            .iter()
            .enumerate()
            .map(|(i, t)| Sentence { text: t, para: i / 4 })
            .collect();
        let en_s: Vec<Sentence> = en
            .iter()
            .enumerate()
            .map(|(i, t)| Sentence { text: t, para: i / 4 })
            .collect();
        let doc = DocPair { kk: kk_s, en: en_s };
        let read = aligner.read(&doc);
        let mut bytes = Vec::new();
        read.encode(&mut bytes);
        let back = ReadDoc::decode(&bytes).expect("its own encoding decodes");
        let mut again = Vec::new();
        back.encode(&mut again);
        assert_eq!(bytes, again, "decoding keeps every field");
        let ev = aligner.evidence_read(&read);
        assert_eq!(ev, aligner.evidence_read(&back));
        let learned = aligner.learn(&ev);
        assert_eq!(
            aligner.align_learned_read(&read, &learned),
            aligner.align_learned_read(&back, &learned)
        );
        // a cut or lengthened encoding is refused, not read in part
        assert!(ReadDoc::decode(&bytes[..bytes.len() - 1]).is_none());
        assert!(ReadDoc::decode(&bytes[..bytes.len() / 2]).is_none());
        bytes.push(0);
        assert!(ReadDoc::decode(&bytes).is_none());
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn decoding_any_bytes_never_panics(
            bytes in proptest::collection::vec(any::<u8>(), 0..400),
            flip in any::<usize>(),
        ) {
            // random bytes, and a real encoding with one byte changed
            let _ = ReadDoc::decode(&bytes);
            let (kk, en) = &coded_docs()[0];
            let mut real = Vec::new();
            Aligner::default().read(&DocPair::from_texts(kk, en)).encode(&mut real);
            let at = flip % real.len();
            real[at] ^= bytes.first().copied().unwrap_or(1).max(1);
            let _ = ReadDoc::decode(&real);
        }

        #[test]
        fn length_and_marks_count_every_character_once(
            s in "[0-9a-zA-Zа-яәңқ ,.;:«»\"()'’\u{a0}\u{2009}\u{ad}!?-]{0,40}",
        ) {
            // numbers with thousands spaces of every kind, often
            let s = format!("{s} 42 700 1\u{a0}250 3\u{2009}000,5 {s}");
            for kazakh in [true, false] {
                let r = features::raw(&s, kazakh);
                prop_assert_eq!(r.len as usize, s.chars().filter(|c| !c.is_whitespace()).count());
                let has = |cs: &[char]| s.chars().any(|c| cs.contains(&c));
                prop_assert_eq!(r.marks & features::QUOTE != 0, has(&['"', '«', '»']));
                prop_assert_eq!(r.marks & features::PAREN != 0, has(&['(', ')']));
                prop_assert_eq!(r.marks & features::COLON != 0, has(&[':']));
                prop_assert_eq!(r.typo & features::SEMI != 0, has(&[';']));
            }
        }

        #[test]
        fn the_one_pass_reading_is_the_plain_one(
            s in "[0-9a-zA-Zа-яА-ЯәңқӘҢҚёЁіІüÜßİẞ ,.;:«»“”„\"()'’\u{a0}\u{2009}\u{202f}\u{3000}\u{85}\u{ad}!?\t\n-]{0,60}",
            kazakh in any::<bool>(),
        ) {
            // Cyrillic, Latin and a few letters whose lowercase is not one
            // character or not in the fast paths; every kind of space and mark
            let s = format!("{s} 42 700 1\u{a0}250 мың {s}");
            prop_assert_eq!(features::raw(&s, kazakh), features::raw_plain(&s, kazakh));
        }

        #[test]
        fn the_one_pass_reading_is_the_plain_one_on_any_text(s in "\\PC{0,80}", kazakh in any::<bool>()) {
            prop_assert_eq!(features::raw(&s, kazakh), features::raw_plain(&s, kazakh));
        }

        #[test]
        fn numbers_and_scale_words_read_without_panic(
            s in "[0-9,.\u{a0} ]{0,14}( мың| мыңнан| млн| млрд| million| bn| thousand)?[a-zа-я ,.0-9]{0,8}",
        ) {
            let (k, e) = (features::raw(&s, true), features::raw(&s, false));
            prop_assert_eq!(k.nums.len(), e.nums.len());
        }

        #[test]
        fn name_index_finds_what_comparing_every_key_finds(
            kk in proptest::collection::vec("[abnr]{0,9}", 0..40),
            en in proptest::collection::vec("[abnr]{0,9}", 0..40),
        ) {
            // few letters: many keys close to each other, and ties
            let mut keys: Vec<features::Name> = Vec::new();
            let mut key_ids = HashMap::default();
            for k in &kk {
                if !key_ids.contains_key(k) {
                    key_ids.insert(k.clone(), keys.len() as u32 + 1);
                    keys.push(features::Name { key: k.clone(), grams: features::bigrams(k) });
                }
            }
            let names: Vec<features::Name> =
                en.iter().map(|e| features::Name { key: e.clone(), grams: features::bigrams(e) }).collect();
            let refs: Vec<&features::Name> = names.iter().collect();
            let got = match_names(&refs, &keys, &key_ids, &NameIndex::new(&keys), false);
            for (n, g) in names.iter().zip(got) {
                // the largest Dice ≥ 0.55, then the smallest id
                let mut best: Option<(f32, u32)> = None;
                for (p, k) in keys.iter().enumerate() {
                    let d = if k.key == n.key { 1.0 } else { features::dice_of(&k.grams, &n.grams) };
                    let id = p as u32 + 1;
                    if d >= 0.55 && best.is_none_or(|b| d > b.0) {
                        best = Some((d, id));
                    }
                }
                prop_assert_eq!(g, best.map(|b| b.1), "{}", n.key);
            }
        }

        #[test]
        fn beads_cover_every_sentence_once_in_order(
            kk in proptest::collection::vec("[а-я0-9 .,]{0,30}", 0..12),
            en in proptest::collection::vec("[a-z0-9 .,A-Z]{0,30}", 0..12),
        ) {
            let beads = Aligner::default().align(&kk, &en);
            let (mut i, mut j) = (0, 0);
            for b in &beads {
                prop_assert_eq!(b.kk.start, i);
                prop_assert_eq!(b.en.start, j);
                prop_assert!(!(b.kk.is_empty() && b.en.is_empty()));
                prop_assert!((0.0..=1.0).contains(&b.score));
                i = b.kk.end;
                j = b.en.end;
            }
            prop_assert_eq!((i, j), (kk.len(), en.len()));
            let again = Aligner::default().align(&kk, &en);
            prop_assert_eq!(beads, again);
        }
    }
}

#[test]
fn fast_character_classes_agree_with_std() {
    // the fast paths in `features` must not change any answer
    for c in (0..0x11_0000u32).filter_map(char::from_u32) {
        assert_eq!(features::is_letter(c), c.is_alphabetic(), "{c:?}");
        assert_eq!(features::is_upper(c), c.is_uppercase(), "{c:?}");
        assert_eq!(features::is_lower(c), c.is_lowercase(), "{c:?}");
        assert_eq!(features::lower(c), c.to_lowercase().next().unwrap(), "{c:?}");
    }
}

#[test]
fn one_pass_reading_agrees_with_the_plain_one_on_written_sentences() {
    let sents = [
        "Жаңа Шотландия провинциясының Галифакс қаласындағы Далхоузи университетінің профессоры доктор Эхуд Ур.",
        "«Қазір бізде 4 айлық тышқандар бар», - деп қосты ол; ЮНИСЕФ (БҰҰ) 12,5 млрд теңге: 42\u{a0}700!",
        "Dr. Ehud Ur, professor of medicine at Dalhousie University in Halifax, Nova Scotia, said \"no\"?",
        "İstanbul'daki ẞtraße ПЕТРОПАВЛ Ӏ Ҷ қала\u{ad}сынан O’Neill's 1 250 000 and 3\u{2009}000,5 bn",
        "  \t\u{3000}\u{2028}\u{85}  ",
        "",
        "ТОҚАЕВ Тоқаев Tokayev UNICEF ЮНИСЕФ Доминичис Dominicis элеватор elevator автомобиль",
    ];
    for s in sents {
        for kazakh in [true, false] {
            assert_eq!(features::raw(s, kazakh), features::raw_plain(s, kazakh), "{s}");
        }
    }
}

#[test]
fn one_character_lowercase_agrees_with_std() {
    for c in (0..0x11_0000u32).filter_map(char::from_u32) {
        if let Some(l) = features::lower_one(c) {
            assert_eq!(c.to_lowercase().collect::<String>(), l.to_string(), "{c:?}");
        }
        // every character alone: its length and marks as the plain reading has them
        let s = c.to_string();
        assert_eq!(features::raw(&s, true), features::raw_plain(&s, true), "{c:?}");
    }
}

#[test]
fn the_marks_table_is_the_marks_term() {
    for km in 0..=255u8 {
        for em in 0..=255u8 {
            let want = 0.5 * (km ^ em).count_ones() as f32 - 0.5 * (km & em).count_ones() as f32;
            assert_eq!(marks_term(km, em).to_bits(), want.to_bits(), "{km} {em}");
        }
    }
}

#[test]
fn a_first_pass_without_shapes_aligns_as_with_a_zero_shape_table() {
    // `Prepared::shaped` off (no shape costs) and on (the same zero costs,
    // looked up): every bead and score the same
    let kk: Vec<String> = (0..40)
        .map(|i| {
            format!(
                "Бүгін {i} адам келді; олар Астанада болды, ертең {} кетеді.",
                i * 3
            )
        })
        .collect();
    let en: Vec<String> = (0..40)
        .filter(|i| i % 7 != 3)
        .map(|i| {
            format!(
                "Today {i} people came to Astana and will leave tomorrow at {}.",
                i * 3
            )
        })
        .collect();
    let doc = DocPair::from_texts(&kk, &en);
    let raws = raws_of(&doc, false);
    let lex = Lexicon::core().clone();
    let plain = prepare(&raws, &lex, false, 0.0, &NO_SHAPES);
    assert!(!plain.shaped);
    let mut looked_up = prepare(&raws, &lex, false, 0.0, &NO_SHAPES);
    looked_up.shaped = true;
    assert_eq!(search(&plain, None, false), search(&looked_up, None, false));
}

#[test]
fn costs_along_a_row_are_the_costs_one_by_one() {
    // sentences with numbers, names, marks, semicolons and paragraphs, and a
    // second pass with learned shapes and word table
    let kk: Vec<String> = (0..30)
        .map(|i| match i % 4 {
            0 => format!("Тоқаев {i} мың адаммен кездесті; «Астана» ({}) қаласында.", i * 7),
            1 => format!("Бүгін ауа райы жылы болады: {i} градус!"),
            2 => format!("ЮНИСЕФ {} пайызға өсті?", i + 3),
            _ => "Жаңбыр жауады.".to_string(),
        })
        .collect();
    let en: Vec<String> = (0..28)
        .map(|i| match i % 4 {
            0 => format!("Tokayev met {i},000 people in \"Astana\" ({}).", i * 7),
            1 => format!("The weather will be warm today: {i} degrees!"),
            2 => format!("UNICEF grew by {} percent?", i + 3),
            _ => "It will rain; then it stops.".to_string(),
        })
        .collect();
    let doc = DocPair {
        kk: kk
            .iter()
            .enumerate()
            .map(|(i, t)| Sentence { text: t, para: i / 5 })
            .collect(),
        en: en
            .iter()
            .enumerate()
            .map(|(i, t)| Sentence { text: t, para: i / 5 })
            .collect(),
    };
    let aligner = Aligner::default();
    let raws = raws_of(&doc, false);
    let ev = aligner.evidence(&doc);
    let learned = aligner.learn(&ev);
    let first = prepare(&raws, &aligner.dictionary, false, 0.0, &NO_SHAPES);
    let second = second_pass(&raws, &learned);
    let gc = prepare(&raws, &aligner.dictionary, true, 0.0, &NO_SHAPES);
    fn check<const K: usize, const E: usize>(p: &Prepared, n: usize, m: usize) {
        for i in 0..=n - K {
            let mut got = Vec::new();
            p.costs_along::<K, E>(i, 0..m + 1 - E, |j, c| got.push((j, c.to_bits())));
            let want: Vec<_> = (0..m + 1 - E)
                .map(|j| (j, p.cost_of::<K, E>(i, j).to_bits()))
                .collect();
            assert_eq!(got, want, "{K}-{E} row {i}");
        }
    }
    for p in [&first, &second, &gc] {
        check::<1, 1>(p, kk.len(), en.len());
        check::<2, 1>(p, kk.len(), en.len());
        check::<1, 2>(p, kk.len(), en.len());
        check::<2, 2>(p, kk.len(), en.len());
    }
}

#[test]
fn common_letter_pairs_given_up_only_below_what_is_needed() {
    // sorted lists with repeats; every need from 0 past the count
    let mut next = lcg(5);
    for _ in 0..500 {
        let mut a: Vec<u64> = (0..next(12)).map(|_| next(8)).collect();
        let mut b: Vec<u64> = (0..next(12)).map(|_| next(8)).collect();
        a.sort_unstable();
        b.sort_unstable();
        let c = common(&a, &b);
        assert_eq!(common_packed(&a, &b), c);
        for need in 0..=c as usize + 2 {
            let want = (c as usize >= need).then_some(c);
            assert_eq!(common_packed_at_least(&a, &b, need), want, "{a:?} {b:?} {need}");
        }
    }
}

#[test]
fn numbers_with_spaces_between_thousands_are_one_number() {
    let nums = |s: &str| features::raw(s, true).nums;
    assert_eq!(nums("42 700 теңге"), nums("42,700 tenge"));
    assert_eq!(nums("1 250 000 адам"), nums("1,250,000 people"));
    assert_eq!(nums("12\u{a0}500"), nums("12500"));
    // a year, or a group that is not three digits, stays apart
    assert_eq!(nums("2018 500 адам").len(), 2);
    assert_eq!(nums("5 12 адам").len(), 2);
    assert_eq!(nums("3 1000").len(), 2);
}

#[test]
fn numbers_with_a_scale_word_are_written_out() {
    let nums = |s: &str, kk| features::raw(s, kk).nums;
    assert_eq!(
        nums("16 мыңнан астам адам", true),
        nums("more than 16,000 people", false)
    );
    assert_eq!(nums("1,5 млрд теңге", true), nums("1.5 billion tenge", false));
    assert_eq!(nums("1,5 млрд теңге", true), nums("1,500,000,000 tenge", false));
    assert_eq!(nums("120 миллион фунт", true), nums("120 million pounds", false));
    assert_eq!(nums("2.75 million", false), nums("2,750,000", false));
    // not a scale: another word, a word that only begins like one, no space
    assert_eq!(nums("16 мыңдаған", true), nums("16", true));
    assert_eq!(nums("5 млнға", true), nums("5", true));
    assert_ne!(nums("16 мың", true), nums("16", true));
}

#[test]
fn loanwords_share_a_cognate_key() {
    use features::cognate_key as key;
    for (kk, en) in [
        ("элеватор", "elevator"),
        ("сертификатын", "certificate"),
        ("коммуналдық", "communal"),
        ("автомобиль", "automobile"),
        ("полициясы", "police"),
        ("смартфон", "smartphone"),
        ("қала\u{ad}сынан", "қаласынан"),
    ] {
        assert!(key(kk).is_some() && key(kk) == key(en), "{kk} ~ {en}");
    }
    // native words do not meet English ones, and short keys are not kept
    assert_ne!(key("бастады"), key("basketball"));
    assert_ne!(key("мемлекет"), key("memorial"));
    assert_eq!(key("қала"), None);
}

#[test]
fn a_shared_loanword_finds_the_pair_after_a_deletion() {
    // (without the core word list, which knows `жаңа`/`new` and `күзде`/`autumn`)
    // the English side lost the first sentence; by length alone the English
    // sentence is closer to the first Kazakh one, the loanword says the second
    let kk = [
        "Балалар мұғалімдерге гүл сыйлады.",
        "Жаңа элеватор күзде іске қосылады деп күтілуде.",
    ];
    let en = ["The new elevator will open in the autumn."];
    let beads = Aligner::default().core_lexicon(false).align(&kk, &en);
    assert_eq!(kinds(&beads), ["1-0", "1-1"], "{beads:?}");
    // without the shared word the length wins
    let en = ["The new building will open in the autumn."];
    let beads = Aligner::default().core_lexicon(false).align(&kk, &en);
    assert_eq!(kinds(&beads), ["1-1", "1-0"], "{beads:?}");
}

#[test]
fn quotes_pull_a_quoting_pair_together() {
    // (without the core word list, which knows `жылдың`/`year` and `кітабы`/`book`)
    let kk = [
        "Балалар мұғалімдерге гүл сыйлады.",
        "Оны «жылдың кітабы» деп атайды.",
    ];
    let beads = Aligner::default()
        .core_lexicon(false)
        .align(&kk, &["They call it \"the book of the year\"."]);
    assert_eq!(kinds(&beads), ["1-0", "1-1"], "{beads:?}");
    // without the quotes the lengths decide, and they slightly favour the first
    let beads = Aligner::default()
        .core_lexicon(false)
        .align(&kk, &["They call it the book of the year."]);
    assert_eq!(kinds(&beads), ["1-1", "1-0"], "{beads:?}");
    let marks = |s: &str| features::raw(s, true).marks;
    assert_eq!(
        marks("«Нұр Отан» (2020): бәрі"),
        features::QUOTE | features::PAREN | features::COLON
    );
    assert_eq!(marks("It's the people's choice."), 0);
}

#[test]
fn pair_tables_agree_with_direct_counts() {
    // the inverted-index tables (full and banded layouts) must count what a
    // direct intersection of each sentence pair counts
    let kk_words = [
        "Алматы",
        "2020",
        "элеватор",
        "Тоқаев",
        "«жаңа»",
        "12,5",
        "мектеп",
        "ЮНЕСКО",
    ];
    let en_words = [
        "Almaty", "2020", "elevator", "Tokayev", "\"new\"", "12.5", "school", "UNESCO",
    ];
    for (n, m) in [(30, 28), (600, 580)] {
        let kk: Vec<String> = (0..n)
            .map(|i| format!("Бүгін {} {} болды.", kk_words[i % 8], kk_words[(i * 3 + 1) % 8]))
            .collect();
        let en: Vec<String> = (0..m)
            .map(|j| {
                format!(
                    "Today {} {} happened.",
                    en_words[j % 8],
                    en_words[(j * 5 + 2) % 8]
                )
            })
            .collect();
        let doc = DocPair::from_texts(&kk, &en);
        let raws = raws_of(&doc, false);
        let mut lex = Lexicon::default();
        lex.map
            .insert(features::stem("мектеп"), vec![features::stem("school")]);
        lex.map
            .insert(features::stem("болды"), vec![features::stem("happened")]);
        let lex = lex.with_targets();
        let p = prepare(&raws, &lex, false, 0.0, &NO_SHAPES);
        assert_eq!(p.raws.layout.full, n == 30);
        let mut checked = 0;
        for i in 0..n {
            for j in p.raws.layout.cols(i) {
                assert_eq!(p.pair(i, j), p.pair_counts(i, j), "({i}, {j})");
                checked += 1;
            }
            // a row's cells read through its `PairRow`, inside the row's
            // columns and outside them (counted directly)
            let row = p.pair_row(i);
            for j in 0..m {
                assert_eq!(p.pair_in(&row, i, j), p.pair_counts(i, j), "row ({i}, {j})");
            }
        }
        assert!(checked >= n * m.min(100));
    }
}

#[test]
fn the_length_ratio_is_measured_on_the_corpus_itself() {
    // too few confident beads: no shift
    let mut few = Evidence::new();
    for _ in 0..SHIFT_MIN_BEADS - 1 {
        few.add_ratio(0.3);
    }
    assert_eq!(typical_ratio(&few), 0.0);
    // the median, not the mean: one wild pair does not move it
    let mut many = Evidence::new();
    many.add_ratio(5.0);
    for _ in 0..39 {
        many.add_ratio(-0.08);
    }
    assert!((typical_ratio(&many) - -0.08 * SHIFT_SHARE).abs() < 1e-3);
}

#[test]
fn stop_words_are_found_in_any_case_and_only_them() {
    for w in features::EN_STOP {
        assert!(features::is_stop(w), "{w}");
        assert!(features::is_stop(&w.to_uppercase()), "{w}");
    }
    for w in [
        "thee", "them.", "there's", "a", "of", "another", "sаid", "wherever",
    ] {
        assert!(!features::is_stop(w), "{w}");
    }
}

#[test]
fn shapes_are_learned_from_the_beads_counted() {
    // no beads: every shape costs nothing
    let none = Shapes::learn(&Evidence::new());
    assert!(none.0.iter().flatten().flatten().all(|&c| c.abs() < 1e-6));
    // merges whose one sentence has a semicolon (Kazakh first: 2-1 has the
    // English sentence at bit 2), 1-1 beads without
    let mut ev = Evidence::new();
    for _ in 0..200 {
        ev.add_bead(1, 1, 0);
    }
    for _ in 0..20 {
        ev.add_bead(2, 1, 0b100);
        ev.add_bead(1, 2, 0b001);
    }
    let s = Shapes::learn(&ev);
    assert!(s.0[2][1][0b100] < -2.0, "{}", s.0[2][1][0b100]);
    assert!(s.0[1][2][0b001] < -2.0, "{}", s.0[1][2][0b001]);
    // a merge without one is dearer than a 1-1 without one
    assert!(s.0[2][1][0] > s.0[1][1][0] + 1.0);
    // a 1-1 with a semicolon is dearer than a merge with it
    assert!(s.0[1][1][0b01] > s.0[1][2][0b001] + 2.0);
    // it reads the evidence's text the same
    let back = Evidence::from_text(&ev.to_text(), std::path::Path::new("x")).unwrap();
    assert_eq!(Shapes::learn(&back).0, s.0);
}

#[test]
fn a_semicolon_is_a_sentence_shape() {
    assert_eq!(features::raw("Бұл болды; ол кетті.", true).typo, features::SEMI);
    assert_eq!(features::raw("It happened.", false).typo, 0);
}

#[test]
fn the_core_word_list_finds_the_pair_that_lengths_miss() {
    let core = Lexicon::core();
    let tr = |w: &str| core.map.get(&features::stem(w)).cloned().unwrap_or_default();
    assert!(tr("жылы").contains(&features::stem("year")));
    assert!(tr("үкіметі").contains(&features::stem("government")));
    assert!(tr("кеше").contains(&features::stem("yesterday")));
    assert!(tr("Лондон").is_empty());
    // the English side lost the first sentence, and the lengths favour the
    // wrong pair; the words the list knows (`мектеп`/`school`, `жаңа`/`new`,
    // `кітап`/`book`) say which
    let kk = [
        "Өзен қыста толығымен қатып қалды.",
        "Мектеп кеше жаңа кітаптар алды.",
    ];
    let en = ["Yesterday the school got some new books."];
    let beads = Aligner::default().align(&kk, &en);
    assert_eq!(kinds(&beads), ["1-0", "1-1"], "{beads:?}");
    let beads = Aligner::default().core_lexicon(false).align(&kk, &en);
    assert_eq!(kinds(&beads), ["1-1", "1-0"], "{beads:?}");
    // a user dictionary adds to the list, and the list can be left out
    let user = Lexicon::parse_dictionary("river @ өзен", std::path::Path::new("d.dic")).unwrap();
    let with_user = Aligner::default().with_dictionary(user.clone());
    assert_eq!(
        with_user.dictionary.len(),
        core.len() + usize::from(!core.map.contains_key(&features::stem("өзен")))
    );
    assert_eq!(
        Aligner::default()
            .core_lexicon(false)
            .with_dictionary(user)
            .dictionary
            .len(),
        1
    );
}

#[test]
fn bead_priors_follow_the_side_the_corpus_leaves_out() {
    // no beads: the hand-set priors
    assert_eq!(corpus_priors(&Evidence::new()), HAND_PRIORS);
    // a corpus whose Kazakh side has three times the extra sentences of the
    // English one, and whose merges are even
    let mut ev = Evidence::new();
    for _ in 0..500 {
        ev.add_bead(1, 1, 0);
    }
    for _ in 0..60 {
        ev.add_bead(1, 0, 0);
    }
    for _ in 0..20 {
        ev.add_bead(0, 1, 0);
    }
    for _ in 0..30 {
        ev.add_bead(2, 1, 0);
        ev.add_bead(1, 2, 0);
    }
    let p = Aligner::default().learn(&ev).priors;
    // share (60 + 20) / (80 + 40) = 2/3: 1-0 cheaper by ln(4/3), 0-1 dearer by ln(3/2)
    assert!((p[1] - (BEADS[1].2 - (4.0f32 / 3.0).ln())).abs() < 1e-4, "{p:?}");
    assert!((p[2] - (BEADS[2].2 + 1.5f32.ln())).abs() < 1e-4, "{p:?}");
    // the pair's weight is the hand-set one
    let w = (-p[1]).exp() + (-p[2]).exp();
    assert!((w - 2.0 * (-BEADS[1].2).exp()).abs() < 1e-5);
    // even merges, the 1-1 and the 2-2 keep theirs
    assert_eq!(
        [p[0], p[3], p[4], p[5]],
        [BEADS[0].2, BEADS[3].2, BEADS[4].2, BEADS[5].2]
    );
    // a few beads move them little
    let mut few = Evidence::new();
    few.add_bead(1, 0, 0);
    few.add_bead(1, 0, 0);
    let q = corpus_priors(&few);
    assert!(q[1] < BEADS[1].2 && q[1] > BEADS[1].2 - 0.1, "{q:?}");
}

#[test]
fn no_merge_across_a_paragraph_break_even_when_paragraph_counts_differ() {
    // the Kazakh side opens with a heading in a paragraph of its own that
    // the English leaves out: three Kazakh paragraphs, two English ones, so
    // paragraph numbers cannot be compared; lengths alone would merge the
    // heading into the next sentence's bead
    let kk = [
        ("Өңірдегі егін науқаны", 0),
        (
            "Биыл фермерлер бидайды ертерек жинап, қоймаларды күзге дейін толтырды.",
            1,
        ),
        ("Келесі аптада жаңбыр күтіледі.", 2),
    ];
    let en = [
        (
            "This year farmers brought in the wheat harvest early and filled the storehouses before autumn.",
            0,
        ),
        ("Rain is expected next week.", 1),
    ];
    let doc = DocPair {
        kk: kk.iter().map(|&(text, para)| Sentence { text, para }).collect(),
        en: en.iter().map(|&(text, para)| Sentence { text, para }).collect(),
    };
    let beads = Aligner::default().align_doc(&doc);
    assert_eq!(kinds(&beads), ["1-0", "1-1", "1-1"], "{beads:?}");
    assert_eq!(beads[1].kk, 1..2);
}
