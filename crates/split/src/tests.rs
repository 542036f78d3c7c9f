use super::*;

fn split(lang: Lang, t: &str) -> Vec<&str> {
    Splitter::new(lang).split(t).into_iter().map(|r| &t[r]).collect()
}

fn kk(t: &str) -> Vec<&str> {
    split(Lang::Kk, t)
}

#[test]
fn decimals_dates_and_quotes() {
    assert_eq!(
        kk("Қылмыстар 12,5 пайызға азайды. \"Адал азамат\" қабылданды. 26.11.2025 күні көрме ашылды."),
        [
            "Қылмыстар 12,5 пайызға азайды.",
            "\"Адал азамат\" қабылданды.",
            "26.11.2025 күні көрме ашылды."
        ]
    );
}

#[test]
fn abbreviations_and_initials() {
    assert_eq!(
        kk("Қ. Тоқаев 2025 ж. Астанада болды."),
        ["Қ. Тоқаев 2025 ж. Астанада болды."]
    );
    assert_eq!(
        kk("М. Р. Пехлеви мен Қ.Тоқаев кездесті."),
        ["М. Р. Пехлеви мен Қ.Тоқаев кездесті."]
    );
    assert_eq!(
        kk("Б.з.б. V ғасырда салынған. Экспорт 1,648 млн. км² жетті."),
        ["Б.з.б. V ғасырда салынған.", "Экспорт 1,648 млн. км² жетті."]
    );
    assert_eq!(
        kk("Олар, т. б. (тағы басқа), келді."),
        ["Олар, т. б. (тағы басқа), келді."]
    );
    // a sentence-final abbreviation splits before a capital
    assert_eq!(
        kk("Армяндар, еврейлер, т.б. Қала халқы 58,3%."),
        ["Армяндар, еврейлер, т.б.", "Қала халқы 58,3%."]
    );
}

#[test]
fn quotes_with_inner_punctuation() {
    assert_eq!(
        kk("«Біз дайынбыз!» деді ол. Жарыс басталды."),
        ["«Біз дайынбыз!» деді ол.", "Жарыс басталды."]
    );
    assert_eq!(
        kk("«Дайын болдық па?» деп сұрады. Ол күлді."),
        ["«Дайын болдық па?» деп сұрады.", "Ол күлді."]
    );
    assert_eq!(
        kk("Ол: «Келемін». Біз күттік."),
        ["Ол: «Келемін».", "Біз күттік."]
    );
    // a quotation of several sentences is split into them ...
    assert_eq!(
        kk("Ол айтты: «Біз келдік. Енді бастаймыз». Сөйтіп кетті."),
        ["Ол айтты: «Біз келдік.", "Енді бастаймыз».", "Сөйтіп кетті."]
    );
    // ... unless the sentence goes on after it in lower case
    assert_eq!(
        kk("«Біз келдік. Енді бастаймыз», – деді ол. Сөйтіп кетті."),
        ["«Біз келдік. Енді бастаймыз», – деді ол.", "Сөйтіп кетті."]
    );
}

#[test]
fn no_split_inside_quotations() {
    let en = |t| split(Lang::En, t);
    assert_eq!(
        en("He said, \"We are ready. Let us go.\" Then he left."),
        ["He said, \"We are ready.", "Let us go.\"", "Then he left."]
    );
    assert_eq!(
        en("\"Stop. Wait here,\" she said. They waited."),
        ["\"Stop. Wait here,\" she said.", "They waited."]
    );
    assert_eq!(
        kk("Ол „Біз келдік. Бастаймыз“ деді. Жарайды."),
        ["Ол „Біз келдік. Бастаймыз“ деді.", "Жарайды."]
    );
    // a quote that never closes does not swallow the line
    assert_eq!(
        kk("Ол «Біз келдік. Бастаймыз деді. Жарайды."),
        ["Ол «Біз келдік.", "Бастаймыз деді.", "Жарайды."]
    );
}

#[test]
fn dashes_questions_and_ellipses() {
    assert_eq!(
        kk("Бұл маңызды. - Біз қолдаймыз."),
        ["Бұл маңызды.", "- Біз қолдаймыз."]
    );
    assert_eq!(kk("Оның не керегі бар? — деді."), ["Оның не керегі бар? — деді."]);
    assert_eq!(kk("Аман барарсың... — деді."), ["Аман барарсың... — деді."]);
    assert_eq!(
        kk("Ауыл шаруашылығы – кім? не?"),
        ["Ауыл шаруашылығы – кім?", "не?"]
    );
    assert_eq!(
        kk("Солай ма?! Иә. Білмеймін?.. Мүмкін!.. Жоқ..."),
        ["Солай ма?!", "Иә.", "Білмеймін?..", "Мүмкін!..", "Жоқ..."]
    );
}

#[test]
fn numbers_lists_and_missing_spaces() {
    assert_eq!(kk("12. Мұнан кейін жиын болды."), ["12. Мұнан кейін жиын болды."]);
    assert_eq!(
        kk("Орташа жас – 35. Бұл жақсы."),
        ["Орташа жас – 35.", "Бұл жақсы."]
    );
    assert_eq!(
        kk("Ресейдің жағдайы.XVIII ғасырда өзгерді."),
        ["Ресейдің жағдайы.", "XVIII ғасырда өзгерді."]
    );
    assert_eq!(
        kk("Сайт akorda.kz мекенжайында."),
        ["Сайт akorda.kz мекенжайында."]
    );
}

#[test]
fn headings_and_lines() {
    assert_eq!(
        kk("Жаңа мектеп ашылды\nОқушылар келді. Сабақ басталды"),
        ["Жаңа мектеп ашылды", "Оқушылар келді.", "Сабақ басталды"]
    );
}

#[test]
fn english() {
    let en = |t| split(Lang::En, t);
    assert_eq!(
        en("Mr. Smith met Dr. Jones. They talked."),
        ["Mr. Smith met Dr. Jones.", "They talked."]
    );
    assert_eq!(
        en("The U.S. President arrived at 10 a.m. on Monday. No. 5 won."),
        ["The U.S. President arrived at 10 a.m. on Monday.", "No. 5 won."]
    );
    assert_eq!(
        en("Crops, e.g. barley, grew 12.5 percent. \"Good!\" he said. J. K. Rowling wrote."),
        [
            "Crops, e.g. barley, grew 12.5 percent.",
            "\"Good!\" he said.",
            "J. K. Rowling wrote."
        ]
    );
    assert_eq!(
        en("Apples, pears, etc. The rest was sold."),
        ["Apples, pears, etc.", "The rest was sold."]
    );
}

#[test]
fn user_abbreviations() {
    let s = Splitter::new(Lang::Kk).with_abbreviations(["сағ.", "!эксп"]);
    let t = "Сағ. Бесте келді. Эксп. Жаңа.";
    let got: Vec<&str> = s.split(t).into_iter().map(|r| &t[r]).collect();
    assert_eq!(got, ["Сағ. Бесте келді.", "Эксп.", "Жаңа."]);
}

#[test]
fn spans_cover_only_non_space() {
    let t = "  Ab cd.  Ef gh!\nIj kl  ";
    let r = Splitter::new(Lang::En).split(t);
    assert_eq!(r, vec![2..8, 10..16, 17..22]);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn check(lang: Lang, t: &str) {
        let spans = Splitter::new(lang).split(t);
        let mut last = 0;
        for r in &spans {
            assert!(r.start >= last && r.start < r.end && r.end <= t.len());
            assert!(
                t[last..r.start].chars().all(char::is_whitespace),
                "gap holds text in {t:?}"
            );
            let s = &t[r.clone()];
            assert_eq!(s.trim(), s);
            // a line break inside a sentence only where a line wraps: a
            // lowercase word before it, a lowercase letter after it
            for (i, _) in s.match_indices('\n') {
                let before = s[..i].trim_end().chars().last();
                let after = s[i + 1..].trim_start().chars().next();
                assert!(
                    before.is_some_and(char::is_lowercase),
                    "break after {before:?} in {s:?}"
                );
                assert!(
                    after.is_some_and(char::is_lowercase),
                    "break before {after:?} in {s:?}"
                );
            }
            last = r.end;
        }
        assert!(t[last..].chars().all(char::is_whitespace));
    }

    proptest! {
        #[test]
        fn spans_tile_the_text(t in "[ a-zA-Zа-яәіқҚІ0-9.,!?…«»\"()\\-–—\n]{0,120}") {
            check(Lang::Kk, &t);
            check(Lang::En, &t);
        }

        #[test]
        fn any_text(t in "\\PC{0,80}") {
            check(Lang::Kk, &t);
            check(Lang::En, &t);
        }

        #[test]
        fn casual_text(t in "(i |i'm |[a-z]{1,6}|[A-Z][a-z]{0,5}|[0-9]{1,4}|US|mhm|\\(|\\)|\\[|\\]|\\. |\\.\n|\n| |-|\"){0,40}") {
            check(Lang::En, &t);
            check(Lang::Kk, &t);
        }
    }
}

#[test]
fn long_texts_split_in_chunks_give_the_same_spans() {
    // over 256 KiB: split_parallel cuts it in chunks at line ends
    let s = Splitter::new(Lang::Kk);
    let lines = [
        "Бүгін ауа райы жылы. Ертең жаңбыр жауады!",
        "«Ол келеді. Біз күтеміз», - деді ол. Т.б. сөздер.",
        "",
        "Қ.Тоқаев 2024 ж. келді. Сосын кетті?",
    ];
    let mut text = String::new();
    let mut expected = Vec::new();
    let mut i = 0;
    while text.len() < 700_000 {
        let line = lines[i % lines.len()];
        let base = text.len();
        expected.extend(s.split(line).into_iter().map(|r| base + r.start..base + r.end));
        text.push_str(line);
        text.push('\n');
        i += 1;
    }
    assert_eq!(s.split(&text), expected);
    #[cfg(feature = "rayon")]
    assert_eq!(s.split_parallel(&text), expected);
}

#[test]
fn curly_quotes_by_their_role() {
    // `“` closing a Kazakh quotation, and `”` opening one
    assert_eq!(
        kk("Ол: “Біз жеңдік“. Бәрі қуанды."),
        ["Ол: “Біз жеңдік“.", "Бәрі қуанды."]
    );
    assert_eq!(
        kk("Жиын аяқталды. ”Келесі жыл жақсы болады”, – деді ол. Сөйтті."),
        [
            "Жиын аяқталды.",
            "”Келесі жыл жақсы болады”, – деді ол.",
            "Сөйтті."
        ]
    );
    assert_eq!(
        kk("Сұрақ: „Келесің бе?“ Жауап болмады."),
        ["Сұрақ: „Келесің бе?“", "Жауап болмады."]
    );
}

#[test]
fn english_abbreviations_by_what_follows() {
    let en = |t| split(Lang::En, t);
    // a company word or a country ends a sentence before a sentence opener ...
    assert_eq!(
        en("We met Acme Co. They agreed. We flew to the U.K. Then we rested."),
        [
            "We met Acme Co.",
            "They agreed.",
            "We flew to the U.K.",
            "Then we rested."
        ]
    );
    // ... but not before a name or a noun
    assert_eq!(
        en("The U.S. Congress met Acme Co. Ltd today."),
        ["The U.S. Congress met Acme Co. Ltd today."]
    );
    // `No.` is an abbreviation only before a number
    assert_eq!(
        en("Did it rain? No. Then we walk. Room No. 4 is free."),
        ["Did it rain?", "No.", "Then we walk.", "Room No. 4 is free."]
    );
    // a month may end a sentence
    assert_eq!(
        en("It opened in Nov. Crowds came. It shut Nov. 30."),
        ["It opened in Nov.", "Crowds came.", "It shut Nov. 30."]
    );
    // a lone capital before a sentence opener, and an apostrophe inside a word
    assert_eq!(
        en("Ask him and me. Not Tom B. Walker."),
        ["Ask him and me.", "Not Tom B. Walker."]
    );
    assert_eq!(
        en("It was for Plan B. We had none."),
        ["It was for Plan B.", "We had none."]
    );
    assert_eq!(
        en("She fed the dog's. Then she left."),
        ["She fed the dog's.", "Then she left."]
    );
    // titles never end one
    assert_eq!(en("Capt. Reed met Sgt. Hale."), ["Capt. Reed met Sgt. Hale."]);
    assert_eq!(
        en("It named Sens. Lee and Hatch."),
        ["It named Sens. Lee and Hatch."]
    );
    // a street ends one before an opener, a saint never; an extension goes with its number
    assert_eq!(
        en("We live on Oak St. It is quiet. St. Paul is near. Dial ext. 12 now."),
        [
            "We live on Oak St.",
            "It is quiet.",
            "St. Paul is near.",
            "Dial ext. 12 now."
        ]
    );
}

#[test]
fn web_text_sentences_that_start_in_lower_case() {
    let en = |t| split(Lang::En, t);
    assert_eq!(
        en("we ate there twice. it was great!! the staff knew us. i will be back."),
        [
            "we ate there twice.",
            "it was great!!",
            "the staff knew us.",
            "i will be back."
        ]
    );
    assert_eq!(
        en("loved it!! would go again! why? no idea. We use Yahoo! in class."),
        [
            "loved it!!",
            "would go again!",
            "why?",
            "no idea.",
            "We use Yahoo! in class."
        ]
    );
    // not after an abbreviation, an initial, an ellipsis or a closing quote,
    // nor before a word that goes on sentences (`and`, `then`)
    for whole in [
        "Meet at 9 a.m. the day after.",
        "Ask J. the clerk.",
        "We waited... it came.",
        "\"Fine.\" she said.",
        "Pens, inks etc. and paper.",
        "They left. then came back.",
    ] {
        assert_eq!(en(whole), [whole], "{whole:?}");
    }
    // Kazakh keeps a lowercase word after a period in the sentence
    assert_eq!(kk("Ол келді. ол кетті."), ["Ол келді. ол кетті."]);
}

#[test]
fn kazakh_shortenings_and_initials() {
    assert_eq!(kk("Кітапты Дж. Лондон жазған."), ["Кітапты Дж. Лондон жазған."]);
    assert_eq!(kk("Оны Ф.Д. Рузвельт айтқан."), ["Оны Ф.Д. Рузвельт айтқан."]);
    assert_eq!(
        kk("Оңт. Корея мен Солт. Ирландия келді."),
        ["Оңт. Корея мен Солт. Ирландия келді."]
    );
    // a unit after a number ends a sentence before a capital
    assert_eq!(
        kk("Жауын жылына 300 мм. Жазы ыстық."),
        ["Жауын жылына 300 мм.", "Жазы ыстық."]
    );
    // lowercase joined letters: a capital after them starts a sentence, a number does not
    assert_eq!(
        kk("Нүкте 43.1° с.ш. 76.9° ш.б. Тереңдігі 5 км."),
        ["Нүкте 43.1° с.ш. 76.9° ш.б.", "Тереңдігі 5 км."]
    );
    // English titles inside Kazakh text
    assert_eq!(kk("Оны Dr. Brown растады."), ["Оны Dr. Brown растады."]);
}

#[test]
fn lists_bullets_ellipses_and_footnotes() {
    let en = |t| split(Lang::En, t);
    assert_eq!(en("1) Buy milk 2) Sell eggs"), ["1) Buy milk", "2) Sell eggs"]);
    assert_eq!(en("1.) Wash it. 2.) Dry it."), ["1.) Wash it.", "2.) Dry it."]);
    assert_eq!(en("a. Red ones b. Blue ones"), ["a. Red ones", "b. Blue ones"]);
    assert_eq!(
        kk("• Бірінші тармақ • Екінші тармақ"),
        ["• Бірінші тармақ", "• Екінші тармақ"]
    );
    // a number ending a sentence is not a list item without a list before it
    assert_eq!(
        en("They won 3. The fans cheered."),
        ["They won 3.", "The fans cheered."]
    );
    // spaced ellipses: three dots stay inside, a period then three dots ends it
    assert_eq!(
        en("We waited . . . Nobody came."),
        ["We waited . . . Nobody came."]
    );
    assert_eq!(
        en("It ended. . . . Then it began."),
        ["It ended.", ". . . Then it began."]
    );
    // a footnote mark stays with the sentence before it
    assert_eq!(
        en("It grew fast. [3]\nLater it fell."),
        ["It grew fast. [3]", "Later it fell."]
    );
    // a parenthesised citation after an elided quotation
    assert_eq!(en("\"It was [...]\" (Lee 12)."), ["\"It was [...]\" (Lee 12)."]);
}

#[test]
fn glued_sentences_and_wrapped_lines() {
    let en = |t| split(Lang::En, t);
    assert_eq!(
        en("We won.Tomorrow we rest.Mr. Lee paid 2,000.That was all."),
        [
            "We won.",
            "Tomorrow we rest.",
            "Mr. Lee paid 2,000.",
            "That was all."
        ]
    );
    assert_eq!(
        en("Write to Ann.Lee@mail.example now."),
        ["Write to Ann.Lee@mail.example now."]
    );
    // a two-letter word too (web text: `I love it.Highly recommended.`), but
    // not an abbreviation (`vs.Smith`) or a capital (`St.Paul`, `No.5`)
    assert_eq!(
        en("I love it.Highly recommended. It was vs.Smith at St.Paul, No.5 on the list."),
        [
            "I love it.",
            "Highly recommended.",
            "It was vs.Smith at St.Paul, No.5 on the list."
        ]
    );
    assert_eq!(
        kk("Мен оны көрдім, ол.Бүгін келді."),
        ["Мен оны көрдім, ол.", "Бүгін келді."]
    );
    // an ellipsis glued to a lowercase word and a capitalised one
    assert_eq!(
        en("I waited an hour...Then I left. Wait…What? The years 2010...2012 were good."),
        [
            "I waited an hour...",
            "Then I left.",
            "Wait…",
            "What?",
            "The years 2010...2012 were good."
        ]
    );
    // a line wrapped inside a sentence is one sentence; a heading is not wrapped
    assert_eq!(
        en("The road was\nclosed all day."),
        ["The road was\nclosed all day."]
    );
    assert_eq!(en("Annual Report\nsee below."), ["Annual Report", "see below."]);
    // lines that never reach a sentence end are items of a list
    assert_eq!(
        en("prices\nopening hours\nparking, toilets\n"),
        ["prices", "opening hours", "parking, toilets"]
    );
    assert_eq!(
        en("The road was\nclosed all day\nand most of the night."),
        ["The road was\nclosed all day\nand most of the night."]
    );
    assert_eq!(
        kk("Жол жабылды\nбүгін таңертең."),
        ["Жол жабылды\nбүгін таңертең."]
    );
}

#[test]
fn a_very_long_line_is_cut_at_clear_sentence_ends_and_quotes_stay_local() {
    // 200 KiB on one line, with a stray quote near the start and one near the end
    let mut text = String::from("Ол «бастады. ");
    while text.len() < 200_000 {
        text.push_str("Үкімет жаңа жоспарды бекітті. Министр брифингте айтты. ");
    }
    text.push_str("Соңы» деді.");
    let sents = kk(&text);
    // every sentence is found: the stray quotes do not hold 200 KiB together
    assert!(sents.len() > 3_000, "{}", sents.len());
    assert!(
        sents.iter().all(|s| s.len() < 200),
        "{:?}",
        sents.iter().map(|s| s.len()).max()
    );
    // 200 KiB cut every 64 KiB or so: three cuts, each at a sentence start
    assert_eq!(clear_sentence_ends(&text, 1 << 16).count(), 3);
    for end in clear_sentence_ends(&text, 1 << 16) {
        assert!(text[..end].ends_with(". "));
        assert!(text[end..].starts_with(char::is_uppercase));
    }
}

#[test]
fn a_time_or_an_acronym_ends_the_sentence_before_a_pronoun_or_quantifier() {
    let en = |t| split(Lang::En, t);
    assert_eq!(
        en("The meeting began at 3 p.m. Everyone came on time."),
        ["The meeting began at 3 p.m.", "Everyone came on time."]
    );
    assert_eq!(
        en("Prices rose in the U.S. Many stores closed early."),
        ["Prices rose in the U.S.", "Many stores closed early."]
    );
    // before a name or a title word the abbreviation stays inside the sentence
    assert_eq!(
        en("The U.S. Army arrived at 9 a.m. Monday."),
        ["The U.S. Army arrived at 9 a.m. Monday."]
    );
}

#[test]
fn a_dash_inside_parentheses_opens_no_dialogue() {
    assert_eq!(
        kk("Сенатор Джон Смит (Д. – Огайо) дауыс берді. – Біз келістік, – деді ол."),
        [
            "Сенатор Джон Смит (Д. – Огайо) дауыс берді.",
            "– Біз келістік, – деді ол."
        ]
    );
}

#[test]
fn police_and_army_ranks_stay_with_their_name() {
    let en = |t| split(Lang::En, t);
    assert_eq!(
        en("The money was ready, Det. Dennis Ward wrote. Cpl. Jones and Insp. Lee agreed."),
        [
            "The money was ready, Det. Dennis Ward wrote.",
            "Cpl. Jones and Insp. Lee agreed."
        ]
    );
}

#[test]
fn a_writer_who_drops_capitals_starts_sentences_in_lower_case() {
    let en = |t| split(Lang::En, t);
    // edited text: a lowercase word after a period stays in the sentence
    // unless it is one that opens sentences (`the`, `i`, ...)
    assert_eq!(
        en("The shop opens tomorrow. please is not a word it knows."),
        ["The shop opens tomorrow. please is not a word it knows."]
    );
    // the pronoun `i` in lower case: this writer drops capitals, so any
    // word after a plain word's period opens the next sentence
    assert_eq!(
        en("i called the shop. nobody answered. maybe tomorrow."),
        ["i called the shop.", "nobody answered.", "maybe tomorrow."]
    );
    // but not after an abbreviation, a shortening with no vowel, an initial
    // or a time
    assert_eq!(
        en("i met approx. twenty people from mgmt. here, and J. came at 5 p.m. sharp."),
        ["i met approx. twenty people from mgmt. here, and J. came at 5 p.m. sharp."]
    );
    // and after a number, an acronym, a hyphenated word, a parenthesis,
    // and a vowelless interjection that is a sentence of its own
    assert_eq!(
        en("i was born in 1990. my sister in the US. but the gain was two-fold. both (see page 4). fine"),
        [
            "i was born in 1990.",
            "my sister in the US.",
            "but the gain was two-fold.",
            "both (see page 4).",
            "fine"
        ]
    );
    assert_eq!(
        en("i know.\nmhm. did you call?"),
        ["i know.", "mhm.", "did you call?"]
    );
    // a closing quote: a lowercase word after it is the attribution, or
    // from such a writer the next sentence
    assert_eq!(
        en("i read \"we won.\" then we left. \"fine.\" she said. \"ok?\" asked Tom."),
        [
            "i read \"we won.\"",
            "then we left.",
            "\"fine.\" she said.",
            "\"ok?\" asked Tom."
        ]
    );
    assert_eq!(
        en("I read \"we won.\" then we left."),
        ["I read \"we won.\" then we left."]
    );
    // a list number opening the sentence is not an end
    assert_eq!(en("i have two.\n1. buy milk"), ["i have two.", "1. buy milk"]);
    // two lines that start in lower case are the same sign
    assert_eq!(
        en("great food.\nfriendly staff. will come back.\nok"),
        ["great food.", "friendly staff.", "will come back.", "ok"]
    );
    // one is not: edited text has a stray one now and then
    assert_eq!(
        en("Good food.\nfriendly staff. will come back."),
        ["Good food.", "friendly staff. will come back."]
    );
    // a wrapped line does not count, nor does a name like `iPhone`
    assert_eq!(
        en("The road was\nclosed. later it opened.\niPhone sales rose. later they fell."),
        [
            "The road was\nclosed. later it opened.",
            "iPhone sales rose. later they fell."
        ]
    );
    // such a writer's line breaks all end sentences: a lowercase line start
    // is no sign that the line before was wrapped
    assert_eq!(
        en("i got it, thanks\nsee you friday\nbye"),
        ["i got it, thanks", "see you friday", "bye"]
    );
    assert_eq!(
        en("I got it, thanks\nsee you friday."),
        ["I got it, thanks\nsee you friday."]
    );
    assert_eq!(
        en("i got it, thanks\nsee you friday."),
        ["i got it, thanks", "see you friday."]
    );
    // Kazakh keeps its rules
    assert_eq!(
        split(Lang::Kk, "i келді. бүгін келді."),
        ["i келді. бүгін келді."]
    );
}
