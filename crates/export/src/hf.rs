//! Hugging Face dataset folders: JSONL splits plus a dataset card.

use std::collections::BTreeMap;
use std::path::Path;

use kazpar_corpus::PairRecord;

use crate::moses::atomic;
use crate::parquet::{write_parquet, HfRow, Translation};
use crate::{ExportError, Report};

/// Write a Hugging Face dataset folder: `DIR/data/<split>.parquet` (what the
/// card points `datasets` at) and `DIR/data/<split>.jsonl` (the same rows) for
/// each split and `DIR/README.md`, a dataset card whose YAML declares the
/// languages, a licence placeholder, the task, the features (the date typed
/// as a string, `translation` as a Translation feature over `kk` and `en`),
/// the splits and their sizes. Only pairs with both sides are written; a
/// split left without rows is not written (the `datasets` library rejects
/// declared splits without data).
/// `extra` is Markdown appended to the card (e.g. publishing statistics).
pub fn write_hf(splits: &[(&str, Vec<&PairRecord>)], dir: &Path, extra: &str) -> Result<Report, ExportError> {
    let mut rep = Report::default();
    let data = dir.join("data");
    std::fs::create_dir_all(&data).map_err(|source| ExportError::Io {
        path: data.clone(),
        source,
    })?;
    let mut stats = Vec::new();
    for (name, records) in splits {
        let mut body = Vec::new();
        let (mut n, mut kk_chars, mut en_chars, mut docs) =
            (0usize, 0usize, 0usize, std::collections::BTreeSet::new());
        let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
        let mut prows = Vec::new();
        for r in records {
            let (Some(kk), Some(en)) = (&r.kk, &r.en) else {
                rep.skipped_one_sided += 1;
                continue;
            };
            let row = HfRow {
                id: &r.id,
                doc: &r.doc,
                date: r.date.as_deref(),
                translation: Translation { kk, en },
                kind: &r.kind,
                score: r.score,
            };
            serde_json::to_writer(&mut body, &row).expect("rows serialize");
            body.push(b'\n');
            prows.push(row);
            n += 1;
            kk_chars += kk.chars().count();
            en_chars += en.chars().count();
            docs.insert(r.doc.as_str());
            *kinds.entry(r.kind.as_str()).or_insert(0) += 1;
        }
        rep.written += n;
        let path = data.join(format!("{name}.jsonl"));
        let ppath = data.join(format!("{name}.parquet"));
        if n == 0 {
            // `datasets` refuses a declared split without rows: leave it out of the folder and the card
            for path in [path, ppath] {
                if path.exists() {
                    std::fs::remove_file(&path).map_err(|source| ExportError::Io { path, source })?;
                }
            }
            continue;
        }
        atomic(&path, |w| w.write_all(&body))?;
        let pq = write_parquet(&prows);
        atomic(&ppath, |w| w.write_all(&pq))?;
        stats.push(SplitStats {
            name: name.to_string(),
            rows: n,
            bytes: pq.len(),
            docs: docs.len(),
            kk_chars,
            en_chars,
            kinds,
        });
    }
    let card = card(&stats, extra);
    atomic(&dir.join("README.md"), |w| w.write_all(card.as_bytes()))?;
    Ok(rep)
}

struct SplitStats<'a> {
    name: String,
    rows: usize,
    bytes: usize,
    docs: usize,
    kk_chars: usize,
    en_chars: usize,
    kinds: BTreeMap<&'a str, usize>,
}

fn card(stats: &[SplitStats<'_>], extra: &str) -> String {
    let total: usize = stats.iter().map(|s| s.rows).sum();
    let bytes: usize = stats.iter().map(|s| s.bytes).sum();
    let size = match total {
        0..=999 => "n<1K",
        1000..=9999 => "1K<n<10K",
        10000..=99999 => "10K<n<100K",
        100000..=999999 => "100K<n<1M",
        _ => "1M<n<10M",
    };
    let mut y = String::new();
    y.push_str("---\nlanguage:\n- kk\n- en\n");
    y.push_str("license: other # TODO: replace with the licence of your source texts (e.g. cc-by-4.0)\n");
    y.push_str("license_name: fill-in\n");
    y.push_str("task_categories:\n- translation\n");
    y.push_str(&format!(
        "size_categories:\n- {size}\npretty_name: Kazakh-English sentence pairs (kazpar)\n"
    ));
    // `datasets` reads `dataset_info` for the config named `default` (the one under `configs`)
    y.push_str("dataset_info:\n  config_name: default\n  features:\n");
    y.push_str("  - name: id\n    dtype: string\n  - name: doc\n    dtype: string\n  - name: date\n    dtype: string\n");
    y.push_str("  - name: translation\n    dtype:\n      translation:\n        languages:\n        - kk\n        - en\n");
    y.push_str("  - name: kind\n    dtype: string\n  - name: score\n    dtype: float64\n");
    // every split needs name, num_bytes and num_examples, or `datasets` drops the declared info
    y.push_str("  splits:\n");
    for s in stats {
        y.push_str(&format!(
            "  - name: {}\n    num_bytes: {}\n    num_examples: {}\n",
            s.name, s.bytes, s.rows
        ));
    }
    y.push_str(&format!("  download_size: {bytes}\n  dataset_size: {bytes}\n"));
    y.push_str("configs:\n- config_name: default\n  data_files:\n");
    for s in stats {
        y.push_str(&format!(
            "  - split: {}\n    path: data/{}.parquet\n",
            s.name, s.name
        ));
    }
    y.push_str("---\n\n");
    y.push_str("# Kazakh–English sentence pairs\n\n");
    y.push_str("Aligned Kazakh–English sentence pairs made with [kazpar](https://example.invalid/kazpar): ");
    y.push_str("documents normalized, split into sentences and aligned. Each row has `id` (stable: document id and position), ");
    y.push_str("`doc`, `date` (`YYYY-MM-DD`, a string), `translation` (`kk`, `en`), the alignment `kind` (`1-1`, `2-1`, …) and its `score` in [0, 1].\n\n");
    y.push_str("**Licence:** fill in the `license` field above with the licence of the source texts before publishing.\n\n");
    y.push_str("## Splits\n\n| split | pairs | documents | kk characters | en characters | kinds |\n|---|---|---|---|---|---|\n");
    for s in stats {
        let k: Vec<String> = s.kinds.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        y.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            s.name,
            s.rows,
            s.docs,
            s.kk_chars,
            s.en_chars,
            k.join(", ")
        ));
    }
    y.push('\n');
    y.push_str(extra);
    y
}
