//! The pipeline configuration: what shapes the output, and what the manifest
//! records as its settings.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Shard;

/// How document pairs are aligned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    /// kazpar's model: length, numbers, names, paragraphs, and a word table
    /// learned across the documents in a second pass.
    #[default]
    #[serde(rename = "two-pass, corpus-learned word table")]
    Kazpar,
    /// Gale and Church (1993): character lengths only (a baseline).
    #[serde(rename = "gale-church")]
    GaleChurch,
}

/// What the language check does with a document that is mostly in another
/// language than its side's (a Russian article in `kk/`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LangCheck {
    /// Skip it (and its partner), as `not-kazakh` / `not-english`.
    #[default]
    Skip,
    /// Keep it, with a warning.
    Warn,
    /// No check: sentences get no language labels.
    Off,
}

/// A pipeline configuration. It serializes as JSON and round-trips; its
/// JSON object is what `manifest.json` records under `settings`.
///
/// ```
/// use kazpar_pipeline::{Config, Shard};
/// let c = Config { shard: Some(Shard::new(3, 8).unwrap()), ..Config::default() };
/// let json = serde_json::to_string(&c).unwrap();
/// assert_eq!(json, r#"{"align":"two-pass, corpus-learned word table","lang_check":"skip","normalize":"default","shard":"3/8","split":"rules"}"#);
/// assert_eq!(serde_json::from_str::<Config>(&json).unwrap(), c);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Config {
    /// Alignment method.
    #[serde(default)]
    pub align: Method,
    /// The language check of every document.
    #[serde(default)]
    pub lang_check: LangCheck,
    /// Normalization: `default` (the only one so far: each side's language rules).
    #[serde(default = "default_normalize")]
    pub normalize: String,
    /// Only the documents of this shard are built (`None`: all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<Shard>,
    /// Sentence splitting: `rules` (the built-in rules and abbreviation lists).
    #[serde(default = "default_split")]
    pub split: String,
    /// Whether the aligner knows kazpar's core word list before it learns
    /// (`kazpar_align::Lexicon::core`); recorded only when it is off.
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub word_list: bool,
}

fn yes() -> bool {
    true
}

fn is_yes(b: &bool) -> bool {
    *b
}

fn default_normalize() -> String {
    "default".into()
}

fn default_split() -> String {
    "rules".into()
}

impl Default for Config {
    fn default() -> Self {
        Config {
            align: Method::default(),
            lang_check: LangCheck::default(),
            normalize: default_normalize(),
            shard: None,
            split: default_split(),
            word_list: true,
        }
    }
}

impl Config {
    /// The settings as the manifest records them (keys in order).
    pub fn settings(&self) -> BTreeMap<String, serde_json::Value> {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(m)) => m.into_iter().collect(),
            _ => unreachable!("a Config serializes as a JSON object"),
        }
    }
}
