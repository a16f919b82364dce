//! Bytes to text: UTF-8 first, UTF-16 when a byte-order mark says so, and a
//! Latin-1 fallback for everything else, so no file is lost to its encoding.
//! Binary files are refused rather than shown as noise.

use super::IngestError;

/// How much of the file is sniffed for binary content.
const SNIFF_LEN: usize = 8192;

/// Share of control bytes (per mille) above which a file is not text.
const MAX_CONTROL_PER_MILLE: usize = 100;

/// A file turned into text with LF line endings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub latin1: bool,
}

/// Decodes a whole file. Errors only for binary or empty content.
pub fn decode(bytes: &[u8]) -> Result<Decoded, IngestError> {
    let (text, latin1) = if let Some(text) = decode_utf16_with_bom(bytes) {
        (text, false)
    } else {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if looks_binary(bytes) {
            return Err(IngestError::Binary);
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), false),
            Err(_) => (decode_latin1(bytes), true),
        }
    };
    let text = normalise_newlines(text);
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    Ok(Decoded { text, latin1 })
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
    fn utf8_with_bom_is_stripped() {
        let d = decode(b"\xEF\xBB\xBFHello\n").unwrap();
        assert_eq!(d.text, "Hello\n");
        assert!(!d.latin1);
    }

    #[test]
    fn invalid_utf8_falls_back_to_latin1() {
        let d = decode(b"Transfer fee \xA315m agreed\n").unwrap();
        assert_eq!(d.text, "Transfer fee £15m agreed\n");
        assert!(d.latin1);
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
