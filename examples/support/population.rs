//! The invented world the generated briefings report on: people,
//! organisations and places that recur across articles, each with the
//! spellings real wires drift between. Every name here is made up.

/// A person: spellings of the full name (the first is the usual one) and
/// the surname used on later mentions.
pub struct Person {
    pub spellings: &'static [&'static str],
    pub surname: &'static str,
    pub role: &'static str,
}

/// An organisation: its full name, its acronym or short form, and case or
/// punctuation variants of the full name.
pub struct Org {
    pub full: &'static [&'static str],
    pub short: &'static str,
}

/// A country with its demonym and a few cities.
pub struct Country {
    pub name: &'static str,
    pub demonym: &'static str,
    pub cities: &'static [&'static str],
}

pub const PEOPLE: &[Person] = &[
    Person {
        spellings: &[
            "Anna-Lise Korvath",
            "Anna Lise Korvath",
            "Anna-lise Korvath",
        ],
        surname: "Korvath",
        role: "energy minister",
    },
    Person {
        spellings: &[
            "Tobias van der Heel",
            "Tobias Van der Heel",
            "Tobias Vanderheel",
        ],
        surname: "van der Heel",
        role: "central bank governor",
    },
    Person {
        spellings: &["Mireille Osterwald"],
        surname: "Osterwald",
        role: "trade commissioner",
    },
    Person {
        spellings: &["Kwabena Adu-Larbi", "Kwabena Adu Larbi"],
        surname: "Adu-Larbi",
        role: "finance minister",
    },
    Person {
        spellings: &["Selin Karadere"],
        surname: "Karadere",
        role: "chief executive",
    },
    Person {
        spellings: &["Rhodri MacAskill", "Rhodri Mac Askill", "Rhodri McAskill"],
        surname: "MacAskill",
        role: "union leader",
    },
    Person {
        spellings: &["Ines Valcárcel", "Ines Valcarcel"],
        surname: "Valcárcel",
        role: "health minister",
    },
    Person {
        spellings: &["Jun-Ho Baek", "Jun Ho Baek", "Junho Baek"],
        surname: "Baek",
        role: "port director",
    },
    Person {
        spellings: &["Oksana Dravets"],
        surname: "Dravets",
        role: "defence minister",
    },
    Person {
        spellings: &["Pieter Oudekamp"],
        surname: "Oudekamp",
        role: "grid operator chief",
    },
    Person {
        spellings: &["Amara Nwosu-Bell", "Amara Nwosu Bell"],
        surname: "Nwosu-Bell",
        role: "prime minister",
    },
    Person {
        spellings: &["Hallvard Stenrud"],
        surname: "Stenrud",
        role: "chief economist",
    },
    Person {
        spellings: &["Lucía Ferrandiz", "Lucia Ferrandiz"],
        surname: "Ferrandiz",
        role: "climate envoy",
    },
    Person {
        spellings: &["Dmitar Veljkov"],
        surname: "Veljkov",
        role: "foreign minister",
    },
    Person {
        spellings: &["Nadia El-Masri", "Nadia El Masri", "Nadia Elmasri"],
        surname: "El-Masri",
        role: "spokeswoman",
    },
    Person {
        spellings: &["Corin Ashdown"],
        surname: "Ashdown",
        role: "analyst",
    },
    Person {
        spellings: &["Farida Qasimova"],
        surname: "Qasimova",
        role: "agriculture minister",
    },
    Person {
        spellings: &["Bertrand Lemaistre"],
        surname: "Lemaistre",
        role: "shipping executive",
    },
    Person {
        spellings: &["Yusuf Okonkwo-Reyes", "Yusuf Okonkwo Reyes"],
        surname: "Okonkwo-Reyes",
        role: "transport secretary",
    },
    Person {
        spellings: &["Greta Sollberger"],
        surname: "Sollberger",
        role: "regulator",
    },
    Person {
        spellings: &["Tomasz Wierzbicki"],
        surname: "Wierzbicki",
        role: "deputy minister",
    },
    Person {
        spellings: &["Maelle Kerbrat", "Maëlle Kerbrat"],
        surname: "Kerbrat",
        role: "mayor",
    },
    Person {
        spellings: &["Ravindra Subramaniam"],
        surname: "Subramaniam",
        role: "board chairman",
    },
    Person {
        spellings: &["Hedda Lindgaard"],
        surname: "Lindgaard",
        role: "researcher",
    },
    Person {
        spellings: &["Osei Kwarteng-Mills", "Osei Kwarteng Mills"],
        surname: "Kwarteng-Mills",
        role: "negotiator",
    },
    Person {
        spellings: &["Veronika Strnadová", "Veronika Strnadova"],
        surname: "Strnadová",
        role: "economy minister",
    },
    Person {
        spellings: &["Caspar Threlkeld"],
        surname: "Threlkeld",
        role: "fund manager",
    },
    Person {
        spellings: &["Aiyana Redcloud"],
        surname: "Redcloud",
        role: "senator",
    },
    Person {
        spellings: &["Emre Baysal"],
        surname: "Baysal",
        role: "airline chief",
    },
    Person {
        spellings: &["Solveig Aarnes"],
        surname: "Aarnes",
        role: "ombudsman",
    },
    Person {
        spellings: &[
            "Matthias Grünewald-Roth",
            "Matthias Gruenewald-Roth",
            "Matthias Grünewald Roth",
        ],
        surname: "Grünewald-Roth",
        role: "chancellor",
    },
    Person {
        spellings: &["Priya Raghunathan"],
        surname: "Raghunathan",
        role: "vaccine researcher",
    },
];

pub const ORGS: &[Org] = &[
    Org {
        full: &["Northern Grid Authority", "Northern Grid authority"],
        short: "NGA",
    },
    Org {
        full: &["Meridian Shipping Company", "Meridian Shipping Co."],
        short: "Meridian Shipping",
    },
    Org {
        full: &["Council of Coastal States"],
        short: "CCS",
    },
    Org {
        full: &["Halvorsen Maritime Holdings"],
        short: "Halvorsen",
    },
    Org {
        full: &["International Grain Exchange"],
        short: "IGE",
    },
    Org {
        full: &["Tessaly Power Corporation", "Tessaly Power Corp."],
        short: "Tessaly Power",
    },
    Org {
        full: &["Eastern Rail Alliance"],
        short: "ERA",
    },
    Org {
        full: &["Borealis Mining Group"],
        short: "Borealis",
    },
    Org {
        full: &["Federation of Dock Workers"],
        short: "FDW",
    },
    Org {
        full: &["Commission for Fair Markets"],
        short: "CFM",
    },
    Org {
        full: &["Valdorian National Bank", "Valdorian national bank"],
        short: "VNB",
    },
    Org {
        full: &["Kestrel Aerospace"],
        short: "Kestrel",
    },
    Org {
        full: &["Global Vaccine Partnership"],
        short: "GVP",
    },
    Org {
        full: &["Ostrova Telecom"],
        short: "Ostrova",
    },
    Org {
        full: &["Alliance for Northern Security"],
        short: "ANS",
    },
    Org {
        full: &["Sundmark Agricultural Cooperative"],
        short: "Sundmark",
    },
    Org {
        full: &["Institute for Climate Resilience"],
        short: "ICR",
    },
    Org {
        full: &["Carrowmore Bank"],
        short: "Carrowmore",
    },
];

pub const COUNTRIES: &[Country] = &[
    Country {
        name: "Valdoria",
        demonym: "Valdorian",
        cities: &["Port Hessel", "Drummin", "Askeby"],
    },
    Country {
        name: "Ostrova",
        demonym: "Ostrovan",
        cities: &["Veliko Brod", "Kamenets"],
    },
    Country {
        name: "Tessaly",
        demonym: "Tessalian",
        cities: &["Marrow Bay", "Lindqvist Harbour"],
    },
    Country {
        name: "Sundmark",
        demonym: "Sundish",
        cities: &["Holmvik", "Sandeby"],
    },
    Country {
        name: "Carrowmore",
        demonym: "Carrowmorean",
        cities: &["Kilbrannan", "Ardnacrusha Point"],
    },
    Country {
        name: "Qadira",
        demonym: "Qadiri",
        cities: &["Al-Sahil", "Nur Abad"],
    },
    Country {
        name: "Marisol",
        demonym: "Marisolan",
        cities: &["San Aurelio", "Puerto Celeste"],
    },
    Country {
        name: "Kesh",
        demonym: "Keshite",
        cities: &["Tamar Falls", "Oru"],
    },
    Country {
        name: "Belmaria",
        demonym: "Belmarian",
        cities: &["Novigrad Lake", "Tirsa"],
    },
    Country {
        name: "Arvania",
        demonym: "Arvanian",
        cities: &["Lessing", "Grauberg"],
    },
];

/// Topic folders, each with sub-folders.
pub const TOPICS: &[(&str, &[&str])] = &[
    ("energy", &["grids", "gas", "nuclear"]),
    ("trade", &["tariffs", "shipping"]),
    ("security", &["defence", "cyber"]),
    ("health", &["vaccines", "hospitals"]),
    ("economy", &["banks", "jobs"]),
    ("climate", &["floods", "emissions"]),
    ("transport", &["rail", "aviation"]),
    ("agriculture", &["grain"]),
];

pub const SOURCES: &[&str] = &[
    "Harbour Wire",
    "The Northern Ledger",
    "Coastal Dispatch",
    "Market Notes Daily",
    "Policy Brief Weekly",
];
