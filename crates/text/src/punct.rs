//! Pass 5: punctuation profiles.

use crate::{Builder, PassOut, Punct, Rule};

/// ASCII for a punctuation mark under `--punct ascii`.
fn ascii(c: char) -> Option<&'static str> {
    Some(match c {
        '«' | '»' | '„' | '“' | '”' | '‟' | '″' | '〝' | '〞' => "\"",
        '‘' | '’' | '‚' | '‛' | '′' | '‹' | '›' => "'",
        '–' | '—' | '―' | '‒' | '−' => "-",
        '…' => "...",
        _ => return None,
    })
}

/// Hyphen variants unified under the default profile.
fn variant(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2010}' | '\u{2011}' => "-",
        _ => return None,
    })
}

/// Run the pass; `None` when there is nothing to do.
pub(crate) fn punctuation(input: &str, profile: Punct) -> Option<PassOut> {
    let map = |c: char| match profile {
        Punct::Keep => variant(c).map(|s| (Rule::PunctVariant, s)),
        Punct::Ascii => variant(c)
            .map(|s| (Rule::PunctVariant, s))
            .or_else(|| ascii(c).map(|s| (Rule::PunctAscii, s))),
    };
    if input.is_ascii() || !input.chars().any(|c| map(c).is_some()) {
        return None;
    }
    let mut out = Builder::for_input(input);
    // the text between changes is kept a run at a time
    let mut kept = 0;
    for (i, c) in input.char_indices() {
        if let Some((rule, to)) = map(c) {
            out.keep(input, kept..i);
            out.replace(rule, input, i..i + c.len_utf8(), to);
            kept = i + c.len_utf8();
        }
    }
    out.keep(input, kept..input.len());
    Some(out.finish(input.len()))
}
