//! Month and weekday names of the major European languages, compared after
//! folding case and accents, so `EYLÜL`, `eylul` and `Eylül` all match.

/// Folded month names (full, genitive and common abbreviations) → month.
#[rustfmt::skip]
const MONTHS: &[(&str, u32)] = &[
    // English
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6),
    ("july", 7), ("august", 8), ("september", 9), ("october", 10), ("november", 11),
    ("december", 12), ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7),
    ("aug", 8), ("sep", 9), ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    // French
    ("janvier", 1), ("fevrier", 2), ("mars", 3), ("avril", 4), ("mai", 5), ("juin", 6),
    ("juillet", 7), ("aout", 8), ("septembre", 9), ("octobre", 10), ("novembre", 11),
    ("decembre", 12), ("janv", 1), ("fevr", 2), ("avr", 4), ("juil", 7),
    // German
    ("januar", 1), ("janner", 1), ("februar", 2), ("marz", 3), ("maerz", 3), ("juni", 6),
    ("juli", 7), ("oktober", 10), ("dezember", 12), ("okt", 10), ("dez", 12),
    // Spanish
    ("enero", 1), ("febrero", 2), ("marzo", 3), ("abril", 4), ("mayo", 5), ("junio", 6),
    ("julio", 7), ("agosto", 8), ("septiembre", 9), ("setiembre", 9), ("octubre", 10),
    ("noviembre", 11), ("diciembre", 12), ("ene", 1), ("dic", 12),
    // Italian
    ("gennaio", 1), ("febbraio", 2), ("aprile", 4), ("maggio", 5), ("giugno", 6), ("luglio", 7),
    ("settembre", 9), ("ottobre", 10), ("dicembre", 12), ("gen", 1), ("giu", 6), ("lug", 7),
    ("ott", 10),
    // Portuguese
    ("janeiro", 1), ("fevereiro", 2), ("marco", 3), ("maio", 5), ("junho", 6), ("julho", 7),
    ("setembro", 9), ("outubro", 10), ("novembro", 11), ("dezembro", 12),
    // Dutch
    ("januari", 1), ("februari", 2), ("maart", 3), ("mei", 5), ("augustus", 8), ("mrt", 3),
    // Turkish
    ("ocak", 1), ("subat", 2), ("mart", 3), ("nisan", 4), ("mayis", 5), ("haziran", 6),
    ("temmuz", 7), ("agustos", 8), ("eylul", 9), ("ekim", 10), ("kasim", 11), ("aralik", 12),
    // Polish, nominative and genitive ("14 września 2016")
    ("styczen", 1), ("luty", 2), ("marzec", 3), ("kwiecien", 4), ("maj", 5), ("czerwiec", 6),
    ("lipiec", 7), ("sierpien", 8), ("wrzesien", 9), ("pazdziernik", 10), ("listopad", 11),
    ("grudzien", 12), ("stycznia", 1), ("lutego", 2), ("marca", 3), ("kwietnia", 4), ("maja", 5),
    ("czerwca", 6), ("lipca", 7), ("sierpnia", 8), ("wrzesnia", 9), ("pazdziernika", 10),
    ("listopada", 11), ("grudnia", 12),
    // Swedish
    ("augusti", 8),
];

/// Folded weekday names: they may precede a date on a date line.
#[rustfmt::skip]
const WEEKDAYS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "lundi", "mardi", "mercredi",
    "jeudi", "vendredi", "samedi", "dimanche", "montag", "dienstag", "mittwoch", "donnerstag",
    "freitag", "samstag", "sonnabend", "sonntag", "lunes", "martes", "miercoles", "jueves",
    "viernes", "sabado", "domingo", "lunedi", "martedi", "mercoledi", "giovedi", "venerdi",
    "sabato", "domenica", "segunda", "terca", "quarta", "quinta", "sexta", "feira", "maandag",
    "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "pazartesi", "sali",
    "carsamba", "persembe", "cuma", "cumartesi", "pazar", "poniedzialek", "wtorek", "sroda",
    "czwartek", "piatek", "sobota", "niedziela", "mandag", "tisdag", "onsdag", "torsdag", "fredag",
    "lordag", "sondag",
];

/// Longest folded name worth trying; longer words are never months.
const MAX_FOLDED: usize = 16;

/// A word folded to lower-case ASCII without accents, on the stack.
pub struct Folded {
    buf: [u8; MAX_FOLDED],
    len: usize,
}

impl Folded {
    pub fn as_str(&self) -> &str {
        // Only ASCII letters are ever written into buf.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

/// Folds a word of letters; None if it holds anything else or is too long.
pub fn fold(word: &str) -> Option<Folded> {
    let mut out = Folded {
        buf: [0; MAX_FOLDED],
        len: 0,
    };
    for c in word.chars() {
        for lc in c.to_lowercase() {
            let a = match lc {
                'a'..='z' => lc as u8,
                'à' | 'á' | 'â' | 'ä' | 'ã' | 'ą' => b'a',
                'é' | 'è' | 'ê' | 'ë' | 'ę' => b'e',
                'í' | 'ì' | 'î' | 'ï' | 'ı' => b'i',
                'ó' | 'ò' | 'ô' | 'ö' | 'õ' => b'o',
                'ú' | 'ù' | 'û' | 'ü' => b'u',
                'ç' | 'ć' => b'c',
                'ñ' | 'ń' => b'n',
                'ş' | 'ś' => b's',
                'ğ' => b'g',
                'ł' => b'l',
                'ź' | 'ż' => b'z',
                // The dot that lower-casing `İ` leaves behind.
                '\u{307}' => continue,
                _ => return None,
            };
            if out.len == MAX_FOLDED {
                return None;
            }
            out.buf[out.len] = a;
            out.len += 1;
        }
    }
    Some(out)
}

/// The month a word names, in any of the languages above.
/// Russian and Ukrainian month names, nominative and genitive (`6 марта
/// 2025 г.`), and the common abbreviations, lower case.
#[rustfmt::skip]
const CYRILLIC_MONTHS: &[(&str, u32)] = &[
    ("январь", 1), ("января", 1), ("февраль", 2), ("февраля", 2), ("март", 3), ("марта", 3),
    ("апрель", 4), ("апреля", 4), ("май", 5), ("мая", 5), ("июнь", 6), ("июня", 6),
    ("июль", 7), ("июля", 7), ("август", 8), ("августа", 8), ("сентябрь", 9), ("сентября", 9),
    ("октябрь", 10), ("октября", 10), ("ноябрь", 11), ("ноября", 11), ("декабрь", 12),
    ("декабря", 12), ("янв", 1), ("фев", 2), ("февр", 2), ("мар", 3), ("апр", 4), ("авг", 8),
    ("сен", 9), ("сент", 9), ("окт", 10), ("ноя", 11), ("нояб", 11), ("дек", 12),
    // Ukrainian
    ("січня", 1), ("лютого", 2), ("березня", 3), ("квітня", 4), ("травня", 5), ("червня", 6),
    ("липня", 7), ("серпня", 8), ("вересня", 9), ("жовтня", 10), ("листопада", 11),
    ("грудня", 12),
];

pub fn month_number(word: &str) -> Option<u32> {
    let Some(f) = fold(word) else {
        let lower = word.to_lowercase();
        return CYRILLIC_MONTHS
            .iter()
            .find(|(name, _)| *name == lower)
            .map(|&(_, m)| m);
    };
    let s = f.as_str();
    MONTHS.iter().find(|(name, _)| *name == s).map(|&(_, m)| m)
}

pub fn is_weekday(word: &str) -> bool {
    fold(word).is_some_and(|f| WEEKDAYS.contains(&f.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_name_means_two_months() {
        for (i, (a, ma)) in MONTHS.iter().enumerate() {
            for (b, mb) in &MONTHS[i + 1..] {
                assert!(a != b || ma == mb, "{a} is listed as month {ma} and {mb}");
            }
        }
    }

    #[test]
    fn names_match_across_case_and_accents() {
        assert_eq!(month_number("Eylül"), Some(9));
        assert_eq!(month_number("EYLÜL"), Some(9));
        assert_eq!(month_number("MAYIS"), Some(5));
        assert_eq!(month_number("Ağustos"), Some(8));
        assert_eq!(month_number("février"), Some(2));
        assert_eq!(month_number("März"), Some(3));
        assert_eq!(month_number("września"), Some(9));
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("augusti"), Some(8));
        assert_eq!(month_number("Monday"), None);
        assert_eq!(month_number("Korea"), None);
    }

    #[test]
    fn weekdays_are_known() {
        assert!(is_weekday("Wednesday"));
        assert!(is_weekday("Çarşamba"));
        assert!(is_weekday("mercredi"));
        assert!(!is_weekday("January"));
    }
}
