//! A deterministic generator of realistic briefings folders, shared by the
//! `gen_corpus` and `bench` examples and the `collection` bench: the same
//! seed and count always write the same files.
//!
//! Half the articles are Markdown with `+++` front matter, half scraped-style
//! text with menus, breadcrumbs, bylines and a date line in one of several
//! forms and languages. A recurring invented population (see
//! `population.rs`) is written with its spelling variants.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "population.rs"]
mod population;
use population::{COUNTRIES, Country, ORGS, Org, PEOPLE, Person, SOURCES, TOPICS};

/// SplitMix64: small, fast and the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[self.below(from.len())]
    }
    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// One generated article: where it goes and what it says.
pub struct Generated {
    pub rel_path: PathBuf,
    pub text: String,
}

/// The cast of one article: who and what it is about.
struct Cast<'a> {
    people: [&'a Person; 2],
    orgs: [&'a Org; 2],
    country: &'a Country,
    other: &'a Country,
    city: &'a str,
}

impl Cast<'_> {
    fn draw(rng: &mut Rng) -> Cast<'static> {
        let country = rng.pick(COUNTRIES);
        let mut other = rng.pick(COUNTRIES);
        if std::ptr::eq(other, country) {
            other = &COUNTRIES[(COUNTRIES
                .iter()
                .position(|c| std::ptr::eq(c, country))
                .unwrap_or(0)
                + 1)
                % COUNTRIES.len()];
        }
        Cast {
            people: [rng.pick(PEOPLE), rng.pick(PEOPLE)],
            orgs: [rng.pick(ORGS), rng.pick(ORGS)],
            country,
            other,
            city: country.cities[rng.below(country.cities.len())],
        }
    }
}

/// A date between 2016-01-01 and 2025-12-31 as (year, month 1-12, day,
/// weekday 0 = Monday).
fn draw_date(rng: &mut Rng) -> (i32, usize, usize, usize) {
    let days = rng.below(3653) as i64;
    // 2016-01-01 was a Friday (weekday 4).
    let weekday = ((4 + days) % 7) as usize;
    let (mut y, mut d) = (2016, days);
    loop {
        let len = if y % 4 == 0 { 366 } else { 365 };
        if d < len {
            break;
        }
        d -= len;
        y += 1;
    }
    let month_len = [
        31,
        if y % 4 == 0 { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut m = 0;
    while d >= month_len[m] {
        d -= month_len[m];
        m += 1;
    }
    (y, m + 1, d as usize + 1, weekday)
}

/// The date line as a scraped page prints it, in one of several forms.
fn date_line(rng: &mut Rng, (y, m, d, wd): (i32, usize, usize, usize)) -> String {
    match rng.below(7) {
        0 => format!("{}, {d} {} {y}", WEEKDAYS_EN[wd], MONTHS_EN[m - 1]),
        1 => format!(
            "{} {d}, {y} {:02}:{:02} GMT",
            MONTHS_EN[m - 1],
            rng.below(24),
            rng.below(60)
        ),
        2 => format!("Published {d:02}.{m:02}.{y}"),
        3 => format!("{d} {} {y}", MONTHS_FR[m - 1]),
        4 => format!("{d}. {} {y}", MONTHS_DE[m - 1]),
        5 => format!("{d} de {} de {y}", MONTHS_ES[m - 1]),
        _ => format!("Updated {y}-{m:02}-{d:02}"),
    }
}

fn spelling<'a>(rng: &mut Rng, p: &'a Person) -> &'a str {
    // The usual spelling most of the time, a variant now and then.
    if p.spellings.len() > 1 && rng.chance(30) {
        p.spellings[1 + rng.below(p.spellings.len() - 1)]
    } else {
        p.spellings[0]
    }
}

fn org_name<'a>(rng: &mut Rng, o: &'a Org) -> &'a str {
    if o.full.len() > 1 && rng.chance(25) {
        o.full[1]
    } else {
        o.full[0]
    }
}

const HEADLINES: &[&str] = &[
    "{C} and {D} resume talks on {T}",
    "{O} warns of delays as {T} dispute drags on",
    "{P} sets out plan for {T} in {Y}",
    "{Dm} officials weigh new rules on {T}",
    "Talks on {T} stall in {Y}",
    "{O} reports strong year despite {T} worries",
    "{P} under pressure over {T}",
    "{C} signs {T} accord with {D}",
];

/// A sentence template: {P}/{Q} people (full name), {p}/{q} their
/// surnames, {O}/{R} organisations (full), {o}/{r} their short forms,
/// {C}/{D} countries, {Dm} demonym, {Y} city, {T} the topic, {role}.
const SENTENCES: &[&str] = &[
    "{P}, the {role}, said on {W} that the talks in {Y} had made \"real but slow progress\" on {T}.",
    "Officials from the {O} ({o}) met their counterparts in {Y} to discuss {T}, according to people familiar with the meeting.",
    "The {o} has asked both sides to share their figures before the next round, which is expected to take place in {D}.",
    "{p} told reporters that {C} would not accept terms that left its {T} exposed to sudden price swings.",
    "{Q}, a {qrole} who has followed the negotiations closely, said the gap between the two positions was narrower than it looked.",
    "{Dm} exporters have complained for months that the rules on {T} change too often for them to plan ahead.",
    "A spokesperson for the {R} said the group was studying the proposal and would respond within a fortnight.",
    "Analysts at the {r} expect the decision to weigh on {T} for at least two more quarters.",
    "{q} declined to comment on the details, saying only that \"nothing is agreed until everything is agreed\".",
    "The dispute has drawn in neighbouring {D}, whose own plans for {T} depend on the outcome.",
    "In {Y}, local businesses said they had already felt the effect of the uncertainty over {T}.",
    "{p} is due to travel to {D} next month for a further meeting with the {o}.",
    "Critics of the plan, including several members of the {R}, say it does too little to protect smaller firms.",
    "The figures published by the {O} on {W} showed a rise of {N} percent on the same period a year earlier.",
    "Parliament in {C} is expected to vote on the measure before the end of the session.",
    "People in {Y} queued outside public offices on {W} as news of the decision spread.",
    "The {Dm} government has set aside {N} million for the first phase of the programme.",
    "Several {Dm} officials, speaking on condition of anonymity, said the timetable was unrealistic.",
    "Asked whether {C} would walk away, {p} said: \"We have not come this far to leave with nothing.\"",
    "The {R} ({r}) said in a statement that it welcomed the renewed engagement but wanted firmer guarantees.",
    "Shares in companies exposed to {T} fell sharply in early trading before recovering most of their losses.",
    "According to figures from the {r}, {Dm} households now spend nearly a fifth of their income on {T}.",
    "Last year, {q} warned that the sector could not absorb another shock without help from {C}.",
    "Talks between {C} and {D} broke down in the spring over the sequencing of the measures.",
];

const FILLER: &[&str] = &[
    "Neither side gave a date for a final agreement.",
    "The previous round of talks ended without a joint statement.",
    "Markets reacted calmly to the news.",
    "The proposal still needs the approval of several regional governments.",
    "Observers expect a short statement at the end of the week.",
    "Details of the plan have not been made public.",
    "Similar measures were tried a decade ago with mixed results.",
    "Opposition parties have called for a full inquiry.",
];

fn topic_phrase(topic: &str) -> &'static str {
    match topic {
        "energy" => "power supplies",
        "trade" => "tariffs and quotas",
        "security" => "border security",
        "health" => "hospital funding",
        "economy" => "interest rates",
        "climate" => "flood defences",
        "transport" => "rail freight",
        _ => "grain exports",
    }
}

/// "a chancellor", "an analyst".
fn with_article(noun: &str) -> String {
    let an = noun.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {noun}", if an { "an" } else { "a" })
}

fn fill(rng: &mut Rng, template: &str, cast: &Cast, topic: &str) -> String {
    let weekday = WEEKDAYS_EN[rng.below(5)];
    let number = (1 + rng.below(40)).to_string();
    let mut out = template.to_string();
    let subs: [(&str, String); 17] = [
        ("{P}", spelling(rng, cast.people[0]).to_string()),
        ("{Q}", spelling(rng, cast.people[1]).to_string()),
        ("{p}", cast.people[0].surname.to_string()),
        ("{q}", cast.people[1].surname.to_string()),
        ("{role}", cast.people[0].role.to_string()),
        ("a {qrole}", with_article(cast.people[1].role)),
        ("{O}", org_name(rng, cast.orgs[0]).to_string()),
        ("{R}", org_name(rng, cast.orgs[1]).to_string()),
        ("{o}", cast.orgs[0].short.to_string()),
        ("{r}", cast.orgs[1].short.to_string()),
        ("{C}", cast.country.name.to_string()),
        ("{D}", cast.other.name.to_string()),
        ("{Dm}", cast.country.demonym.to_string()),
        ("{Y}", cast.city.to_string()),
        ("{T}", topic_phrase(topic).to_string()),
        ("{W}", weekday.to_string()),
        ("{N}", number),
    ];
    // Longest markers first would matter only for prefixes; {Dm} is
    // replaced before {D} by listing order below.
    for (k, v) in subs.iter().filter(|(k, _)| *k == "{Dm}") {
        out = out.replace(k, v);
    }
    for (k, v) in subs.iter().filter(|(k, _)| *k != "{Dm}") {
        out = out.replace(k, v);
    }
    out
}

/// About 2,300 bytes of body: paragraphs of three or four sentences, no
/// template used twice until all have been.
fn body(rng: &mut Rng, cast: &Cast, topic: &str) -> String {
    let mut order: Vec<usize> = (1..SENTENCES.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let mut next = order.into_iter().cycle();
    let mut text = String::with_capacity(2600);
    // The first mention introduces the first person by full name.
    text.push_str(&fill(rng, SENTENCES[0], cast, topic));
    let mut in_paragraph = 1;
    while text.len() < 2200 {
        if in_paragraph >= 3 + rng.below(2) {
            text.push_str("\n\n");
            in_paragraph = 0;
        } else {
            text.push(' ');
        }
        let s = if rng.chance(15) {
            rng.pick(FILLER).to_string()
        } else {
            let template = SENTENCES[next.next().unwrap_or(1)];
            fill(rng, template, cast, topic)
        };
        text.push_str(&s);
        in_paragraph += 1;
    }
    text.push('\n');
    text
}

/// Wraps prose at about 76 columns, as scraped text often comes.
fn wrap(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for para in text.split("\n\n") {
        let mut col = 0;
        for word in para.split_whitespace() {
            if col > 0 && col + word.len() > 76 {
                out.push('\n');
                col = 0;
            } else if col > 0 {
                out.push(' ');
                col += 1;
            }
            out.push_str(word);
            col += word.len();
        }
        out.push_str("\n\n");
    }
    out
}

fn slug(title: &str) -> String {
    let mut s = String::new();
    for w in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
    {
        if !s.is_empty() {
            s.push('-');
        }
        s.push_str(&w.to_lowercase());
    }
    s
}

/// Article `i` of the collection made with `seed`.
pub fn article(seed: u64, i: usize) -> Generated {
    let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0xA24B_AED4_963E_E407));
    let (topic, subs) = *rng.pick(TOPICS);
    let sub = *rng.pick(subs);
    let cast = Cast::draw(&mut rng);
    let date = draw_date(&mut rng);
    let undated = rng.chance(2);
    let template = rng_pick_headline(&mut rng);
    let headline = fill(&mut rng, template, &cast, topic);
    let body = body(&mut rng, &cast, topic);
    let folder = if rng.chance(70) {
        PathBuf::from(topic).join(sub)
    } else {
        PathBuf::from(topic)
    };
    let (y, m, d, _) = date;
    let mut text = String::with_capacity(2800);
    let name = if rng.chance(50) {
        let _ = writeln!(text, "+++");
        let _ = writeln!(text, "title = {:?}", headline);
        if !undated {
            let _ = writeln!(text, "date = \"{y}-{m:02}-{d:02}\"");
        }
        let _ = writeln!(text, "topics = [\"{topic}\", \"{sub}\"]");
        if rng.chance(40) {
            let _ = writeln!(
                text,
                "tags = [\"{}\", \"{}\"]",
                cast.country.name.to_lowercase(),
                sub
            );
        }
        let _ = writeln!(text, "source = {:?}", rng.pick(SOURCES));
        let _ = writeln!(text, "+++\n");
        text.push_str(&body);
        let prefix = if undated {
            String::new()
        } else {
            format!("{y}-{m:02}-{d:02}-")
        };
        format!("{prefix}{}-{i:06}.md", slug(&headline))
    } else {
        scraped(
            &mut rng,
            &mut text,
            &headline,
            &body,
            &cast,
            topic,
            sub,
            (!undated).then_some(date),
        );
        format!("{}-{i:06}.txt", slug(&headline))
    };
    Generated {
        rel_path: folder.join(name),
        text,
    }
}

fn rng_pick_headline(rng: &mut Rng) -> &'static str {
    HEADLINES[rng.below(HEADLINES.len())]
}

/// A page as a scraper saves it: menu, breadcrumbs, date line, headline,
/// byline, dateline, wrapped prose, then footer links.
#[allow(clippy::too_many_arguments)]
fn scraped(
    rng: &mut Rng,
    text: &mut String,
    headline: &str,
    body: &str,
    cast: &Cast,
    topic: &str,
    sub: &str,
    date: Option<(i32, usize, usize, usize)>,
) {
    if rng.chance(60) {
        text.push_str("Skip to content\nHome | World | Business | Markets | Opinion\n");
    }
    let mut topic_title = topic.to_string();
    topic_title[..1].make_ascii_uppercase();
    let _ = writeln!(text, "Home > {topic_title} > {sub}\n");
    if let Some(date) = date {
        let line = date_line(rng, date);
        let _ = writeln!(text, "{line}\n");
    }
    let _ = writeln!(text, "{headline}\n");
    let reporter = rng.pick(PEOPLE).spellings[0];
    let _ = writeln!(text, "By {reporter}, {}\n", rng.pick(SOURCES));
    let mut wrapped = wrap(body);
    if rng.chance(50) {
        wrapped = format!("{} -- {wrapped}", cast.city.to_uppercase());
    }
    text.push_str(&wrapped);
    text.push_str("Share | Print | Email\nMost read\nBack to top\n");
}

/// Writes articles `0..n` under `dir`, returning the bytes written.
pub fn write(dir: &Path, n: usize, seed: u64) -> std::io::Result<u64> {
    let mut bytes = 0;
    let mut made = std::collections::HashSet::new();
    for i in 0..n {
        let g = article(seed, i);
        let path = dir.join(&g.rel_path);
        if let Some(parent) = path.parent()
            && made.insert(parent.to_path_buf())
        {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &g.text)?;
        bytes += g.text.len() as u64;
    }
    Ok(bytes)
}
