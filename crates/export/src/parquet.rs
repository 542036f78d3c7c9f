//! A minimal Parquet writer for the Hugging Face split files: one row group,
//! one uncompressed PLAIN data page per column, the schema of [`HfRow`].
//!
//! Why Parquet: `datasets` reads JSON Lines with pyarrow, which infers a
//! `YYYY-MM-DD` string as a timestamp before the card's features are applied
//! (a date then loads as `2025-11-26 00:00:00`). A Parquet file carries its
//! column types, so `date` stays the string it is.

/// One row of a split: a line of the JSON Lines file as it serializes, and a
/// row of the Parquet file.
#[derive(serde::Serialize)]
pub(crate) struct HfRow<'a> {
    pub id: &'a str,
    pub doc: &'a str,
    pub date: Option<&'a str>,
    pub translation: Translation<'a>,
    pub kind: &'a str,
    pub score: Option<f64>,
}

/// The `translation` feature of a row.
#[derive(serde::Serialize)]
pub(crate) struct Translation<'a> {
    pub kk: &'a str,
    pub en: &'a str,
}

/// Thrift compact protocol, the little of it Parquet's metadata needs.
#[derive(Default)]
struct Thrift {
    buf: Vec<u8>,
    last: Vec<i16>,
}

const T_I32: u8 = 5;
const T_I64: u8 = 6;
const T_BINARY: u8 = 8;
const T_LIST: u8 = 9;
const T_STRUCT: u8 = 12;

impl Thrift {
    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.buf.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.buf.push(v as u8);
    }
    fn field(&mut self, id: i16, t: u8) {
        let last = self.last.last().copied().expect("inside a struct");
        let d = id - last;
        if (1..=15).contains(&d) {
            self.buf.push(((d as u8) << 4) | t);
        } else {
            self.buf.push(t);
            self.zigzag(id as i64);
        }
        *self.last.last_mut().expect("inside a struct") = id;
    }
    fn zigzag(&mut self, v: i64) {
        self.varint(((v << 1) ^ (v >> 63)) as u64);
    }
    fn i32(&mut self, id: i16, v: i32) {
        self.field(id, T_I32);
        self.zigzag(v as i64);
    }
    fn i64(&mut self, id: i16, v: i64) {
        self.field(id, T_I64);
        self.zigzag(v);
    }
    fn bytes(&mut self, b: &[u8]) {
        self.varint(b.len() as u64);
        self.buf.extend_from_slice(b);
    }
    fn string(&mut self, id: i16, s: &str) {
        self.field(id, T_BINARY);
        self.bytes(s.as_bytes());
    }
    fn list(&mut self, id: i16, elem: u8, n: usize) {
        self.field(id, T_LIST);
        if n < 15 {
            self.buf.push(((n as u8) << 4) | elem);
        } else {
            self.buf.push(0xF0 | elem);
            self.varint(n as u64);
        }
    }
    fn begin(&mut self) {
        self.last.push(0);
    }
    fn struct_field(&mut self, id: i16) {
        self.field(id, T_STRUCT);
        self.begin();
    }
    fn end(&mut self) {
        self.buf.push(0);
        self.last.pop();
    }
}

const BYTE_ARRAY: i32 = 6;
const DOUBLE: i32 = 5;
const REQUIRED: i32 = 0;
const OPTIONAL: i32 = 1;
const UTF8: i32 = 0;
const PLAIN: i32 = 0;
const RLE: i32 = 3;

/// One leaf column: its path, physical type, whether optional, and its page body.
struct Column {
    path: Vec<&'static str>,
    ptype: i32,
    values: usize,
    body: Vec<u8>,
}

/// Definition levels (bit width 1) as RLE runs, with their 4-byte length prefix.
fn def_levels(defined: &[bool]) -> Vec<u8> {
    let mut t = Thrift::default();
    let mut i = 0;
    while i < defined.len() {
        let v = defined[i];
        let mut j = i;
        while j < defined.len() && defined[j] == v {
            j += 1;
        }
        t.varint(((j - i) as u64) << 1);
        t.buf.push(u8::from(v));
        i = j;
    }
    let mut out = (t.buf.len() as u32).to_le_bytes().to_vec();
    out.extend(t.buf);
    out
}

fn text_column(path: Vec<&'static str>, vals: &[Option<&str>], optional: bool) -> Column {
    let mut body = if optional {
        def_levels(&vals.iter().map(Option::is_some).collect::<Vec<_>>())
    } else {
        Vec::new()
    };
    for v in vals.iter().flatten() {
        body.extend_from_slice(&(v.len() as u32).to_le_bytes());
        body.extend_from_slice(v.as_bytes());
    }
    Column {
        path,
        ptype: BYTE_ARRAY,
        values: vals.len(),
        body,
    }
}

/// The Parquet file of `rows`.
pub(crate) fn write_parquet(rows: &[HfRow<'_>]) -> Vec<u8> {
    fn col<'a>(rows: &[HfRow<'a>], f: fn(&HfRow<'a>) -> Option<&'a str>) -> Vec<Option<&'a str>> {
        rows.iter().map(f).collect()
    }
    let mut cols = vec![
        text_column(vec!["id"], &col(rows, |r| Some(r.id)), false),
        text_column(vec!["doc"], &col(rows, |r| Some(r.doc)), false),
        text_column(vec!["date"], &col(rows, |r| r.date), true),
        text_column(
            vec!["translation", "kk"],
            &col(rows, |r| Some(r.translation.kk)),
            false,
        ),
        text_column(
            vec!["translation", "en"],
            &col(rows, |r| Some(r.translation.en)),
            false,
        ),
        text_column(vec!["kind"], &col(rows, |r| Some(r.kind)), false),
    ];
    let scores: Vec<bool> = rows.iter().map(|r| r.score.is_some()).collect();
    let mut body = def_levels(&scores);
    for s in rows.iter().filter_map(|r| r.score) {
        body.extend_from_slice(&s.to_le_bytes());
    }
    cols.push(Column {
        path: vec!["score"],
        ptype: DOUBLE,
        values: rows.len(),
        body,
    });

    let mut file = b"PAR1".to_vec();
    let mut chunks = Vec::new(); // (offset, size)
    for c in &cols {
        let mut h = Thrift::default();
        h.begin();
        h.i32(1, 0); // DATA_PAGE
        h.i32(2, c.body.len() as i32);
        h.i32(3, c.body.len() as i32);
        h.struct_field(5);
        h.i32(1, c.values as i32);
        h.i32(2, PLAIN);
        h.i32(3, RLE);
        h.i32(4, RLE);
        h.end();
        h.end();
        let offset = file.len();
        file.extend_from_slice(&h.buf);
        file.extend_from_slice(&c.body);
        chunks.push((offset, h.buf.len() + c.body.len()));
    }

    let mut m = Thrift::default();
    m.begin();
    m.i32(1, 1); // version
                 // schema, depth first: (name, type, repetition, children, utf8)
    type Element = (&'static str, Option<i32>, Option<i32>, Option<i32>, bool);
    let schema: [Element; 9] = [
        ("schema", None, None, Some(6), false),
        ("id", Some(BYTE_ARRAY), Some(REQUIRED), None, true),
        ("doc", Some(BYTE_ARRAY), Some(REQUIRED), None, true),
        ("date", Some(BYTE_ARRAY), Some(OPTIONAL), None, true),
        ("translation", None, Some(REQUIRED), Some(2), false),
        ("kk", Some(BYTE_ARRAY), Some(REQUIRED), None, true),
        ("en", Some(BYTE_ARRAY), Some(REQUIRED), None, true),
        ("kind", Some(BYTE_ARRAY), Some(REQUIRED), None, true),
        ("score", Some(DOUBLE), Some(OPTIONAL), None, false),
    ];
    m.list(2, T_STRUCT, schema.len());
    for (name, ty, rep, children, utf8) in schema {
        m.begin();
        if let Some(t) = ty {
            m.i32(1, t);
        }
        if let Some(r) = rep {
            m.i32(3, r);
        }
        m.string(4, name);
        if let Some(n) = children {
            m.i32(5, n);
        }
        if utf8 {
            m.i32(6, UTF8);
        }
        m.end();
    }
    m.i64(3, rows.len() as i64);
    m.list(4, T_STRUCT, 1);
    m.begin();
    m.list(1, T_STRUCT, cols.len());
    let mut total = 0i64;
    for (c, (offset, size)) in cols.iter().zip(&chunks) {
        total += *size as i64;
        m.begin();
        m.i64(2, *offset as i64);
        m.struct_field(3);
        m.i32(1, c.ptype);
        m.list(2, T_I32, 2);
        m.zigzag(PLAIN as i64);
        m.zigzag(RLE as i64);
        m.list(3, T_BINARY, c.path.len());
        for p in &c.path {
            m.bytes(p.as_bytes());
        }
        m.i32(4, 0); // UNCOMPRESSED
        m.i64(5, c.values as i64);
        m.i64(6, *size as i64);
        m.i64(7, *size as i64);
        m.i64(9, *offset as i64);
        m.end();
        m.end();
    }
    m.i64(2, total);
    m.i64(3, rows.len() as i64);
    m.end();
    m.string(6, concat!("kazpar version ", env!("CARGO_PKG_VERSION")));
    m.end();
    file.extend_from_slice(&m.buf);
    file.extend_from_slice(&(m.buf.len() as u32).to_le_bytes());
    file.extend_from_slice(b"PAR1");
    file
}
