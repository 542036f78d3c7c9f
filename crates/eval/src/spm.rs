//! A SentencePiece model reader and encoder, for sacreBLEU's spBLEU
//! tokenizers (`flores101`, `flores200`, `spBLEU-1K`): they tokenize with
//! `" ".join(sp.EncodeAsPieces(line))`, and [`SpmModel::encode_as_pieces`]
//! gives the same pieces as sentencepiece 0.2.3 (or, with [`Compat::V0_2_0`],
//! 0.2.0, which breaks unigram score ties differently).
//!
//! A `.model` file is a protobuf `ModelProto` (sentencepiece_model.proto):
//! field 1 the pieces (1 piece, 2 score, 3 type), 2 the `TrainerSpec`
//! (3 model_type, 24 treat_whitespace_as_suffix, 35 byte_fallback), 3 the
//! `NormalizerSpec` (1 name, 2 precompiled_charsmap, 3 add_dummy_prefix,
//! 4 remove_extra_whitespaces, 5 escape_whitespaces). The wire format is read
//! here by hand; nothing is downloaded and no C++ is involved.
//!
//! What is reproduced, after sentencepiece's sources:
//! - the normalizer (normalizer.cc): user-defined symbols first, then the
//!   longest match in the precompiled charsmap (a Darts double-array trie over
//!   a blob of NUL-terminated replacements), leading/trailing/repeated spaces
//!   removed, a dummy `▁` prefix, spaces escaped as U+2581;
//! - unigram encoding (unigram_model.cc, `EncodeOptimized`): Viterbi over byte
//!   positions with its float/double arithmetic, unknown characters scored
//!   `min_score - 10`, user-defined pieces `length * max_score - 0.1`;
//! - BPE encoding (bpe_model.cc): merges by highest score, leftmost first,
//!   unused pieces resegmented;
//! - the processor (sentencepiece_processor.cc): consecutive unknown pieces are
//!   merged into one, or split into `<0xNN>` byte pieces with byte fallback.

use std::collections::{BinaryHeap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

/// Why a model file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ModelError(String);

fn err<T>(msg: impl Into<String>) -> Result<T, ModelError> {
    Err(ModelError(msg.into()))
}

/// The algorithm of a model (`TrainerSpec.model_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelType {
    /// Unigram language model (sentencepiece's default).
    Unigram,
    /// Byte-pair encoding.
    Bpe,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PieceType {
    Normal,
    Unknown,
    Control,
    UserDefined,
    Unused,
    Byte,
}

impl PieceType {
    fn from_proto(v: u64) -> Self {
        match v {
            2 => PieceType::Unknown,
            3 => PieceType::Control,
            4 => PieceType::UserDefined,
            5 => PieceType::Unused,
            6 => PieceType::Byte,
            // 1, and (as protobuf leaves an unknown enum value unset) anything else.
            _ => PieceType::Normal,
        }
    }
}

#[derive(Debug, Clone)]
struct Piece {
    text: Box<str>,
    score: f32,
    kind: PieceType,
}

// ---------------------------------------------------------------- protobuf

enum Wire<'a> {
    Varint(u64),
    Fixed32(u32),
    Fixed64,
    Bytes(&'a [u8]),
}

struct Proto<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Proto<'a> {
    fn new(b: &'a [u8]) -> Self {
        Proto { b, i: 0 }
    }

    fn varint(&mut self) -> Result<u64, ModelError> {
        let mut v = 0u64;
        for k in 0..10 {
            let Some(&c) = self.b.get(self.i) else {
                return err("truncated varint");
            };
            self.i += 1;
            v |= u64::from(c & 0x7f) << (7 * k);
            if c < 0x80 {
                return Ok(v);
            }
        }
        err("varint longer than 10 bytes")
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if self.b.len() - self.i < n {
            return err("truncated field");
        }
        let s = &self.b[self.i..self.i + n];
        self.i += n;
        Ok(s)
    }

    /// The next field: its number and value; `None` at the end.
    fn next_field(&mut self) -> Result<Option<(u64, Wire<'a>)>, ModelError> {
        if self.i >= self.b.len() {
            return Ok(None);
        }
        let key = self.varint()?;
        let field = key >> 3;
        if field == 0 {
            return err("field number 0");
        }
        let wire = match key & 7 {
            0 => Wire::Varint(self.varint()?),
            1 => {
                self.take(8)?;
                Wire::Fixed64
            }
            2 => {
                let n = self.varint()?;
                let n = usize::try_from(n).map_err(|_| ModelError("field too long".into()))?;
                Wire::Bytes(self.take(n)?)
            }
            5 => {
                let s = self.take(4)?;
                Wire::Fixed32(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
            }
            w => return err(format!("unsupported protobuf wire type {w}")),
        };
        Ok(Some((field, wire)))
    }
}

fn utf8<'a>(b: &'a [u8], what: &str) -> Result<&'a str, ModelError> {
    std::str::from_utf8(b).map_err(|_| ModelError(format!("{what} is not UTF-8")))
}

fn piece_from_proto(b: &[u8]) -> Result<Piece, ModelError> {
    let mut p = Proto::new(b);
    let mut piece = Piece {
        text: "".into(),
        score: 0.0,
        kind: PieceType::Normal,
    };
    while let Some((f, w)) = p.next_field()? {
        match (f, w) {
            (1, Wire::Bytes(s)) => piece.text = utf8(s, "a piece")?.into(),
            (2, Wire::Fixed32(v)) => piece.score = f32::from_bits(v),
            (3, Wire::Varint(v)) => piece.kind = PieceType::from_proto(v),
            (1..=3, _) => return err(format!("piece field {f} has the wrong wire type")),
            _ => {}
        }
    }
    Ok(piece)
}

#[derive(Debug, Clone)]
struct TrainerSpec {
    model_type: u64,
    treat_whitespace_as_suffix: bool,
    byte_fallback: bool,
}

impl TrainerSpec {
    /// Merge one serialized message into `self` (protobuf semantics: the last value wins).
    fn merge(&mut self, b: &[u8]) -> Result<(), ModelError> {
        let mut p = Proto::new(b);
        while let Some((f, w)) = p.next_field()? {
            match (f, w) {
                (3, Wire::Varint(v)) => self.model_type = v,
                (24, Wire::Varint(v)) => self.treat_whitespace_as_suffix = v != 0,
                (35, Wire::Varint(v)) => self.byte_fallback = v != 0,
                (3 | 24 | 35, _) => return err(format!("trainer_spec field {f} has the wrong wire type")),
                _ => {}
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone)]
struct NormalizerSpec {
    name: String,
    charsmap: Vec<u8>,
    add_dummy_prefix: bool,
    remove_extra_whitespaces: bool,
    escape_whitespaces: bool,
}

impl NormalizerSpec {
    fn merge(&mut self, b: &[u8]) -> Result<(), ModelError> {
        let mut p = Proto::new(b);
        while let Some((f, w)) = p.next_field()? {
            match (f, w) {
                (1, Wire::Bytes(s)) => self.name = utf8(s, "the normalizer name")?.to_owned(),
                (2, Wire::Bytes(s)) => self.charsmap = s.to_vec(),
                (3, Wire::Varint(v)) => self.add_dummy_prefix = v != 0,
                (4, Wire::Varint(v)) => self.remove_extra_whitespaces = v != 0,
                (5, Wire::Varint(v)) => self.escape_whitespaces = v != 0,
                (1..=5, _) => return err(format!("normalizer_spec field {f} has the wrong wire type")),
                _ => {}
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------- tries

/// FxHash-style hasher for the small integer keys of [`ByteTrie`].
#[derive(Default)]
struct IntHasher(u64);

impl Hasher for IntHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type IntMap<V> = HashMap<u64, V, BuildHasherDefault<IntHasher>>;

/// A byte trie over strings with a value each (sentencepiece uses Darts
/// double arrays for this; only the lookups matter, not the layout).
#[derive(Debug, Clone, Default)]
struct ByteTrie {
    /// `(node << 8) | byte` → child node.
    next: IntMap<u32>,
    /// Per node: the value of the key ending there, or -1.
    value: Vec<i32>,
}

impl ByteTrie {
    fn new() -> Self {
        ByteTrie {
            next: IntMap::default(),
            value: vec![-1],
        }
    }
    fn insert(&mut self, key: &[u8], value: i32) {
        let mut node = 0u32;
        for &b in key {
            let k = (u64::from(node) << 8) | u64::from(b);
            node = match self.next.get(&k) {
                Some(&n) => n,
                None => {
                    let n = self.value.len() as u32;
                    self.value.push(-1);
                    self.next.insert(k, n);
                    n
                }
            };
        }
        self.value[node as usize] = value;
    }
    #[inline]
    fn step(&self, node: u32, b: u8) -> Option<u32> {
        self.next.get(&((u64::from(node) << 8) | u64::from(b))).copied()
    }
    fn is_empty(&self) -> bool {
        self.value.len() == 1
    }
    /// The length of the longest key that is a prefix of `s` (0 if none).
    fn longest_prefix(&self, s: &[u8]) -> usize {
        let mut node = 0;
        let mut best = 0;
        for (i, &b) in s.iter().enumerate() {
            match self.step(node, b) {
                Some(n) => node = n,
                None => break,
            }
            if self.value[node as usize] >= 0 {
                best = i + 1;
            }
        }
        best
    }
}

/// sentencepiece's `OneCharLen`: the UTF-8 length from the lead byte alone.
#[inline]
fn one_char_len(b: u8) -> usize {
    const T: [u8; 16] = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4];
    T[usize::from(b >> 4)] as usize
}

/// The precompiled charsmap: `<u32 trie size><Darts double array><replacements>`.
#[derive(Debug, Clone, Default)]
struct CharsMap {
    units: Vec<u32>,
    normalized: Vec<u8>,
}

impl CharsMap {
    fn decode(blob: &[u8]) -> Result<Option<Self>, ModelError> {
        if blob.is_empty() {
            return Ok(None);
        }
        if blob.len() <= 4 {
            return err("precompiled_charsmap is too short");
        }
        let size = u32::from_le_bytes([blob[0], blob[1], blob[2], blob[3]]) as usize;
        let rest = &blob[4..];
        if size > rest.len() || size % 4 != 0 {
            return err("precompiled_charsmap: bad trie size");
        }
        let units = rest[..size]
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        Ok(Some(CharsMap {
            units,
            normalized: rest[size..].to_vec(),
        }))
    }

    /// Darts `commonPrefixSearch`, keeping the longest match: `(length, value)`.
    fn longest_match(&self, key: &[u8]) -> Option<(usize, usize)> {
        #[inline]
        fn offset(u: u32) -> usize {
            ((u >> 10) << ((u & (1 << 9)) >> 6)) as usize
        }
        #[inline]
        fn label(u: u32) -> u32 {
            u & ((1 << 31) | 0xff)
        }
        #[inline]
        fn has_leaf(u: u32) -> bool {
            (u >> 8) & 1 == 1
        }
        let a = &self.units;
        let mut pos = offset(*a.first()?);
        let mut best = None;
        for (i, &c) in key.iter().enumerate() {
            pos ^= usize::from(c);
            let Some(&u) = a.get(pos) else { return best };
            if label(u) != u32::from(c) {
                return best;
            }
            pos ^= offset(u);
            if has_leaf(u) {
                let Some(&leaf) = a.get(pos) else { return best };
                best = Some((i + 1, (leaf & 0x7fff_ffff) as usize));
            }
        }
        best
    }

    /// The NUL-terminated replacement at `value`.
    fn replacement(&self, value: usize) -> &[u8] {
        let s = self.normalized.get(value..).unwrap_or_default();
        let end = s.iter().position(|&b| b == 0).unwrap_or(s.len());
        &s[..end]
    }
}

// ---------------------------------------------------------------- model

const SPACE: &[u8] = "\u{2581}".as_bytes();

/// A loaded SentencePiece model (unigram or BPE).
#[derive(Debug, Clone)]
pub struct SpmModel {
    pieces: Vec<Piece>,
    /// NORMAL, USER_DEFINED and UNUSED pieces (sentencepiece's `pieces_`).
    piece_ids: HashMap<Box<str>, u32>,
    /// The other pieces (`reserved_id_map_`).
    reserved: HashMap<Box<str>, u32>,
    unk_id: u32,
    model_type: ModelType,
    byte_fallback: bool,
    min_score: f32,
    max_score: f32,
    /// Unigram: the trie over `piece_ids`.
    trie: ByteTrie,
    /// User-defined symbols (sentencepiece's `PrefixMatcher`).
    user_defined: ByteTrie,
    charsmap: Option<CharsMap>,
    normalizer_name: String,
    add_dummy_prefix: bool,
    remove_extra_whitespaces: bool,
    escape_whitespaces: bool,
    treat_whitespace_as_suffix: bool,
    compat: Compat,
}

/// Which sentencepiece release's unigram Viterbi arithmetic to reproduce. They
/// differ only where two segmentations score the same (or nearly: the last
/// bits of a float), e.g. `000` as `0 00` or `00 0`, and on lines whose path
/// score passes ±1e5. BPE and the normalizer are the same in both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Compat {
    /// sentencepiece 0.2.3 (what `pip install sentencepiece` gives today):
    /// float sums and comparisons, scores re-centred past ±1e5.
    #[default]
    V0_2_3,
    /// sentencepiece 0.2.0: sums compared in double, no re-centring.
    V0_2_0,
}

impl Compat {
    /// Parse `0.2.3` or `0.2.0`.
    pub fn from_name(s: &str) -> Option<Self> {
        match s {
            "0.2.3" => Some(Compat::V0_2_3),
            "0.2.0" => Some(Compat::V0_2_0),
            _ => None,
        }
    }
}

impl SpmModel {
    /// Reproduce another sentencepiece release's unigram ties (see [`Compat`]).
    pub fn with_compat(mut self, compat: Compat) -> Self {
        self.compat = compat;
        self
    }

    /// Read a model file; the error names the file and the reason.
    pub fn load(path: &Path) -> Result<Self, ModelError> {
        let bytes = std::fs::read(path).map_err(|e| {
            ModelError(format!(
                "{}: cannot read SentencePiece model: {e}",
                path.display()
            ))
        })?;
        SpmModel::from_bytes(&bytes).map_err(|e| {
            ModelError(format!(
                "{}: not a usable SentencePiece model: {}",
                path.display(),
                e.0
            ))
        })
    }

    /// Parse a serialized `ModelProto`, with the checks sentencepiece makes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        let mut pieces = Vec::new();
        let mut trainer = TrainerSpec {
            model_type: 1,
            treat_whitespace_as_suffix: false,
            byte_fallback: false,
        };
        let mut norm = NormalizerSpec {
            name: String::new(),
            charsmap: Vec::new(),
            add_dummy_prefix: true,
            remove_extra_whitespaces: true,
            escape_whitespaces: true,
        };
        let mut p = Proto::new(bytes);
        while let Some((f, w)) = p.next_field()? {
            match (f, w) {
                (1, Wire::Bytes(b)) => pieces.push(piece_from_proto(b)?),
                (2, Wire::Bytes(b)) => trainer.merge(b)?,
                (3, Wire::Bytes(b)) => norm.merge(b)?,
                (1..=3, _) => return err(format!("model field {f} has the wrong wire type")),
                _ => {}
            }
        }
        if pieces.is_empty() {
            return err("no pieces (is this a SentencePiece .model file?)");
        }
        let model_type = match trainer.model_type {
            1 => ModelType::Unigram,
            2 => ModelType::Bpe,
            3 => return err("model type WORD is not supported (only unigram and BPE)"),
            4 => return err("model type CHAR is not supported (only unigram and BPE)"),
            t => return err(format!("unknown model type {t}")),
        };
        if pieces.len() > i32::MAX as usize {
            return err("too many pieces");
        }
        let mut piece_ids = HashMap::new();
        let mut reserved = HashMap::new();
        let mut unk_id = None;
        let mut bytes_seen = [false; 256];
        let mut trie = ByteTrie::new();
        let mut user_defined = ByteTrie::new();
        let (mut min_score, mut max_score) = (f32::MAX, f32::MIN_POSITIVE);
        for (i, sp) in pieces.iter().enumerate() {
            let id = i as u32;
            if sp.text.is_empty() {
                return err(format!("piece {i} is empty"));
            }
            let normal = matches!(
                sp.kind,
                PieceType::Normal | PieceType::UserDefined | PieceType::Unused
            );
            let map = if normal { &mut piece_ids } else { &mut reserved };
            if map.insert(sp.text.clone(), id).is_some() {
                return err(format!("piece {:?} is defined twice", sp.text));
            }
            if normal {
                trie.insert(sp.text.as_bytes(), id as i32);
            }
            match sp.kind {
                PieceType::Normal => {
                    min_score = min_score.min(sp.score);
                    max_score = max_score.max(sp.score);
                }
                PieceType::UserDefined => user_defined.insert(sp.text.as_bytes(), id as i32),
                PieceType::Unknown if unk_id.replace(id).is_some() => {
                    return err("unk is defined twice");
                }
                PieceType::Byte => {
                    if !trainer.byte_fallback {
                        return err(format!(
                            "byte piece {:?} is found although byte_fallback is false",
                            sp.text
                        ));
                    }
                    match piece_to_byte(&sp.text) {
                        Some(b) => bytes_seen[usize::from(b)] = true,
                        None => return err(format!("byte piece {:?} is invalid", sp.text)),
                    }
                }
                _ => {}
            }
        }
        let Some(unk_id) = unk_id else {
            return err("unk is not defined");
        };
        if trainer.byte_fallback && bytes_seen.iter().any(|&b| !b) {
            return err("there are not 256 byte pieces although byte_fallback is true");
        }
        Ok(SpmModel {
            pieces,
            piece_ids,
            reserved,
            unk_id,
            model_type,
            byte_fallback: trainer.byte_fallback,
            min_score,
            max_score,
            trie,
            user_defined,
            charsmap: CharsMap::decode(&norm.charsmap)?,
            normalizer_name: norm.name,
            add_dummy_prefix: norm.add_dummy_prefix,
            remove_extra_whitespaces: norm.remove_extra_whitespaces,
            escape_whitespaces: norm.escape_whitespaces,
            treat_whitespace_as_suffix: trainer.treat_whitespace_as_suffix,
            compat: Compat::default(),
        })
    }

    /// Unigram or BPE.
    pub fn model_type(&self) -> ModelType {
        self.model_type
    }

    /// The normalizer's name (`nmt_nfkc`, `identity`, …).
    pub fn normalizer_name(&self) -> &str {
        &self.normalizer_name
    }

    /// Number of pieces.
    pub fn len(&self) -> usize {
        self.pieces.len()
    }

    /// Whether the model has no pieces (never true for a loaded model).
    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    /// sentencepiece's `PieceToId`: reserved pieces first, then the others, else unk.
    fn piece_to_id(&self, piece: &str) -> u32 {
        if let Some(&id) = self.reserved.get(piece) {
            return id;
        }
        self.piece_ids.get(piece).copied().unwrap_or(self.unk_id)
    }

    fn kind(&self, id: u32) -> PieceType {
        self.pieces[id as usize].kind
    }

    /// Normalizer `NormalizePrefix`: the replacement of the start of `input`
    /// and how many bytes it consumes.
    fn normalize_prefix<'a>(&'a self, input: &'a [u8]) -> (&'a [u8], usize) {
        if !self.user_defined.is_empty() {
            let n = self.user_defined.longest_prefix(input);
            if n > 0 {
                return (&input[..n], n);
            }
        }
        if let Some(cm) = &self.charsmap {
            if let Some((len, value)) = cm.longest_match(input) {
                return (cm.replacement(value), len);
            }
        }
        // `input` comes from a `&str` and every match above ends on a character boundary.
        let n = one_char_len(input[0]).min(input.len());
        (&input[..n], n)
    }

    /// The normalized form of `input`, as sentencepiece's `Normalizer::Normalize`.
    pub fn normalize(&self, input: &str) -> String {
        let mut out = Vec::new();
        self.normalize_into(input, &mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    fn normalize_into(&self, input: &str, out: &mut Vec<u8>) {
        out.clear();
        let mut inp = input.as_bytes();
        if inp.is_empty() {
            return;
        }
        if self.remove_extra_whitespaces {
            while !inp.is_empty() {
                let (sp, n) = self.normalize_prefix(inp);
                if sp != b" " {
                    break;
                }
                inp = &inp[n..];
            }
        }
        if inp.is_empty() {
            return;
        }
        out.reserve(inp.len() * 3 + 3);
        let ws: &[u8] = if self.escape_whitespaces { SPACE } else { b" " };
        if !self.treat_whitespace_as_suffix && self.add_dummy_prefix {
            out.extend_from_slice(ws);
        }
        let mut is_prev_space = self.remove_extra_whitespaces;
        while !inp.is_empty() {
            let (mut sp, n) = self.normalize_prefix(inp);
            while is_prev_space && sp.first() == Some(&b' ') {
                sp = &sp[1..];
            }
            if !sp.is_empty() {
                for &b in sp {
                    if self.escape_whitespaces && b == b' ' {
                        out.extend_from_slice(SPACE);
                    } else {
                        out.push(b);
                    }
                }
                is_prev_space = sp.last() == Some(&b' ');
            }
            inp = &inp[n..];
            if !self.remove_extra_whitespaces {
                is_prev_space = false;
            }
        }
        if self.remove_extra_whitespaces {
            while out.ends_with(ws) {
                out.truncate(out.len() - ws.len());
            }
        }
        if self.treat_whitespace_as_suffix && self.add_dummy_prefix {
            out.extend_from_slice(ws);
        }
    }

    /// Unigram `EncodeOptimized`: `(start, end, id)` spans of `norm`.
    fn encode_unigram(&self, norm: &[u8], out: &mut Vec<(usize, usize, u32)>) {
        #[derive(Clone, Copy)]
        struct Best {
            id: u32,
            score: f32,
            starts_at: Option<usize>,
        }
        let size = norm.len();
        let unk_score = self.min_score - 10.0;
        let mut best = vec![
            Best {
                id: self.unk_id,
                score: 0.0,
                starts_at: None,
            };
            size + 1
        ];
        // sentencepiece re-centres the float scores when they pass ±1e5 (its
        // `score_reset_threshold_`): every path reached so far loses the offset.
        const RESET: f32 = 100_000.0;
        let legacy = self.compat == Compat::V0_2_0;
        let mut frontier = 0;
        let mut start = 0;
        while start < size {
            let mut till_here = best[start].score;
            if !legacy && !(-RESET..=RESET).contains(&till_here) {
                let offset = till_here;
                for (i, b) in best.iter_mut().enumerate().take(frontier + 1).skip(start) {
                    if i == start || b.starts_at.is_some() {
                        b.score -= offset;
                    }
                }
                till_here = 0.0;
            }
            let mblen = one_char_len(norm[start]).min(size - start);
            let mut has_single_node = false;
            let mut node = 0u32;
            for (key_pos, &byte) in norm.iter().enumerate().skip(start) {
                let Some(n) = self.trie.step(node, byte) else {
                    break;
                };
                node = n;
                let id = self.trie.value[node as usize];
                if id < 0 {
                    continue;
                }
                let id = id as u32;
                let piece = &self.pieces[id as usize];
                if piece.kind == PieceType::Unused {
                    continue;
                }
                let end = key_pos + 1;
                let length = end - start;
                frontier = frontier.max(end);
                let t = &mut best[end];
                if legacy {
                    // sentencepiece 0.2.0: `auto score` is a double for user-defined
                    // pieces (`length * max_score_ - 0.1`), the sum is compared in
                    // double against the stored float, then stored as float.
                    let score = if piece.kind == PieceType::UserDefined {
                        f64::from(length as f32 * self.max_score) - 0.1
                    } else {
                        f64::from(piece.score)
                    };
                    let candidate = score + f64::from(till_here);
                    if t.starts_at.is_none() || candidate > f64::from(t.score) {
                        *t = Best {
                            id,
                            score: candidate as f32,
                            starts_at: Some(start),
                        };
                    }
                } else {
                    // sentencepiece 0.2.3 sums and compares in float: a path that
                    // ties in float keeps the first one found (the shorter first piece).
                    let score = if piece.kind == PieceType::UserDefined {
                        length as f32 * self.max_score - 0.1
                    } else {
                        piece.score
                    };
                    let candidate = score + till_here;
                    if t.starts_at.is_none() || candidate > t.score {
                        *t = Best {
                            id,
                            score: candidate,
                            starts_at: Some(start),
                        };
                    }
                }
                if length == mblen {
                    has_single_node = true;
                }
            }
            if !has_single_node {
                frontier = frontier.max(start + mblen);
                let candidate = unk_score + till_here;
                let t = &mut best[start + mblen];
                if t.starts_at.is_none() || candidate > t.score {
                    *t = Best {
                        id: self.unk_id,
                        score: candidate,
                        starts_at: Some(start),
                    };
                }
            }
            start += mblen;
        }
        let from = out.len();
        let mut end = size;
        while end > 0 {
            let b = best[end];
            // Every position reached by `start += mblen` got a node; `end` is one of them.
            let s = b.starts_at.unwrap_or(0);
            out.push((s, end, b.id));
            end = s;
        }
        out[from..].reverse();
    }

    /// BPE `Encode`: `(start, end, id)` spans of `norm`.
    fn encode_bpe(&self, norm: &str, out: &mut Vec<(usize, usize, u32)>) {
        #[derive(Clone, Copy)]
        struct Symbol {
            start: usize,
            len: usize,
            prev: Option<usize>,
            next: Option<usize>,
            freeze: bool,
        }
        #[derive(PartialEq)]
        struct Pair {
            score: f32,
            left: usize,
            right: usize,
            size: usize,
        }
        impl Eq for Pair {}
        impl Ord for Pair {
            fn cmp(&self, o: &Self) -> std::cmp::Ordering {
                // Highest score first; on equal scores the leftmost pair.
                self.score
                    .partial_cmp(&o.score)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(o.left.cmp(&self.left))
            }
        }
        impl PartialOrd for Pair {
            fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(o))
            }
        }
        let b = norm.as_bytes();
        let mut symbols: Vec<Symbol> = Vec::with_capacity(b.len());
        let mut i = 0;
        while i < b.len() {
            let u = self.user_defined.longest_prefix(&b[i..]);
            let (len, freeze) = if u > 0 {
                (u, true)
            } else {
                (one_char_len(b[i]).min(b.len() - i), false)
            };
            let idx = symbols.len();
            symbols.push(Symbol {
                start: i,
                len,
                prev: idx.checked_sub(1),
                next: (i + len < b.len()).then_some(idx + 1),
                freeze,
            });
            i += len;
        }
        #[allow(clippy::too_many_arguments)]
        fn add_pair<'n>(
            m: &SpmModel,
            norm: &'n str,
            symbols: &[Symbol],
            agenda: &mut BinaryHeap<Pair>,
            rev: &mut HashMap<&'n str, (&'n str, &'n str)>,
            left: Option<usize>,
            right: Option<usize>,
        ) {
            let (Some(l), Some(r)) = (left, right) else { return };
            let (sl, sr) = (&symbols[l], &symbols[r]);
            if sl.freeze || sr.freeze {
                return;
            }
            let piece = &norm[sl.start..sl.start + sl.len + sr.len];
            let Some(&id) = m.piece_ids.get(piece) else {
                return;
            };
            let p = &m.pieces[id as usize];
            agenda.push(Pair {
                score: p.score,
                left: l,
                right: r,
                size: piece.len(),
            });
            if p.kind == PieceType::Unused {
                rev.insert(
                    piece,
                    (
                        &norm[sl.start..sl.start + sl.len],
                        &norm[sr.start..sr.start + sr.len],
                    ),
                );
            }
        }
        let mut agenda = BinaryHeap::new();
        let mut rev_merge: HashMap<&str, (&str, &str)> = HashMap::new();
        for i in 1..symbols.len() {
            add_pair(
                self,
                norm,
                &symbols,
                &mut agenda,
                &mut rev_merge,
                Some(i - 1),
                Some(i),
            );
        }
        while let Some(top) = agenda.pop() {
            let (l, r) = (symbols[top.left], symbols[top.right]);
            if l.len == 0 || r.len == 0 || l.len + r.len != top.size {
                continue;
            }
            symbols[top.left].len = l.len + r.len;
            symbols[top.left].next = r.next;
            if let Some(n) = r.next {
                symbols[n].prev = Some(top.left);
            }
            symbols[top.right].len = 0;
            let prev = symbols[top.left].prev;
            add_pair(
                self,
                norm,
                &symbols,
                &mut agenda,
                &mut rev_merge,
                prev,
                Some(top.left),
            );
            let next = symbols[top.left].next;
            add_pair(
                self,
                norm,
                &symbols,
                &mut agenda,
                &mut rev_merge,
                Some(top.left),
                next,
            );
        }
        // Resegment unused pieces into the pieces they were merged from.
        fn resegment<'a>(
            m: &SpmModel,
            start: usize,
            w: &'a str,
            rev: &HashMap<&str, (&'a str, &'a str)>,
            out: &mut Vec<(usize, usize, u32)>,
            depth: usize,
        ) {
            let id = m.piece_to_id(w);
            if m.kind(id) == PieceType::Unused && depth < 1024 {
                if let Some(&(a, b)) = rev.get(w) {
                    resegment(m, start, a, rev, out, depth + 1);
                    resegment(m, start + a.len(), b, rev, out, depth + 1);
                    return;
                }
            }
            out.push((start, start + w.len(), id));
        }
        let mut idx = if symbols.is_empty() { None } else { Some(0) };
        while let Some(k) = idx {
            let s = symbols[k];
            resegment(self, s.start, &norm[s.start..s.start + s.len], &rev_merge, out, 0);
            idx = s.next;
        }
    }

    /// The pieces of `line`, as sentencepiece's `EncodeAsPieces`.
    pub fn encode_as_pieces(&self, line: &str) -> Vec<String> {
        let mut v = Vec::new();
        self.for_each_piece(line, |p| v.push(p.to_owned()));
        v
    }

    /// sacreBLEU's spm tokenization: `" ".join(sp.EncodeAsPieces(line))`.
    pub fn tokenize(&self, line: &str) -> String {
        let mut s = String::with_capacity(line.len() * 2);
        self.for_each_piece(line, |p| {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(p);
        });
        s
    }

    fn for_each_piece(&self, line: &str, mut f: impl FnMut(&str)) {
        let mut norm = Vec::new();
        self.normalize_into(line, &mut norm);
        if norm.is_empty() {
            return;
        }
        // Replacements from a corrupt charsmap may be invalid UTF-8.
        let norm = String::from_utf8_lossy(&norm);
        let mut spans = Vec::new();
        match self.model_type {
            ModelType::Unigram => self.encode_unigram(norm.as_bytes(), &mut spans),
            ModelType::Bpe => self.encode_bpe(&norm, &mut spans),
        }
        // PopulateSentencePieceText: byte fallback, or merged runs of unknowns.
        let mut pending_unk: Option<(usize, usize)> = None;
        for &(s, e, id) in &spans {
            let w = &norm[s..e];
            let is_unk = self.kind(id) == PieceType::Unknown;
            if is_unk && self.byte_fallback {
                for &b in w.as_bytes() {
                    f(&byte_to_piece(b));
                }
                continue;
            }
            if is_unk {
                pending_unk = Some(match pending_unk {
                    Some((ps, _)) => (ps, e),
                    None => (s, e),
                });
                continue;
            }
            if let Some((ps, pe)) = pending_unk.take() {
                f(&norm[ps..pe]);
            }
            f(w);
        }
        if let Some((ps, pe)) = pending_unk {
            f(&norm[ps..pe]);
        }
    }
}

fn byte_to_piece(b: u8) -> String {
    format!("<0x{b:02X}>")
}

fn piece_to_byte(p: &str) -> Option<u8> {
    let hex = p.strip_prefix("<0x")?.strip_suffix('>')?;
    if hex.len() != 2
        || !hex
            .bytes()
            .all(|c| c.is_ascii_digit() || (b'A'..=b'F').contains(&c))
    {
        return None;
    }
    u8::from_str_radix(hex, 16).ok()
}
