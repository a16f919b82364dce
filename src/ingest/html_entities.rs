//! Character references (`&#163;`, `&amp;`, `&eacute;`) left in text that
//! was saved from a web page as plain text: the scraper copied the page's
//! markup escapes instead of the characters they stand for.

use std::borrow::Cow;

/// `text` with every HTML character reference decoded (the full HTML5
/// list of names, decimal and hex numbers). References to the C1 range
/// (`&#150;`) mean the Windows-1252 character there, as browsers read
/// them; a reference to a control character (`&#5;`, left by old wire
/// systems) is dropped, never decoded: it would reach the terminal as a
/// raw byte. Text escaped twice (`&amp;#163;`) is decoded twice, as the
/// page showed it.
pub fn decode(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let once = decode_once(text);
    let decoded = if text.contains("&amp;") && once.contains('&') {
        match decode_once(&once) {
            Cow::Borrowed(_) => once,
            Cow::Owned(s) => Cow::Owned(s),
        }
    } else {
        once
    };
    let decoded = without_new_controls(text, decoded);
    if decoded.contains(['\r', '\u{c}']) {
        // Line breaks spelled as references become the text's own: a
        // carriage return would garble the terminal.
        let lf = decoded.replace("\r\n", "\n").replace('\r', "\n");
        return Cow::Owned(lf.replace('\u{c}', " "));
    }
    decoded
}

/// `decoded` without the control characters that decoding made: dropping
/// one reference can join its neighbours into a new one (`&#x7F&#0;;`
/// becomes `&#x7F;`), which the decoder then turns into a raw byte.
fn without_new_controls<'a>(text: &str, decoded: Cow<'a, str>) -> Cow<'a, str> {
    let made =
        |c: char| c.is_control() && !matches!(c, '\n' | '\t' | '\r' | '\u{c}') && !text.contains(c);
    if !decoded.chars().any(made) {
        return decoded;
    }
    Cow::Owned(decoded.chars().filter(|&c| !made(c)).collect())
}

fn decode_once(text: &str) -> Cow<'_, str> {
    let fixed = if text.contains("&#") {
        numeric_refs_fixed(text)
    } else {
        Cow::Borrowed(text)
    };
    match html_escape::decode_html_entities(&fixed) {
        Cow::Owned(s) => Cow::Owned(s),
        Cow::Borrowed(_) => fixed,
    }
}

/// Numeric references the decoder would turn into control characters:
/// C1 ones (`&#146;`) as their Windows-1252 character, the rest dropped.
fn numeric_refs_fixed(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0;
    let mut from = 0;
    while let Some(at) = text[from..].find("&#").map(|i| from + i) {
        from = at + 2;
        let Some((number, len)) = numeric_ref(&text[at + 2..]) else {
            continue;
        };
        let Some(replacement) = control_replacement(number) else {
            continue;
        };
        out.push_str(&text[copied..at]);
        out.push_str(replacement.as_deref().unwrap_or(""));
        copied = at + 2 + len;
        from = copied;
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// The number of `163;` or `xA3;` after `&#`, and the length it takes.
fn numeric_ref(after: &str) -> Option<(u32, usize)> {
    let (digits, radix, skip) = match after.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16, 1),
        None => (after, 10, 0),
    };
    let end = digits.find(';')?;
    let number = digits[..end]
        .bytes()
        .all(|b| b.is_ascii_hexdigit())
        .then(|| u32::from_str_radix(&digits[..end], radix).ok())??;
    Some((number, skip + end + 1))
}

/// For a control character's number: `Some(None)` to drop it, `Some(Some(c))`
/// to write `c` instead; `None` for any other number (decoded as it is).
fn control_replacement(number: u32) -> Option<Option<String>> {
    let c = char::from_u32(number)?;
    if !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\u{c}') {
        return None;
    }
    let byte = u8::try_from(number).ok().filter(|b| *b >= 0x80);
    let windows = byte.map(|b| {
        let bytes = [b];
        let (s, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
        s.into_owned()
    });
    Some(windows.filter(|s| !s.chars().any(char::is_control)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_and_named_references_are_decoded() {
        assert_eq!(
            decode("Club bids &#163;8m for striker"),
            "Club bids £8m for striker"
        );
        assert_eq!(decode("Fish &amp; chips"), "Fish & chips");
        assert_eq!(decode("A caf&eacute; opens"), "A café opens");
        assert_eq!(decode("&#x20AC;5 fee &mdash; or not"), "€5 fee — or not");
        assert_eq!(decode("a &lt;b&gt; tag"), "a <b> tag");
    }

    #[test]
    fn text_without_references_is_borrowed_and_unchanged() {
        for text in [
            "No references here",
            "AT&T and P&G rose; so did M&S",
            "Tom & Jerry",
            "&unknownname; stays",
            "&# alone",
        ] {
            let out = decode(text);
            assert_eq!(out, text);
        }
        assert!(matches!(decode("plain"), Cow::Borrowed(_)));
        assert!(matches!(decode("AT&T rose"), Cow::Borrowed(_)));
    }

    #[test]
    fn text_escaped_twice_is_decoded_twice() {
        assert_eq!(decode("Costs &amp;#163;5"), "Costs £5");
        assert_eq!(decode("R&amp;amp;D"), "R&D");
    }

    #[test]
    fn a_reference_joined_by_dropping_another_is_no_control_character() {
        assert_eq!(decode("a&#x7F&#0;;b"), "ab");
        assert_eq!(decode("&#x9&#0;;"), "\t", "a tab is text");
    }

    #[test]
    fn control_character_references_are_dropped() {
        assert_eq!(decode("12:00:01.00&#5;&#5;&#5;RM"), "12:00:01.00RM");
        assert_eq!(decode("a&#x1b;[31mred"), "a[31mred");
        assert_eq!(decode("a&#155;b"), "a›b");
        assert_eq!(decode("it&#146;s &#150; so"), "it’s – so");
        assert_eq!(decode("a&#129;b"), "ab");
        assert_eq!(decode("one&#13;&#10;two&#13;three"), "one\ntwo\nthree");
        let out = decode("x&#0;y&#27;z&#x7F;w");
        assert!(!out.chars().any(char::is_control), "{out:?}");
        assert_eq!(decode("&#5 no semicolon"), "&#5 no semicolon");
    }

    proptest::proptest! {
        /// Whatever references a text holds, decoding adds no control
        /// character but a line break or a tab, and never panics.
        #[test]
        fn decoding_adds_no_control_character(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    "&#x?[0-9a-fA-F]{0,9};?",
                    "&(amp;)?#[0-9]{1,4};",
                    "&[a-zA-Z]{1,8};?",
                    "[a-z &;#é]{0,6}",
                ],
                0..12,
            )
        ) {
            let text: String = parts.concat();
            let out = decode(&text);
            proptest::prop_assert!(
                !out.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
                "{:?} -> {:?}", text, out
            );
        }
    }
}
