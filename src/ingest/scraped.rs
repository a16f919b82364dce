//! Plain text saved from a web page: finding the headline among the site's
//! furniture, and cleaning the rest into readable text.

use std::collections::HashSet;

use super::boilerplate::Boilerplate;
use super::dates::{HEAD_LINES, TAIL_LINES, date_line};
use super::html_entities;
use super::page_parts::{is_breadcrumb, is_byline, is_url_line};
use super::title::{Page, display_title, site_suffix};

/// How far down the headline is looked for.
const TITLE_SEARCH_LINES: usize = 15;
/// A footer block after furniture near the end: at most this many lines...
const FOOTER_MAX_LINES: usize = 5;
/// ...of at most this many words each.
const FOOTER_MAX_WORDS: usize = 8;

struct Line<'a> {
    text: &'a str,
    trimmed: &'a str,
}

/// What a scraped text is made of, line by line.
pub fn read(text: &str, furniture: &Boilerplate) -> Page {
    // Every rule below reads the characters the page showed, not its escapes.
    let text = html_entities::decode(text);
    let lines: Vec<Line> = text
        .lines()
        .map(|l| Line {
            text: l,
            trimmed: l.trim(),
        })
        .collect();
    let non_empty: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trimmed.is_empty())
        .collect();
    let search_end = non_empty
        .get(TITLE_SEARCH_LINES)
        .copied()
        .unwrap_or(lines.len());

    // Each line is judged once: furniture, a teaser or a breadcrumb near the top.
    let nav: Vec<bool> = (0..lines.len())
        .map(|i| {
            let t = lines[i].trimmed;
            !t.is_empty()
                && (furniture.is_furniture(t)
                    || (i < search_end && (is_breadcrumb(t) || is_teaser(&lines, i, search_end))))
        })
        .collect();
    // Menus printed one entry per line are only looked for above the first
    // real line, so a short list in the article itself is never dropped.
    let mut nav = nav;
    for i in 0..search_end {
        let t = lines[i].trimmed;
        if t.is_empty() || nav[i] || date_line(t).is_some() {
            continue;
        }
        if !is_menu_stack(&lines, i) {
            break;
        }
        nav[i] = true;
    }
    let is_nav = |i: usize| nav[i];
    let not_headline = |i: usize| {
        let t = lines[i].trimmed;
        is_nav(i)
            || date_line(t).is_some()
            || is_byline(t)
            || is_url_line(t).is_some()
            || source_line(t).is_some()
            || !has_letters(t)
    };

    // The first headline-shaped candidate; else the first candidate at all.
    let mut first_candidate = None;
    let headline = non_empty
        .iter()
        .copied()
        .take_while(|&i| i < search_end)
        .filter(|&i| !not_headline(i))
        .find(|&i| {
            first_candidate.get_or_insert(i);
            is_headline_shaped(&lines, &non_empty, i, &not_headline)
        });
    let title_at = headline
        .or(first_candidate)
        .or_else(|| non_empty.iter().copied().find(|&i| !is_nav(i)))
        .or_else(|| non_empty.first().copied());

    let (title, title_whole) = match title_at {
        Some(i) => display_title(lines[i].trimmed),
        None => (String::new(), false),
    };
    // A title cut from a long first paragraph leaves the paragraph in the body.
    let title_line = title_at.filter(|_| title_whole).map(|i| lines[i].trimmed);

    let edges = non_empty
        .iter()
        .take(HEAD_LINES)
        .chain(non_empty.iter().rev().take(TAIL_LINES));
    let mut source = edges
        .clone()
        .find_map(|&i| source_line(lines[i].trimmed))
        .map(str::to_string);
    let url = edges
        .clone()
        .find_map(|&i| is_url_line(lines[i].trimmed))
        .map(str::to_string);
    // `Headline | Site`: the site is the source, unless the page names one.
    let mut title = title;
    let mut bare_headline = None;
    if source.is_none()
        && title_whole
        && let Some((head, site)) =
            site_suffix(&title, |name| names_itself(&lines, url.as_deref(), name))
    {
        title = head;
        source = Some(site);
        bare_headline = Some(title.as_str());
    }

    let footer = footer_start(&lines, &non_empty, &is_nav);
    let mut body = String::with_capacity(text.len());
    let mut seen: HashSet<&str> = HashSet::new();
    let mut previous: Option<&str> = None;
    let mut last_blank = true;
    // A line that only states the date (`Monday, May 4, 2026 | 07:45`) is
    // page furniture above the text or under it: the date is shown apart.
    let mut prose_seen = false;
    let tail_from = non_empty
        .get(non_empty.len().saturating_sub(TAIL_LINES))
        .copied()
        .unwrap_or(0);
    for (i, line) in lines.iter().enumerate().take(footer) {
        let t = line.trimmed;
        if t.is_empty() {
            if !last_blank {
                body.push('\n');
                last_blank = true;
            }
            continue;
        }
        // A repeat is dropped when it is prose: printed twice in a row (a
        // caption), or a whole paragraph seen before. Lines inside a block
        // (table rows, hard-wrapped text) may repeat by design.
        let standalone = |j: Option<usize>| {
            j.and_then(|j| lines.get(j))
                .is_none_or(|l| l.trimmed.is_empty())
        };
        let paragraph = standalone(i.checked_sub(1)) && standalone(Some(i + 1));
        let repeat = (previous == Some(t) && is_prose(t, REPEAT_MIN_WORDS))
            || (paragraph && seen.contains(t) && is_prose(t, PARAGRAPH_MIN_WORDS));
        // One-word lines above the headline are section labels and menus.
        let label_above_title = title_at.is_some_and(|at| i < at)
            && !t.contains(char::is_whitespace)
            && date_line(t).is_none();
        let date_furniture = (!prose_seen || i >= tail_from) && date_line(t).is_some();
        // The headline printed again without the site's name goes too.
        let headline = Some(t) == title_line || bare_headline.is_some_and(|h| h == t);
        if repeat || headline || is_nav(i) || label_above_title || date_furniture {
            continue;
        }
        prose_seen |= is_prose(t, REPEAT_MIN_WORDS);
        if paragraph {
            seen.insert(t);
        }
        previous = Some(t);
        body.push_str(line.text.trim_end());
        body.push('\n');
        last_blank = false;
    }
    let body = body.trim_matches('\n').to_string();

    Page {
        title,
        body,
        url,
        source,
    }
}

fn has_letters(t: &str) -> bool {
    t.chars().filter(|c| c.is_alphabetic()).take(2).count() == 2
}

/// Words a line printed twice in a row needs to be dropped as a repeat
/// (a caption), so table rows and short refrains stay.
const REPEAT_MIN_WORDS: usize = 4;
/// Words a paragraph needs to be dropped when it comes back later: short
/// lines such as `Winners meet in the final` may rightly recur in a list.
const PARAGRAPH_MIN_WORDS: usize = 10;

/// Has at least `words` words of letters (numbers and dashes do not count).
fn is_prose(t: &str, words: usize) -> bool {
    t.len() >= 20
        && t.split_whitespace()
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).nth(1).is_some())
            .nth(words - 1)
            .is_some()
}

/// A headline has at least two words. A one-word line is a section label
/// (`World`, `Opinion`) unless a date or byline follows it, as under a
/// wire headline such as `COFFEE`.
fn is_headline_shaped(
    lines: &[Line],
    non_empty: &[usize],
    i: usize,
    not_headline: &impl Fn(usize) -> bool,
) -> bool {
    if lines[i].trimmed.split_whitespace().nth(1).is_some() {
        return true;
    }
    let next = non_empty.iter().copied().find(|&j| j > i);
    next.is_some_and(|j| {
        not_headline(j) && (date_line(lines[j].trimmed).is_some() || is_byline(lines[j].trimmed))
    })
}

/// Most words a menu entry has (`Gas & Power`, `Newsletter sign-up`).
const MENU_ENTRY_WORDS: usize = 3;

/// A short entry in a stack of short lines with no blank between them: a
/// site menu printed one entry per line (`Home` / `Energy` / `Gas & Power`).
/// A headline stands apart from its neighbours or next to a date or byline.
fn is_menu_stack(lines: &[Line], i: usize) -> bool {
    let is_entry = |t: &str| {
        !t.is_empty()
            && !t.contains(|c: char| c.is_ascii_digit())
            && t.split_whitespace().nth(MENU_ENTRY_WORDS).is_none()
            && !t.ends_with(['.', '!', '?', ':', '"', '”'])
            && date_line(t).is_none()
            && !is_byline(t)
    };
    let neighbour = |j: Option<usize>| {
        j.and_then(|j| lines.get(j))
            .is_some_and(|l| is_entry(l.trimmed))
    };
    is_entry(lines[i].trimmed) && (neighbour(i.checked_sub(1)) || neighbour(Some(i + 1)))
}

/// A line cut short with an ellipsis whose words reappear in full further
/// down: a teaser or a truncated breadcrumb headline.
fn is_teaser(lines: &[Line], i: usize, end: usize) -> bool {
    let t = lines[i].trimmed;
    let Some(stem) = t.strip_suffix("...").or_else(|| t.strip_suffix('…')) else {
        return false;
    };
    // A glued breadcrumb run may precede the headline's words: match the last words.
    let words: Vec<&str> = stem.split_whitespace().collect();
    if words.len() < 3 {
        return false;
    }
    let tail = words[words.len().saturating_sub(4)..].join(" ");
    lines[i + 1..end]
        .iter()
        .any(|l| l.trimmed.len() > stem.len() / 2 && l.trimmed.contains(tail.as_str()))
}

/// Where the page footer starts: a furniture line near the end followed
/// only by a few short lines (`Send Feedback` / `How can we improve?`).
fn footer_start(lines: &[Line], non_empty: &[usize], is_nav: &impl Fn(usize) -> bool) -> usize {
    let tail = &non_empty[non_empty.len().saturating_sub(FOOTER_MAX_LINES + 1)..];
    for (k, &i) in tail.iter().enumerate() {
        let after = &tail[k + 1..];
        if is_nav(i) && after.iter().all(|&j| is_widget_text(lines[j].trimmed)) {
            return i;
        }
    }
    lines.len()
}

/// Short text of a page widget (`How can we improve?`, `Contact us`), not
/// the end of an article, whose sentences end with a full stop or a quote.
fn is_widget_text(t: &str) -> bool {
    t.split_whitespace().nth(FOOTER_MAX_WORDS).is_none()
        && !t.ends_with(['.', '"', '”', '’', ')', ':', ','])
}

/// Letters and digits of `s` in lower case: `Example-Times` as in
/// `www.exampletimes.com`.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether the page calls itself `name`: the name is in its web address
/// (`Valley Post` at `valleypost.example`) or its copyright line.
fn names_itself(lines: &[Line], url: Option<&str>, name: &str) -> bool {
    let key = fold(name);
    if key.chars().count() < 3 {
        return false;
    }
    let host = |u: &str| {
        let rest = u.split_once("://").map_or(u, |(_, r)| r);
        fold(rest.split('/').next().unwrap_or(""))
    };
    if url.is_some_and(|u| host(u).contains(&key)) {
        return true;
    }
    lines.iter().any(|l| {
        let t = l.trimmed;
        let head: String = t.chars().take(9).flat_map(char::to_lowercase).collect();
        (t.starts_with('©') || head.starts_with("copyright") || head.starts_with("(c)"))
            && fold(t).contains(&key)
    })
}

/// The word for "source" in the languages whose dates are read too.
const SOURCE_LABELS: &[&str] = &[
    "source",
    "quelle",
    "fuente",
    "fonte",
    "bron",
    "kaynak",
    "źródło",
    "källa",
];

/// `Source: Example Wire` (or `Kaynak: ...`, `Quelle: ...`) names the source.
fn source_line(t: &str) -> Option<&str> {
    let (label, value) = t.split_once(':')?;
    let value = value.trim();
    let label = label.trim();
    (label.len() <= 8
        && SOURCE_LABELS.contains(&label.to_lowercase().as_str())
        && !value.is_empty()
        && value.split_whitespace().nth(6).is_none()
        && !value.contains("://"))
    .then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::IngestRules;

    fn page(text: &str) -> Page {
        read(text, &Boilerplate::new(&IngestRules::default()))
    }

    #[test]
    fn title_skips_menus_printed_one_entry_per_line() {
        let p = page(
            "Home\nMarkets\nMetals & Mining\nNewsletter sign-up\n\nTuesday, May 5, 2026\n\nTin prices climb as smelter halts output\n\nPrices rose on Tuesday.\n",
        );
        assert_eq!(p.title, "Tin prices climb as smelter halts output");
        assert!(!p.body.contains("Metals & Mining"), "{}", p.body);
    }

    #[test]
    fn title_skips_foreign_skip_links_and_two_part_trails() {
        for head in [
            "Aller au contenu\nAccueil > Économie\n",
            "Zum Inhalt springen\nWirtschaft > Rohstoffe\n",
            "Skip to main content\nSport > Sailing\nPrint edition | Podcasts | Events\n",
        ] {
            let p = page(&format!(
                "{head}\nFerry crews end strike after pay deal\n\nVon Anna Berg\n\nCrews returned to work.\n"
            ));
            assert_eq!(p.title, "Ferry crews end strike after pay deal", "{head}");
        }
    }

    #[test]
    fn wire_headlines_that_look_like_bylines_or_trails_are_titles() {
        for headline in [
            "DI MARCO FOODS SETS QUARTERLY DIVIDEND",
            "PAR TECHNICS <PTX> WINS CONTRACT",
            "<HARBOUR TOOLS INC > SETS PAYOUT",
        ] {
            let p = page(&format!(
                "{headline}\n\n4-MAR-1987 10:00:00.00\n\nThe company said it would pay.\n"
            ));
            assert_eq!(p.title, headline);
        }
    }

    #[test]
    fn date_lines_above_and_below_the_text_leave_the_body() {
        let p = page(
            "Harbour reopens after repairs\n\nMonday, May 4, 2026 | 07:45 GMT\n\nBy Ana Lopes\n\nThe harbour reopened on Monday after a month of repairs.\n\nShips queued outside.\n\nUpdated: May 5, 2026, 09:15\n",
        );
        assert_eq!(
            p.body,
            "By Ana Lopes\n\nThe harbour reopened on Monday after a month of repairs.\n\nShips queued outside."
        );
        let wire = page(
            "COCOA REVIEW\n\n4-MAR-1987 10:00:00.00\n\nShowers continued in the growing zone this week.\n",
        );
        assert_eq!(
            wire.body,
            "Showers continued in the growing zone this week."
        );
    }

    #[test]
    fn a_date_line_inside_the_text_stays() {
        let text = "Timeline of the dispute\n\nThe talks opened in spring and dragged on for months.\n\nMarch 3, 2026\n\nThe first round ended without agreement on any point.\n\nApril 9, 2026\n\nThe second round produced a draft.\n\nThe third round is due in June.\n\nNegotiators plan to meet weekly.\n\nA deal is expected by autumn.\n\nBoth sides sounded hopeful.\n\nObservers were less sure.\n";
        let p = page(text);
        assert!(
            p.body.contains("March 3, 2026") && p.body.contains("April 9, 2026"),
            "{}",
            p.body
        );
    }

    #[test]
    fn a_short_headline_standing_alone_is_kept() {
        let p = page(
            "Tin rallies\n\nTin prices rose sharply on Tuesday after a smelter halted output.\n",
        );
        assert_eq!(p.title, "Tin rallies");
        let p = page("COPPER\n\n4-MAR-1987 10:00:00.00\n\nCopper prices rose.\n");
        assert_eq!(p.title, "COPPER");
    }

    #[test]
    fn title_skips_navigation_dates_and_bylines() {
        let p = page(
            "Go to Contents Go to Navigation\n\nHarbour reopens after storm repairs\n\nMarch 4, 2023\n\nBy Ana Lopes\n\nThe harbour reopened on Monday.\n",
        );
        assert_eq!(p.title, "Harbour reopens after storm repairs");
        assert_eq!(p.body, "By Ana Lopes\n\nThe harbour reopened on Monday.");
    }

    #[test]
    fn title_skips_a_leading_date_and_glued_breadcrumb() {
        let p = page(
            "Friday, June 2, 2023\nHomeNewsEuropeCity council approves new tram...\n\nCity council approves new tram line through old town\n\nThe council voted 30 to 12.\n",
        );
        assert_eq!(
            p.title,
            "City council approves new tram line through old town"
        );
        assert_eq!(p.body, "The council voted 30 to 12.");
    }

    #[test]
    fn separated_breadcrumbs_are_dropped() {
        let p = page(
            "Home > World > Europe\nRivers rise across the north\n\nWater levels rose overnight.\n",
        );
        assert_eq!(p.title, "Rivers rise across the north");
        assert_eq!(p.body, "Water levels rose overnight.");
    }

    #[test]
    fn repeated_headline_and_caption_collapse() {
        let p = page(
            "Port strike ends after talks\n\nA subtitle with more words than the title\n\nPort strike ends after talks\n\nDock workers returned.\n\nWorkers walk back to the gates\nWorkers walk back to the gates\n\nUnions said the deal was fair.\n",
        );
        assert_eq!(p.title, "Port strike ends after talks");
        assert_eq!(
            p.body,
            "A subtitle with more words than the title\n\nDock workers returned.\n\nWorkers walk back to the gates\n\nUnions said the deal was fair."
        );
    }

    #[test]
    fn repeated_paragraphs_collapse_but_short_refrains_stay() {
        let para = "The committee will publish its findings in the spring, officials said.";
        let p = page(&format!(
            "A headline for testing\n\n{para}\n\nYes.\n\nMiddle text here.\n\nYes.\n\n{para}\n"
        ));
        assert_eq!(
            p.body,
            format!("{para}\n\nYes.\n\nMiddle text here.\n\nYes.")
        );
    }

    #[test]
    fn repeated_rows_inside_a_table_or_wrapped_text_stay() {
        let text = "Crop figures for the season\n\nWheat\n    03/04/87  02/04/87\n  total  10  12\n    03/04/87  02/04/87\n  total  10  12\nMaize\n    03/04/87  02/04/87\n\nas the ministry said in its statement on\nthe first figures, and\nas the ministry said in its statement on\nthe second ones.\n";
        let p = page(text);
        assert_eq!(p.body.matches("03/04/87").count(), 3, "{}", p.body);
        assert_eq!(p.body.matches("total  10  12").count(), 2);
        assert_eq!(
            p.body
                .matches("as the ministry said in its statement on")
                .count(),
            2
        );
    }

    #[test]
    fn short_recurring_lines_in_a_list_stay() {
        let p = page(
            "Cup draw announced\n\nNorth v South\n\nWinners meet in the final\n\nEast v West\n\nWinners meet in the final\n",
        );
        assert_eq!(p.body.matches("Winners meet in the final").count(), 2);
    }

    #[test]
    fn blank_runs_collapse_and_furniture_goes() {
        let p = page(
            "Headline of the day\n\n\n\nFirst.\nShare\nAdvertisement\n\n\n\nSecond.\nBack to top\n",
        );
        assert_eq!(p.body, "First.\n\nSecond.");
    }

    #[test]
    fn footer_block_after_furniture_goes() {
        let p = page(
            "Headline of the day\n\nText of the article.\n\nSend Feedback\nHow did we do?\nThanks!\n",
        );
        assert_eq!(p.body, "Text of the article.");
    }

    #[test]
    fn long_text_after_furniture_is_not_a_footer() {
        let p = page(
            "Headline of the day\n\nShare\n\nThe article really starts after the share button and has many words in it.\n",
        );
        assert_eq!(
            p.body,
            "The article really starts after the share button and has many words in it."
        );
    }

    #[test]
    fn configured_furniture_is_dropped() {
        let rules = IngestRules {
            boilerplate: vec!["Download our app".into()],
            boilerplate_prefixes: vec!["Photo:".into()],
            ..Default::default()
        };
        let p = read(
            "Download our app\nBridge opens to traffic\n\nPhoto: a bridge\nCars crossed at dawn.\n",
            &Boilerplate::new(&rules),
        );
        assert_eq!(p.title, "Bridge opens to traffic");
        assert_eq!(p.body, "Cars crossed at dawn.");
    }

    #[test]
    fn one_word_wire_headline_followed_by_date() {
        let p = page("COFFEE\n\n2-MAR-1987 10:00:00.00\n\nPrices rose.\n");
        assert_eq!(p.title, "COFFEE");
    }

    #[test]
    fn section_label_is_not_the_title() {
        let p = page("World\n\nTrains return to the valley line\n\nService resumed.\n");
        assert_eq!(p.title, "Trains return to the valley line");
        assert_eq!(p.body, "Service resumed.");
    }

    #[test]
    fn long_first_paragraph_gives_a_cut_title_and_stays_in_body() {
        let para = "word ".repeat(80);
        let p = page(&para);
        assert!(p.title.ends_with('…') && p.title.len() < 130, "{}", p.title);
        assert_eq!(p.body, para.trim());
    }

    #[test]
    fn source_and_url_lines() {
        let p = page(
            "https://example.com/news/1\nLibrary gets new wing\n\nText.\n\nSource: Example Gazette\n",
        );
        assert_eq!(p.title, "Library gets new wing");
        assert_eq!(p.source.as_deref(), Some("Example Gazette"));
        assert_eq!(p.url.as_deref(), Some("https://example.com/news/1"));
        let p = page("Köprü açıldı bugün\n\nMetin.\n\nKaynak: Örnek Ajans\n");
        assert_eq!(p.source.as_deref(), Some("Örnek Ajans"));
        let p = page("A headline here\n\nThe source: a long sentence that goes on.\n");
        assert_eq!(p.source, None);
    }

    #[test]
    fn html_entities_are_decoded_in_title_and_text() {
        let p = page(
            "Club bids &#163;8m for caf&eacute; owner&#8217;s side\n\nFans &amp; staff cheered.\n",
        );
        assert_eq!(p.title, "Club bids £8m for café owner’s side");
        assert_eq!(p.body, "Fans & staff cheered.");
    }

    #[test]
    fn a_site_suffix_in_the_headline_becomes_the_source() {
        let p = page(
            "Ferry crews end strike | Harbour Voice\n\nFerry crews end strike\n\nCrews returned to work.\n",
        );
        assert_eq!(p.title, "Ferry crews end strike");
        assert_eq!(p.source.as_deref(), Some("Harbour Voice"));
        assert_eq!(p.body, "Crews returned to work.");
        // After a dash, the page's own address or copyright line names it.
        let p = page(
            "https://www.lumenwire.example/ferry\nFerry crews end strike - Lumen Wire\n\nCrews returned.\n",
        );
        assert_eq!(p.title, "Ferry crews end strike");
        assert_eq!(p.source.as_deref(), Some("Lumen Wire"));
        let p = page("Ferry crews end strike - Okafor\n\nText.\n\n© 2026 Lumen Wire\n");
        assert_eq!(p.title, "Ferry crews end strike - Okafor");
        assert_eq!(p.source, None);
        // A stated source wins and the headline is left as printed.
        let p = page("Ferry crews end strike | Harbour Voice\n\nText.\n\nSource: Coast Wire\n");
        assert_eq!(p.title, "Ferry crews end strike | Harbour Voice");
        assert_eq!(p.source.as_deref(), Some("Coast Wire"));
    }

    #[test]
    fn share_and_footer_lines_leave_the_body() {
        let p = page(
            "Ferry crews end strike\n\nFacebook\nTwitter\nShare this article\n\nCrews returned to work on Monday after the deal.\n\nThe union called it fair.\n\nTerms of Use | Privacy Policy | Contact Us\n© 2026 Harbour Voice\n",
        );
        assert_eq!(
            p.body,
            "Crews returned to work on Monday after the deal.\n\nThe union called it fair."
        );
    }

    #[test]
    fn only_furniture_still_gives_a_title() {
        let p = page("Share\nPrint\n");
        assert_eq!(p.title, "Share");
    }
}
