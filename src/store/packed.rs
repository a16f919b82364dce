//! An article's cleaned text as the index stores it: compressed with
//! zstd. The texts were the largest table of the index (nearly the size
//! of the folder's text, plus a sixth of their pages left empty because a
//! 2-3 KB row rarely fills one), and only the article shown, a deletion's
//! case evidence and a correction's split read one back, one at a time.

use std::cell::RefCell;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

/// zstd's fastest level: higher ones gained little on 2-3 KB texts and
/// cost the writer more than the pages they saved.
const LEVEL: i32 = 1;

/// A text written to, or read from, a packed column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packed(pub String);

thread_local! {
    /// One compression context per thread, made once: a fresh one for
    /// every article allocated its tables again each time.
    static COMPRESSOR: RefCell<Option<zstd::bulk::Compressor<'static>>> = const { RefCell::new(None) };
}

/// `text` compressed; on the (unexpected) failure of the compressor, the
/// text as it is, which [`Packed`] reads back alike.
pub fn pack(text: &str) -> Vec<u8> {
    COMPRESSOR.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_none() {
            *c = zstd::bulk::Compressor::new(LEVEL).ok();
        }
        c.as_mut()
            .and_then(|c| c.compress(text.as_bytes()).ok())
            .unwrap_or_else(|| text.as_bytes().to_vec())
    })
}

/// A packed text read back: a blob is zstd's, a text value (an index
/// written before packing, or a failed compression) is taken as it is.
pub fn unpack(blob: &[u8]) -> Result<String, std::io::Error> {
    if !blob.starts_with(&ZSTD_MAGIC) {
        return String::from_utf8(blob.to_vec())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e));
    }
    let bytes = zstd::stream::decode_all(blob)?;
    String::from_utf8(bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

/// How every zstd frame starts (a UTF-8 text cannot: 0x28 0xB5 0x2F 0xFD
/// has a lone continuation byte).
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xB5, 0x2F, 0xFD];

impl ToSql for Packed {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(pack(&self.0)))
    }
}

impl FromSql for Packed {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value {
            ValueRef::Blob(b) => unpack(b)
                .map(Packed)
                .map_err(|e| FromSqlError::Other(Box::new(e))),
            ValueRef::Text(t) => std::str::from_utf8(t)
                .map(|s| Packed(s.to_string()))
                .map_err(|e| FromSqlError::Other(Box::new(e))),
            _ => Err(FromSqlError::InvalidType),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_come_back_as_they_went_in_and_smaller() {
        let text = "Grain exports rose again. ".repeat(100) + "Ünïcödé 東京 end";
        let packed = pack(&text);
        assert!(packed.len() < text.len() / 4, "{} bytes", packed.len());
        assert_eq!(unpack(&packed).unwrap(), text);
        assert_eq!(unpack(&pack("")).unwrap(), "");
    }

    #[test]
    fn a_column_round_trips_and_a_plain_text_reads_as_it_is() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t(body BLOB)").unwrap();
        let text = "A body of text, ".repeat(20);
        conn.execute("INSERT INTO t VALUES(?1)", [Packed(text.clone())])
            .unwrap();
        conn.execute("INSERT INTO t VALUES('plain')", []).unwrap();
        let back: Vec<String> = conn
            .prepare("SELECT body FROM t ORDER BY rowid")
            .unwrap()
            .query_map([], |r| r.get::<_, Packed>(0).map(|p| p.0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(back, vec![text, "plain".to_string()]);
        let kind: String = conn
            .query_row("SELECT typeof(body) FROM t WHERE rowid = 1", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(kind, "blob");
    }

    #[test]
    fn a_damaged_blob_is_an_error_not_a_panic() {
        let mut packed = pack(&"some text ".repeat(50));
        packed.truncate(packed.len() / 2);
        assert!(unpack(&packed).is_err());
        assert!(unpack(&[0xff, 0xfe]).is_err());
    }
}
