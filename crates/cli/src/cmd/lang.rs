//! `kazpar lang`: the language of each line of a text, or of each JSONL document.

use std::path::PathBuf;

use anyhow::{Context, Result};
use kazpar_lang::{Classifier, Model, Options};
use rayon::prelude::*;

use crate::io::{display_name, read_text, write_output};

/// Inputs of at least this many bytes are labelled on all cores.
const PARALLEL_FROM: usize = 1 << 18;

/// Flags of `kazpar lang`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  kazpar lang --lines titles.txt               # one code per input line
  echo 'Бүгін ауа райы жақсы.' | kazpar lang   # the whole input as one text: kk
  kazpar lang --docs docs.jsonl > verdicts.jsonl

Codes: kk ru ky tt ba tg mn be uk bg sr mk en uz tr, or und for a text with no letter.
--docs reads one {\"id\", \"text\"} object per line (text: one sentence per line) and
prints {\"id\", \"lang\", \"mixed\", \"sent_langs\"} per document: the main language, whether
some line is in another one, and each line's language. A record that is not such an
object is named on stderr and gives {\"id\": null, \"error\": …} in its place; exit code 1.")]
pub struct Args {
    /// Input file, or - for stdin.
    #[arg(default_value = "-")]
    pub input: PathBuf,
    /// Output file (written atomically), or - for stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// One text per line in, one language code per line out.
    #[arg(long, conflicts_with = "docs")]
    pub lines: bool,
    /// JSONL documents in, one JSON verdict per document out.
    #[arg(long)]
    pub docs: bool,
    /// Use this model file (made by scripts/make-lang-model.py) instead of the built-in one.
    #[arg(long, value_name = "FILE", hide = true)]
    pub model: Option<PathBuf>,
    /// Cost in nats of a letter outside a language's alphabet (tuning).
    #[arg(long, hide = true)]
    pub letter_penalty: Option<f64>,
    /// Cost in nats of a letter of the other script (tuning).
    #[arg(long, hide = true)]
    pub script_penalty: Option<f64>,
    /// Prior for Kazakh over every other language, in nats (tuning).
    #[arg(long, hide = true)]
    pub kk_prior: Option<f64>,
    /// How much a line must beat its document's language by to count as another language (tuning).
    #[arg(long, hide = true)]
    pub doc_margin: Option<f64>,
}

/// The classifier the flags ask for: the built-in one unless a model or a setting is given.
fn classifier(args: &Args) -> Result<std::borrow::Cow<'static, Classifier>> {
    use std::borrow::Cow;
    if args.model.is_none()
        && args.letter_penalty.is_none()
        && args.script_penalty.is_none()
        && args.kk_prior.is_none()
        && args.doc_margin.is_none()
    {
        return Ok(Cow::Borrowed(Classifier::builtin()));
    }
    let model = match &args.model {
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("{}: cannot read", p.display()))?;
            Model::from_bytes(&bytes).with_context(|| format!("{}: cannot load", p.display()))?
        }
        None => Classifier::builtin().model().clone(),
    };
    let d = Options::default();
    let options = Options {
        letter_penalty: args.letter_penalty.unwrap_or(d.letter_penalty),
        script_penalty: args.script_penalty.unwrap_or(d.script_penalty),
        kk_prior: args.kk_prior.unwrap_or(d.kk_prior),
        doc_margin: args.doc_margin.unwrap_or(d.doc_margin),
    };
    Ok(Cow::Owned(Classifier::new(model, options)))
}

#[derive(serde::Deserialize)]
struct DocIn {
    id: Option<serde_json::Value>,
    text: String,
}

/// Run `kazpar lang`.
pub fn run(args: Args) -> Result<u8> {
    let c = classifier(&args)?;
    let input = read_text(&args.input)?;
    let name = display_name(&args.input);
    let mut code = crate::EXIT_OK;
    write_output(args.output.as_deref(), |w| {
        if args.docs {
            // the one JSONL policy (kazpar_corpus::read_jsonl); a bad line keeps its place
            let path = std::path::Path::new(&name);
            for r in
                kazpar_corpus::read_jsonl::<DocIn>(input.as_bytes(), path, "an {\"id\", \"text\"} document")
            {
                match r {
                    Ok((_, doc)) => {
                        let lines: Vec<&str> = doc.text.lines().collect();
                        let v = c.classify_doc(&lines);
                        let sent: Vec<&str> = v.sent_langs.iter().map(|l| l.code()).collect();
                        let out = serde_json::json!({
                            "id": doc.id, "lang": v.lang.code(), "mixed": v.mixed, "sent_langs": sent,
                        });
                        writeln!(w, "{out}")?;
                    }
                    Err(e) => {
                        let msg = e.to_string();
                        eprintln!("kazpar lang: {msg}");
                        writeln!(w, "{}", serde_json::json!({"id": null, "error": msg}))?;
                        code = crate::EXIT_SKIPPED;
                    }
                }
            }
        } else if args.lines {
            // Lines are independent: large inputs are labelled in chunks on
            // all cores and written in input order.
            let lines: Vec<&str> = input.lines().collect();
            let label = |chunk: &[&str]| {
                let mut out = String::with_capacity(chunk.len() * 3);
                for line in chunk {
                    out.push_str(c.classify(line).code());
                    out.push('\n');
                }
                out
            };
            if input.len() < PARALLEL_FROM {
                w.write_all(label(&lines).as_bytes())?;
            } else {
                let parts: Vec<String> = lines.par_chunks(1024).map(label).collect();
                for p in parts {
                    w.write_all(p.as_bytes())?;
                }
            }
        } else {
            writeln!(w, "{}", c.classify(&input))?;
        }
        Ok(())
    })?;
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_unless_a_setting_is_given() {
        let mut a = Args {
            input: "-".into(),
            output: None,
            lines: true,
            docs: false,
            model: None,
            letter_penalty: None,
            script_penalty: None,
            kk_prior: None,
            doc_margin: None,
        };
        assert!(matches!(classifier(&a).unwrap(), std::borrow::Cow::Borrowed(_)));
        a.kk_prior = Some(0.0);
        let c = classifier(&a).unwrap();
        assert_eq!(c.options().kk_prior, 0.0);
        assert_eq!(c.options().doc_margin, Options::default().doc_margin);
    }
}
