//! Which topics an article belongs to: those its author gave, the folder
//! it was filed in, and the configured keyword rules.

use std::collections::BTreeMap;

use crate::model::Article;

/// The topic a file's folder gives: the first folder level under the briefs
/// folder (`energy/nuclear/x.md` → `energy`), so a deeper filing scheme
/// does not scatter one subject over many topics.
pub fn folder_topic(rel_path: &str) -> Option<&str> {
    let (folder, _) = rel_path.split_once('/')?;
    (!folder.trim().is_empty()).then_some(folder)
}

/// True when `needle` (lower case) occurs in `haystack` (lower case) as whole words.
fn has_whole_word(haystack: &str, needle: &str) -> bool {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    haystack.match_indices(needle).any(|(at, _)| {
        !is_word(haystack[..at].chars().next_back())
            && !is_word(haystack[at + needle.len()..].chars().next())
    })
}

/// An article's topics: those it was read with (a feed's categories, a
/// mailing list) and the ones [`topics`] adds from its folder and text.
pub fn of_article(
    a: &Article,
    rel_path: &str,
    keywords: &BTreeMap<String, Vec<String>>,
) -> Vec<String> {
    topics(&a.topics, rel_path, &a.title, &a.body, keywords)
}

/// All topics, lower-cased, sorted and without duplicates.
pub fn topics(
    given: &[String],
    rel_path: &str,
    title: &str,
    body: &str,
    keywords: &BTreeMap<String, Vec<String>>,
) -> Vec<String> {
    let mut out: Vec<String> = given.iter().map(|t| t.trim().to_lowercase()).collect();
    out.extend(folder_topic(rel_path).map(|f| f.trim().to_lowercase()));
    if !keywords.is_empty() {
        let text = format!("{title}\n{body}").to_lowercase();
        for (topic, words) in keywords {
            let hit = words
                .iter()
                .map(|w| w.trim().to_lowercase())
                .any(|w| !w.is_empty() && has_whole_word(&text, &w));
            if hit {
                out.push(topic.trim().to_lowercase());
            }
        }
    }
    out.retain(|t| !t.is_empty());
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        pairs
            .iter()
            .map(|(t, ws)| (t.to_string(), ws.iter().map(|w| w.to_string()).collect()))
            .collect()
    }

    #[test]
    fn folder_is_the_first_level() {
        assert_eq!(folder_topic("energy/x.md"), Some("energy"));
        assert_eq!(folder_topic("energy/nuclear/x.md"), Some("energy"));
        assert_eq!(folder_topic("x.md"), None);
    }

    #[test]
    fn given_folder_and_keywords_merge() {
        let k = rules(&[
            ("Nuclear", &["reactor", "North Korea"]),
            ("trade", &["tariff"]),
        ]);
        let t = topics(
            &["Energy".into(), "energy ".into()],
            "Politics/a.md",
            "Talks on North Korea",
            "A reactor.",
            &k,
        );
        assert_eq!(t, vec!["energy", "nuclear", "politics"]);
    }

    #[test]
    fn keywords_match_whole_words_in_any_case() {
        let k = rules(&[("trade", &["tariff"])]);
        assert_eq!(
            topics(&[], "a.txt", "New TARIFF plan", "", &k),
            vec!["trade"]
        );
        assert!(topics(&[], "a.txt", "Tariffs", "tariffed goods", &k).is_empty());
        assert!(topics(&[], "a.txt", "x", "", &k).is_empty());
    }

    #[test]
    fn whole_word_edges() {
        assert!(has_whole_word("the ai act", "ai"));
        assert!(!has_whole_word("said", "ai"));
        assert!(has_whole_word("(ai)", "ai"));
        assert!(has_whole_word("ai, then more ai", "ai"));
        assert!(has_whole_word("über alles", "über"));
    }
}
