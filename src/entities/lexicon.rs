//! The closed word lists the name rules consult: words that look like names
//! only because they are capitalised, titles that announce a person, head
//! words that make a name an organisation, a place or an event, and given
//! names and surnames that make a bare name lean person. All are compared
//! by `fold_key`, so case and accents do not matter.

use super::fast_hash::FastSet;

use super::fold::fold_key;

/// Capitalised at a sentence start or in a heading, but never a name on
/// their own: function words, pronouns, common sentence openers, calendar
/// words, compass points and site navigation.
const STOP: &str = "
a an the and or but nor so yet if then than that this these those there here where when while whereas
why how what which who whom whose whatever whoever i me my mine we us our ours you your yours he him his
she her hers it its they them their theirs one ones some any all both each every either neither none no
not nor many much more most few less least other others another such same own only just also even still
again already always never ever often sometimes soon now today tomorrow yesterday tonight meanwhile
however moreover furthermore therefore thus hence instead otherwise besides although though because since
unless until after before during about above below across against along among around at by for from in
into inside near of off on onto out outside over past per through throughout to toward towards under up
upon via with within without as like unlike despite including according regarding amid amidst between
beyond is are was were be been being am do does did done have has had having will would shall should can
could may might must let lets said says say told asked added noted according please yes ok okay well oh
new old first second third last next latest former top key major minor big small great good bad best
high low early late full half several various certain
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
january february march april june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
spring summer autumn winter christmas easter
north south east west northern southern eastern western northeast northwest southeast southwest
home contents navigation menu send feedback search login log sign subscribe share print email comments comment related
popular most read more back top go skip video videos photo photos image images gallery advertisement
advertising sponsored copyright reserved terms privacy cookies follow tweet facebook twitter whatsapp
linkedin instagram youtube telegram news latest business sports sport opinion politics economy
tech science health culture entertainment lifestyle weather local
breaking live update updated updates editor editors editorial correspondent reporter reporters staff
source sources report reports reported reporting page click tap here view views full story stories
section sections topic topics tags tag read also see more
mr mrs ms dr note gmt est edt pst cet bst gnp gdp dlrs dlr mln bln pct cts vs mths shr revs avg oper qtr
net sales tv dvd dvds cd cds pc pcs dj icbm icbms slbm irbm ceo cfo ai vat ngo ngos uav uavs ipo ipos
etf etfs lng ev evs suv suvs faq am pm
government officials official authorities regime people country countries nation nations
former
";

/// Words that, right before a name, say a person follows (`President Yoon`,
/// `Foreign Minister Wang Yi`, `envoy Kim Gunn`). Matched case-insensitively.
const TITLES: &str = "
president presidents vice-president president-elect premier chancellor minister ministers
secretary secretary-general undersecretary under-secretary envoy envoys ambassador ambassadors
chairman chairwoman chairperson chair ceo cfo coo executive director governor senator sen rep
representative congressman congresswoman mp mep spokesman spokeswoman spokesperson leader leaders king queen
prince princess pope emperor empress sheikh emir sultan ayatollah imam rabbi bishop archbishop cardinal
gen admiral adm brigadier colonel col lieutenant lt maj captain capt sergeant sgt commander marshal
mr mrs ms miss dr prof professor judge justice mayor commissioner deputy vice treasurer counsellor
counselor adviser advisor aide attorney prosecutor lawmaker legislator dictator chief counterpart
counterparts diplomat negotiator delegate analyst economist official officer founder owner coach
manager striker midfielder defender goalkeeper actor actress singer author novelist director-general
speaker sir lord lady dame baroness baron count countess duke duchess crown
";

/// Words that name a rank or office when alone but open company names too
/// (`General Dynamics`): never an entity by themselves, never a cue.
const LONE_RANKS: &str = "
general generals
";

/// Words naming a portfolio that sit between parts of a title
/// (`Minister of Foreign Affairs`, `Secretary of State`), never a name.
const PORTFOLIOS: &str = "
state defense defence foreign affairs finance trade industry agriculture commerce energy justice interior
home health education labor labour treasury economy economic unification transport transportation
environment culture security intelligence information communications development planning welfare
fisheries oceans science technology tourism sports youth women family housing infrastructure land
national international public internal external strategy strategic policy political military nuclear
relations cooperation overseas exchequer
";

/// Lower-case words that, right before a capitalised name, say a person
/// follows (`his counterpart Liu Xiaoming`).
const PERSON_CUES_BEFORE: &str = "
envoy counterpart ambassador minister president leader spokesman spokeswoman spokesperson chief
secretary chairman chairwoman director governor senator premier chancellor adviser advisor aide
diplomat negotiator official analyst economist professor lawyer attorney judge mayor general commander
correspondent reporter columnist author writer executive head founder officer editor
chairperson ceo
";

/// Verbs that, right after a name, say it is a person (`Kulik warned`).
const PERSON_CUES_AFTER: &str = "
said says told added warned claimed wrote noted stressed insisted asked urged argued explained
believes believed thinks thought admitted denied announced declared replied responded tweeted
";

/// Head words that make a capitalised name an organisation.
const ORG_HEADS: &str = "
ministry council agency bank corp corporation inc incorporated ltd limited plc llc co group party
university college school committee commission association federation company news department board
office institute institution union organization organisation fund authority exchange court parliament
assembly congress senate army navy forces force command service services bureau league alliance front
movement foundation society trust holdings airlines airways motors industries bancorp securities
partners times post journal press television broadcasting network administration cabinet police guard
guards secretariat church club team academy center centre hospital laboratory laboratories lab systems
technologies electronics energy petroleum oil chemicals steel mining pharmaceuticals insurance capital
investments ventures enterprises brothers bros gmbh ag sa nv spa kk savings
shipping lines semiconductor semiconductors transmission electric telecom telecoms logistics resources
foods gruppo banque banco banca caisse
";

/// Head words that name a company only after a name of its own (`Kestrel
/// Shipping`, `Danubia Gas`), not after a plain word the article also
/// writes in lower case (`Natural Gas`, `Nuclear Power`).
const WEAK_ORG_HEADS: &str = "
gas power
";

/// Plain words that make a weak head a commodity, not a company
/// (`Liquefied Natural Gas`, `Nuclear Power`), even when the article never
/// writes them in lower case.
const COMMODITY_WORDS: &str = "
natural liquefied liquified compressed renewable nuclear solar wind shale green clean greenhouse
tear nerve poison mustard coal hydro thermal fossil hard soft world great super people
";

/// Legal forms closing a company's name (`Nordvik Energy ASA`), matched as
/// written so the plain words `as` or `co` never count.
pub const LEGAL_SUFFIXES: &[&str] = &[
    "ASA",
    "AS",
    "AB",
    "AG",
    "SA",
    "SE",
    "NV",
    "BV",
    "GmbH",
    "plc",
    "PLC",
    "Plc",
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Corporation",
    "Co",
    "Co.",
    "Ltd",
    "Ltd.",
    "LLC",
    "Group",
    "Oyj",
    "KK",
    "SpA",
    "S.A.",
    "N.V.",
    "B.V.",
    "AG.",
    "Limited",
    "Incorporated",
    "Holdings",
];

/// A folded word that may close a company's name without changing which
/// company it is: left out of the key that ties spellings together.
pub fn is_legal_suffix_fold(fold: &str) -> bool {
    matches!(
        fold,
        "asa"
            | "as"
            | "ab"
            | "ag"
            | "sa"
            | "se"
            | "nv"
            | "bv"
            | "gmbh"
            | "plc"
            | "inc"
            | "corp"
            | "corporation"
            | "co"
            | "ltd"
            | "llc"
            | "group"
            | "oyj"
            | "kk"
            | "spa"
            | "limited"
            | "incorporated"
            | "holdings"
    )
}

/// Head words (last word) that make a name an event, treaty, law, weapon or
/// programme: the fourth kind, "other".
const OTHER_HEADS: &str = "
treaty accord accords agreement pact protocol convention declaration charter act bill law amendment war
wars summit games olympics olympiad cup championship championships tournament festival award awards prize
conference forum dialogue talks round initiative open plan programme program project doctrine crisis
revolution uprising expo exhibition resolution operation defense defence system missile missiles shield
rocket satellite vaccine index
";

/// Head words that make a name a place.
const PLACE_HEADS: &str = "
city island islands river sea ocean mountain mountains mount lake province prefecture county valley bay
gulf strait straits peninsula coast desert street avenue square airport port harbour harbor canal
district region territory territories archipelago plateau plain plains basin heights hills
";

/// The broader list of given names, kept as data.
const GIVEN_NAMES_DATA: &str = include_str!("../../data/given_names.txt");

/// Given names of many countries (about 21,700, from the nomquamgender
/// registers; see data/SOURCES.md), folded and sorted by bytes, one a line.
/// Hashed once when the extractor is built: a binary search at every
/// capitalised word cost 4 % of extraction in string comparisons.
const WORLD_GIVEN_NAMES: &str = include_str!("../../data/given_names_world.txt");

/// Given names: the short lists written here and the world list.
#[derive(Debug, Clone)]
pub struct GivenNames {
    listed: FastSet<String>,
    world: FastSet<&'static str>,
}

impl GivenNames {
    fn new() -> Self {
        Self {
            listed: given_names(),
            world: WORLD_GIVEN_NAMES.lines().collect(),
        }
    }

    /// Whether `fold` (a folded word) is a given name.
    pub fn contains(&self, fold: &str) -> bool {
        self.listed.contains(fold) || self.world.contains(fold)
    }
}

/// Common given names: a capitalised pair starting with one leans person.
const GIVEN_NAMES: &str = "
aaron abdul abdullah abraham adam adrian ahmed ahmad alan albert alberto alejandro aleksandr alex
alexander alexandre alexei alexey alfred ali alice alicia alistair amanda amy ana anatoly andre andrea
andreas andrei andrew andrey andy angela angelo ann anna anne annie anthony antonio antony antoine arnold
arthur ashley barack barbara barry ben benjamin bernard bernie betty bill billy bob bobby boris brad brian
bruce carl carlos carol caroline catherine charles charlie charlotte chris christian christina christine
christopher claire claude colin craig dan daniel danny david dennis diana diane dick dmitry dmitri
donald doug douglas ed eddie edward elizabeth ellen emily emma emmanuel eric erik ernst eugene evgeny
fernando francesco francis francisco frank franz fred frederick friedrich fumio george georg gerald
gerhard giorgio giuseppe gordon greg gregory guido hans harold harry hassan heinz helen helmut henry
herbert hillary howard hugh hugo ian igor ivan jack jacques james jan jane janet jason jean jeff jeffrey
jennifer jerry jim jimmy joan joe johann john johnny jon jonathan jorge jose josef joseph juan judith
julia julian julie junichiro justin karen karl kate katherine kathleen keith ken kenneth kevin kiichi
klaus kurt larry laura laurent lawrence leonid linda lisa louis luis luiz lynn manuel marc marco margaret
maria mario mark martin mary matthew maurice max michael michel michelle miguel mike mikhail mohamed
mohammad mohammed muhammad nancy naoto natalia neil nicholas nick nicolas nigel nikolai nikolay olaf
oleg oliver olivier pablo patricia patrick paul pedro pete peter philip philippe pierre rachel ralph
ramon raymond rebecca richard rick robert roberto roger ronald rudolf ruth ryan sally sam samuel sandra
sarah scott sean sebastian sergei sergey shinzo simon stanley stefan stephen steve steven susan taro
ted theresa thomas tim timothy todd tom tony ulrich valentina valery vladimir walter wang werner
william willy wolfgang xavier yasuhiro yoshihide yoshihiko yuri yury
masaki hiroshi takeshi kenji akira makoto yoshio kazuo shigeru hideo noboru koichi toshio tadashi
ichiro yukio masahiro keizo ryutaro morihiro tsutomu junichi haruhiko toshihiko masayoshi naoki shinji
takashi satoshi abdel abdulaziz fahd khalid saud hamad omar osama yasser hosni saddam bashar hafez
mahmoud mustafa recep ahmet mehmet turgut jair dilma cristina nestor evo raul fidel felipe andres gustavo
javier sergio ricardo eduardo alvaro gabriel rafael diego yevgeny nikita horst jurgen otto dieter hermann
francois edouard lionel dominique alain narendra rahul sonia manmohan rajiv indira amit rishi keir liz
kamala mitt newt chuck mitch rand elon warren jerome kristalina ursula jens giorgia silvio matteo
volodymyr petro viktor yair naftali ehud shimon yitzhak ariel ismail imran nawaz shehbaz ashraf hamid
ayman mehdi ali-akbar hashemi corazon ferdinand jaime clayton caspar malcolm marlin dilson
";

/// Surnames common enough in the news that a two-word name with one leans
/// person. The East Asian ones are also what a name may start with
/// (`Wang Yi`, `Kim Gunn`), and what a bare mention may resolve through.
const EAST_ASIAN_SURNAMES: &str = "
kim lee yi park pak choi choe chung jung jeong kang cho jo yoon yun jang lim im han oh seo suh shin kwon
hwang ahn song ryu yoo yu hong jeon chun ko koh moon mun yang son bae baek paik heo huh nam noh roh ha
kwak sung cha ri min byun ban hyun ju wang li zhang liu chen huang zhao wu zhou xu sun zhu hu guo lin
gao luo zheng liang xie tang xi xing deng jiang wen qin hua cui feng cao peng zeng xiao tian dong pan
yuan cai jia wei ye yan du dai xia zhong lu ding ren shen yao shi tan liao zou xiong jin hao kong bai
mao qiu hou shao meng qian yin chiang chou hsu lai tsai abe kishida suga
";

const OTHER_SURNAMES: &str = "
smith johnson williams brown jones miller davis wilson taylor anderson thomas jackson white harris
martin thompson garcia martinez robinson clark rodriguez lewis walker hall allen young king wright
scott green baker adams nelson hill campbell mitchell roberts carter phillips evans turner parker
collins edwards stewart morris murphy cook rogers morgan cooper peterson reed bailey bell kelly howard
ward cox richardson wood watson brooks bennett gray james hughes price sanders myers long ross foster
";

/// Connectors allowed inside a name (`Bank of Korea`, `Charles de Gaulle`):
/// the list [`is_connector`] tests for, kept for its test.
#[cfg(test)]
pub const CONNECTORS: &[&str] = &[
    "of", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "van", "von", "der", "den",
    "la", "le", "bin", "ibn", "al", "el", "y", "&", "on", "for", "and", "the",
];

/// Whether `w` (as written, lower case) is a connector allowed inside a
/// name (`Bank of Korea`, `Charles de Gaulle`): asked
/// of every lower-case word, so a `match` the compiler turns into a few
/// length and byte tests rather than a scan of the list.
pub fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "de"
            | "del"
            | "della"
            | "di"
            | "da"
            | "do"
            | "dos"
            | "das"
            | "du"
            | "van"
            | "von"
            | "der"
            | "den"
            | "la"
            | "le"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "y"
            | "&"
            | "on"
            | "for"
            | "and"
            | "the"
    )
}

/// Connectors that may only continue a name whose head word is already
/// known to be an organisation or event (`Ministry for Foreign Affairs`,
/// `Bank of the Philippines`), never a bare pair of names (`Russia and China`).
pub const WEAK_CONNECTORS: &[&str] = &["on", "for", "and", "the"];

/// Function words that never start a name, even an organisation's
/// (`The`, `In`), unlike capitalised content words (`First Boston Corp`).
pub const FUNCTION_WORDS: &str = "
a an the and or but nor so if then than that this these those there here where when while why how what
which who i me my we us our you your he him his she her it its they them their at by for from in into of
off on onto out over to with as after before during since until about among between under upon also
however meanwhile both all some any each every no not
";

fn set(words: &str) -> FastSet<String> {
    words.split_whitespace().map(fold_key).collect()
}

#[derive(Debug, Clone)]
pub struct Lexicon {
    pub stop: FastSet<String>,
    pub function_words: FastSet<String>,
    pub titles: FastSet<String>,
    pub lone_ranks: FastSet<String>,
    pub portfolios: FastSet<String>,
    pub cues_before: FastSet<String>,
    pub cues_after: FastSet<String>,
    pub org_heads: FastSet<String>,
    pub weak_org_heads: FastSet<String>,
    pub commodity_words: FastSet<String>,
    pub other_heads: FastSet<String>,
    pub place_heads: FastSet<String>,
    pub given: GivenNames,
    pub east_asian: FastSet<String>,
    pub surnames: FastSet<String>,
}

/// The built-in given names and the data file's, folded.
fn given_names() -> FastSet<String> {
    let mut given = set(GIVEN_NAMES);
    for line in GIVEN_NAMES_DATA.lines() {
        if !line.trim_start().starts_with('#') {
            given.extend(line.split_whitespace().map(fold_key));
        }
    }
    given
}

impl Lexicon {
    /// A title or rank that alone names nobody (`General`, `Chancellor`).
    pub fn is_lone_title(&self, fold: &str) -> bool {
        self.titles.contains(fold) || self.lone_ranks.contains(fold)
    }

    /// A head word of any kind (`Ministry`, `Treaty`, `Island`).
    pub fn is_head(&self, fold: &str) -> bool {
        self.org_heads.contains(fold)
            || self.weak_org_heads.contains(fold)
            || self.other_heads.contains(fold)
            || self.place_heads.contains(fold)
    }

    pub fn new() -> Self {
        let east_asian = set(EAST_ASIAN_SURNAMES);
        let mut surnames = set(OTHER_SURNAMES);
        surnames.extend(east_asian.iter().cloned());
        Self {
            stop: set(STOP),
            function_words: set(FUNCTION_WORDS),
            titles: set(TITLES),
            lone_ranks: set(LONE_RANKS),
            portfolios: set(PORTFOLIOS),
            cues_before: set(PERSON_CUES_BEFORE),
            cues_after: set(PERSON_CUES_AFTER),
            org_heads: set(ORG_HEADS),
            weak_org_heads: set(WEAK_ORG_HEADS),
            commodity_words: set(COMMODITY_WORDS),
            other_heads: set(OTHER_HEADS),
            place_heads: set(PLACE_HEADS),
            given: GivenNames::new(),
            east_asian,
            surnames,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_fold_and_answer() {
        let lex = Lexicon::new();
        assert!(lex.stop.contains("monday"));
        assert!(lex.stop.contains("january"));
        assert!(lex.titles.contains("secretary general"));
        assert!(lex.org_heads.contains("ministry"));
        assert!(lex.given.contains("sergey"));
        // From the data file, accents folded.
        assert!(lex.given.contains("ingrid") && lex.given.contains("tamas"));
        assert!(!lex.given.contains("#"));
        // From the world list.
        assert!(lex.given.contains("jacinda") && lex.given.contains("volodymyr"));
        assert!(!lex.given.contains("said") && !lex.given.contains("paris"));
        assert!(lex.east_asian.contains("kim"));
        assert!(lex.surnames.contains("kim") && lex.surnames.contains("smith"));
        assert!(!lex.stop.contains("seoul"));
    }

    #[test]
    fn the_connector_test_is_the_connector_list() {
        for w in CONNECTORS {
            assert!(is_connector(w), "{w}");
        }
        for w in ["", "said", "ofx", "d", "thee", "And"] {
            assert!(!is_connector(w), "{w}");
        }
    }

    #[test]
    fn the_world_list_is_folded_and_sorted_for_binary_search() {
        let lines: Vec<&str> = WORLD_GIVEN_NAMES.lines().collect();
        assert!(lines.len() > 20_000);
        assert!(lines.windows(2).all(|w| w[0] < w[1]));
        assert!(lines.iter().all(|l| fold_key(l) == *l && !l.is_empty()));
    }
}
