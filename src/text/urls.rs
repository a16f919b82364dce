//! Finding the web addresses in running text, for the links list and the
//! Markdown document (a bare URL is a link too).

/// Every `http://` or `https://` URL in `text` (scheme in any case). A URL
/// ends at white space or at a character that cannot be part of one in
/// running text (`<>"` and backtick); punctuation that ends a sentence
/// and a closing bracket that opened before the URL are left out. Control
/// characters are kept, so a link carrying one is shown and refused
/// rather than quietly cut short.
pub fn find_urls(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = next_scheme(&lower, from) {
        let start_ok = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let end = text[at..]
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
            .map_or(text.len(), |i| at + i);
        let url = trim_url(&text[at..end]);
        let scheme_len = if lower[at..].starts_with("https") {
            8
        } else {
            7
        };
        if start_ok && url.len() > scheme_len {
            out.push(url.to_string());
        }
        from = end.max(at + scheme_len);
    }
    out
}

fn next_scheme(lower: &str, from: usize) -> Option<usize> {
    let rest = &lower[from..];
    let http = rest.find("http://");
    let https = rest.find("https://");
    let at = match (http, https) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    Some(from + at)
}

/// Drops what ends the sentence around a URL rather than the URL: `.`,
/// `,`, quotes, emphasis marks, and closing brackets with no opening one
/// inside the URL (`[text](https://e.org/a)` → `https://e.org/a`).
fn trim_url(url: &str) -> &str {
    let mut url = url;
    loop {
        let Some(last) = url.chars().next_back() else {
            return url;
        };
        let unbalanced = |open: char, close: char| {
            last == close && url.matches(open).count() < url.matches(close).count()
        };
        let trailing = matches!(
            last,
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '_' | '。' | '、' | '，'
        ) || unbalanced('(', ')')
            || unbalanced('[', ']')
            || unbalanced('{', '}');
        if !trailing {
            return url;
        }
        url = &url[..url.len() - last.len_utf8()];
    }
}
