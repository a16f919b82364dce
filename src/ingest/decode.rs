//! Bytes to text: UTF-8 first, UTF-16 when a byte-order mark says so, then
//! the encoding the file declares (HTML `<meta charset>`, a MIME charset),
//! else the one `chardetng` guesses (CP949, Shift_JIS, GB18030, Big5,
//! CP1251, KOI8-R, Windows-125x, …), decoded by `encoding_rs`, so no file
//! is lost to its encoding. Binary files are refused rather than shown as
//! noise.

use super::IngestError;

/// How much of the file is sniffed for binary content.
const SNIFF_LEN: usize = 8192;

/// Share of control bytes (per mille) above which a file is not text.
const MAX_CONTROL_PER_MILLE: usize = 100;

/// Fewer non-ASCII bytes than this are read as Windows-1252 without asking
/// the detector.
const MIN_EVIDENCE_BYTES: usize = 4;

/// A file turned into text with LF line endings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding read, when not UTF-8 (`Shift_JIS`, `windows-1251`).
    pub encoding: Option<&'static str>,
    /// True when the file did not say which encoding and it was guessed.
    pub guessed: bool,
}

/// Decodes a whole file. Errors only for binary or empty content.
pub fn decode(bytes: &[u8]) -> Result<Decoded, IngestError> {
    decode_declared(bytes, None)
}

/// Decodes a whole file whose encoding may be declared by its container
/// (a MIME part) or, for HTML, by a `<meta charset>` in its head.
pub fn decode_declared(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, IngestError> {
    let (text, encoding, guessed) = if let Some(text) = decode_utf16_with_bom(bytes) {
        (text, Some("UTF-16"), false)
    } else {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if looks_binary(bytes) {
            return Err(IngestError::Binary);
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), None, false),
            Err(_) => decode_legacy(bytes, declared),
        }
    };
    let text = normalise_newlines(text);
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    Ok(Decoded {
        text,
        encoding,
        guessed,
    })
}

/// Bytes that are not UTF-8: the declared encoding where one is given and
/// known, else `chardetng`'s guess.
fn decode_legacy(bytes: &[u8], declared: Option<&str>) -> (String, Option<&'static str>, bool) {
    let stated = declared
        .and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes()))
        .or_else(|| meta_charset(bytes))
        .filter(|e| *e != encoding_rs::UTF_8);
    let (encoding, guessed) = match stated {
        Some(e) => (e, false),
        // A handful of non-ASCII bytes (`£12m`) is no evidence for the
        // detector: such files are nearly always Windows-1252.
        None if bytes.iter().filter(|b| **b >= 0x80).count() < MIN_EVIDENCE_BYTES => {
            (encoding_rs::WINDOWS_1252, true)
        }
        None => {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
            detector.feed(bytes, true);
            (detector.guess(None, chardetng::Utf8Detection::Deny), true)
        }
    };
    if encoding == encoding_rs::WINDOWS_1252 {
        // Our own table keeps the five bytes Windows-1252 leaves undefined.
        return (decode_latin1(bytes), Some(encoding.name()), guessed);
    }
    let (text, _, _) = encoding.decode(bytes);
    (text.into_owned(), Some(encoding.name()), guessed)
}

/// The `charset` an HTML or XML head declares in its first 2 KB:
/// `<meta charset="…">`, `content="text/html; charset=…"`, `<?xml encoding="…"?>`.
fn meta_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    for key in [&b"charset="[..], &b"encoding="[..]] {
        let mut from = 0;
        while let Some(i) = find(&lower[from..], key) {
            let start = from + i + key.len();
            let rest = &lower[start..];
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let label: Vec<u8> = rest
                .iter()
                .copied()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
                .collect();
            if let Some(e) = encoding_rs::Encoding::for_label(&label) {
                return Some(e);
            }
            from = start;
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// NUL bytes or a high share of control bytes near the start mean binary.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    !head.is_empty() && controls * 1000 / head.len() > MAX_CONTROL_PER_MILLE
}

/// Windows editors still save UTF-16 with a BOM; those files are text.
fn decode_utf16_with_bom(bytes: &[u8]) -> Option<String> {
    let little = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let units = bytes[2..].chunks_exact(2).map(|c| {
        if little {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    Some(
        char::decode_utf16(units)
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

/// Latin-1, reading 0x80..0x9F as Windows-1252 punctuation: files that are
/// not UTF-8 are nearly always Windows-1252, and the C1 controls Latin-1
/// would give there are never what the author meant.
/// Text encoded in UTF-8 twice (its bytes read as Latin-1 and written
/// again: `Investorâ\u{80}\u{99}s`) put right: a run of characters from
/// U+0080 to U+00FF holding a C1 control, which text never uses, is read
/// as the UTF-8 bytes it was. Borrowed when there is nothing to repair.
pub fn repair_double_utf8(text: &str) -> std::borrow::Cow<'_, str> {
    // C1 controls in UTF-8 are 0xC2 0x80..=0x9F.
    let has_c1 = text
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == 0xC2 && (0x80..=0x9F).contains(&w[1]));
    if !has_c1 {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut run: Vec<u8> = Vec::new();
    let flush = |run: &mut Vec<u8>, out: &mut String| {
        let c1 = run.iter().any(|b| (0x80..=0x9F).contains(b));
        match std::str::from_utf8(run) {
            Ok(s) if c1 => out.push_str(s),
            _ => out.extend(run.iter().map(|&b| char::from(b))),
        }
        run.clear();
    };
    for c in text.chars() {
        if ('\u{80}'..='\u{FF}').contains(&c) {
            run.push(c as u32 as u8);
        } else {
            if !run.is_empty() {
                flush(&mut run, &mut out);
            }
            out.push(c);
        }
    }
    if !run.is_empty() {
        flush(&mut run, &mut out);
    }
    std::borrow::Cow::Owned(out)
}

fn decode_latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| latin1_char(b)).collect()
}

fn latin1_char(b: u8) -> char {
    const CP1252: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => CP1252[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// CRLF and lone CR become LF.
fn normalise_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_encoded_twice_is_put_right_and_other_text_kept() {
        assert_eq!(
            repair_double_utf8("Investor\u{e2}\u{80}\u{99}s guide"),
            "Investor\u{2019}s guide"
        );
        assert!(matches!(
            repair_double_utf8("Café, déjà vu — ok"),
            std::borrow::Cow::Borrowed(_)
        ));
        // A C1 control in a run that is not UTF-8 stays as it was.
        assert_eq!(repair_double_utf8("a\u{e9}\u{85}b"), "a\u{e9}\u{85}b");
    }

    #[test]
    fn utf8_with_bom_is_stripped() {
        let d = decode(b"\xEF\xBB\xBFHello\n").unwrap();
        assert_eq!(d.text, "Hello\n");
        assert_eq!(d.encoding, None);
    }

    #[test]
    fn invalid_utf8_falls_back_to_latin1() {
        let d = decode(b"Transfer fee \xA315m agreed\n").unwrap();
        assert_eq!(d.text, "Transfer fee £15m agreed\n");
        assert_eq!(d.encoding, Some("windows-1252"));
        assert!(d.guessed);
    }

    fn encoded(text: &str, e: &'static encoding_rs::Encoding) -> Vec<u8> {
        e.encode(text).0.into_owned()
    }

    #[test]
    fn cjk_and_cyrillic_encodings_are_detected() {
        let cases: [(&str, &'static encoding_rs::Encoding); 5] = [
            (
                "서울시는 오늘 새로운 교통 정책을 발표했습니다. 시민들은 환영했습니다.\n",
                encoding_rs::EUC_KR,
            ),
            (
                "東京都は本日、新しい交通政策を発表しました。市民は歓迎しています。\n",
                encoding_rs::SHIFT_JIS,
            ),
            (
                "北京市今天宣布了新的交通政策。市民对此表示欢迎，认为这将改善出行。\n",
                encoding_rs::GBK,
            ),
            (
                "Правительство объявило сегодня о новой транспортной политике для города.\n",
                encoding_rs::WINDOWS_1251,
            ),
            (
                "Правительство объявило сегодня о новой транспортной политике для города.\n",
                encoding_rs::KOI8_R,
            ),
        ];
        for (text, e) in cases {
            let d = decode(&encoded(text, e)).unwrap();
            assert_eq!(d.text, text, "{}", e.name());
            assert!(d.guessed);
            // KOI8-U reads Russian exactly as KOI8-R does.
            let read = d.encoding.unwrap_or_default().replace("KOI8-U", "KOI8-R");
            assert_eq!(read, e.name());
        }
    }

    #[test]
    fn a_declared_charset_wins_over_the_guess() {
        let text = "<html><head><meta charset=\"windows-1251\"></head><body>Привет</body></html>\n";
        let d = decode(&encoded(text, encoding_rs::WINDOWS_1251)).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, Some("windows-1251"));
        assert!(!d.guessed);
        let d = decode_declared(
            &encoded("Привет, мир\n", encoding_rs::KOI8_R),
            Some("koi8-r"),
        )
        .unwrap();
        assert_eq!(d.text, "Привет, мир\n");
        assert!(!d.guessed);
    }

    #[test]
    fn windows_1252_quotes_are_read_as_quotes() {
        let d = decode(b"He said \x93yes\x94 \x96 twice\n").unwrap();
        assert_eq!(d.text, "He said \u{201c}yes\u{201d} \u{2013} twice\n");
    }

    #[test]
    fn crlf_and_cr_become_lf() {
        let d = decode(b"one\r\ntwo\rthree\n").unwrap();
        assert_eq!(d.text, "one\ntwo\nthree\n");
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00text"), Err(IngestError::Binary));
    }

    #[test]
    fn many_control_bytes_mean_binary() {
        let bytes: Vec<u8> = (0..200u8)
            .map(|i| if i % 3 == 0 { 0x01 } else { b'a' })
            .collect();
        assert_eq!(decode(&bytes), Err(IngestError::Binary));
    }

    #[test]
    fn a_few_control_bytes_are_still_text() {
        let mut bytes = b"A headline\n\nSome body text that goes on for a while.\n".to_vec();
        bytes.push(0x0c);
        assert!(decode(&bytes).is_ok());
    }

    #[test]
    fn whitespace_only_is_empty() {
        assert_eq!(decode(b" \n\t\r\n"), Err(IngestError::Empty));
        assert_eq!(decode(b""), Err(IngestError::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF\n"), Err(IngestError::Empty));
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Hi there\r\n".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "Hi there\n");
        let mut be = vec![0xFE, 0xFF];
        for u in "Yo".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be).unwrap().text, "Yo");
    }
}
