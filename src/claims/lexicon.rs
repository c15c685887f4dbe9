//! The word lists the claim finder's rules read (number words, months, speech and stance
//! verbs, hedges, …), and one table that answers every list for a word in one lookup: the
//! signals' classes in the low 32 bits of a word's flags, the attribution's
//! (`attribution/words.rs`) in the high 32, so each word of a sentence is looked up once.
//!
//! Data only: what a sentence's words *mean* to the rules is in `signals.rs`.

pub(super) const NUMBER_WORDS_LIST: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "dozen",
    "dozens",
    "half",
    "twice",
    "double",
    "triple",
    "quarter",
    "third",
    "percent",
    "majority",
    "minority",
];

pub(super) const SCALE_WORDS_LIST: &[&str] = &[
    "percent",
    "per",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "dollars",
    "euros",
    "pounds",
    "yen",
    "yuan",
    "rubles",
    "points",
    "percentage",
];

pub(super) const MONTHS_LIST: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

pub(super) const WEEKDAYS_LIST: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

pub(super) const TIME_UNITS_LIST: &[&str] = &[
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
];

pub(super) const RELATIVE_TIME_LIST: &[&str] = &[
    "yesterday",
    "today",
    "tomorrow",
    "tonight",
    "weekend",
    "ago",
    "overnight",
    "recently",
];

pub(super) const SPEECH_VERBS_LIST: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "stated",
    "announced",
    "announces",
    "reported",
    "claimed",
    "wrote",
    "writes",
    "added",
    "adds",
    "noted",
    "argued",
    "argues",
    "insisted",
    "insists",
    "acknowledged",
    "acknowledges",
    "confirmed",
    "confirms",
    "denied",
    "denies",
    "cited",
    "cites",
    "warned",
    "warns",
    "accused",
    "accuses",
    "testified",
    "tweeted",
    "posted",
    "explained",
    "explains",
    "estimated",
    "predicted",
    "revealed",
    "admitted",
    "alleged",
    "alleges",
    "asserted",
    "declared",
    "emphasized",
    "emphasised",
    "stressed",
    "signaled",
    "signalled",
    "saying",
    "telling",
    "recalled",
    "conceded",
    "disclosed",
    "suggested",
    "maintained",
    "contended",
    "asked",
    "replied",
    "responded",
    "lauded",
    "praised",
    "criticized",
    "criticised",
];

pub(super) const STANCE_VERBS_LIST: &[&str] = &[
    "supported",
    "supporting",
    "oppose",
    "opposes",
    "opposed",
    "opposing",
    "reject",
    "rejects",
    "rejected",
    "rejecting",
    "demanded",
    "demanding",
    "insist",
    "insists",
    "insisted",
    "insisting",
    "vowed",
    "vowing",
    "urge",
    "urges",
    "urged",
    "pledged",
    "promised",
    "refuse",
    "refuses",
    "refused",
    "agreed",
    "condemn",
    "condemns",
    "condemned",
    "welcomed",
    "endorse",
    "endorses",
    "endorsed",
    "backing",
    "defended",
    "defends",
    "blamed",
    "blames",
    "threatened",
    "threatens",
    "accused",
    "accuses",
    "criticized",
    "criticised",
    "lauded",
    "praised",
    "sought",
    "seeks",
    "proposed",
    "proposes",
    "vetoed",
    "approved",
    "approves",
    "ruled",
    "unwilling",
    "committed",
];

/// Auxiliaries and adverbs between a subject and its verb ("has already ruled out").
pub(super) const AUXILIARIES_LIST: &[&str] = &[
    "has", "have", "had", "is", "are", "was", "were", "will", "would", "also", "already", "still",
    "never", "just", "then", "again", "not", "been", "did", "does", "do", "once", "later", "often",
    "now",
];

pub(super) const PREDICTION_MARKERS_LIST: &[&str] = &[
    "will",
    "won't",
    "won’t",
    "shall",
    "expected",
    "expects",
    "forecast",
    "forecasts",
    "projected",
    "projects",
    "predicts",
    "likely",
    "unlikely",
    "plans",
    "planned",
    "poised",
    "set",
    "going",
];

pub(super) const COMPARISON_WORDS_LIST: &[&str] = &[
    "more",
    "less",
    "fewer",
    "most",
    "least",
    "largest",
    "biggest",
    "highest",
    "lowest",
    "smallest",
    "longest",
    "shortest",
    "fastest",
    "slowest",
    "record",
    "first",
    "last",
    "increase",
    "increased",
    "increases",
    "decrease",
    "decreased",
    "decreases",
    "rose",
    "rise",
    "rises",
    "risen",
    "fell",
    "fall",
    "falls",
    "fallen",
    "doubled",
    "tripled",
    "halved",
    "grew",
    "grow",
    "grown",
    "dropped",
    "declined",
    "surged",
    "plunged",
    "jumped",
    "higher",
    "lower",
    "bigger",
    "smaller",
    "larger",
    "worst",
    "best",
    "top",
    "only",
    "compared",
    "than",
    "outnumber",
    "exceeded",
    "surpassed",
];

/// Irregular past forms that mark an event (regular "-ed" forms are caught by suffix).
pub(super) const IRREGULAR_PAST_LIST: &[&str] = &[
    "held",
    "met",
    "made",
    "took",
    "gave",
    "won",
    "lost",
    "spent",
    "became",
    "began",
    "came",
    "went",
    "left",
    "sent",
    "told",
    "said",
    "found",
    "led",
    "ran",
    "paid",
    "sold",
    "bought",
    "brought",
    "built",
    "fought",
    "kept",
    "saw",
    "struck",
    "hit",
    "shot",
    "killed",
    "stole",
    "wrote",
    "rose",
    "fell",
    "grew",
    "drew",
    "flew",
    "threw",
    "broke",
    "chose",
    "spoke",
    "stood",
    "won",
    "put",
    "set",
    "cut",
    "let",
    "quit",
    "split",
    "spread",
    "sought",
    "taught",
    "caught",
    "felt",
    "meant",
    "heard",
    "knew",
    "withdrew",
    "overtook",
    "forgave",
    "underwent",
];

pub(super) const HEDGES_LIST: &[&str] = &[
    "think", "believe", "feel", "hope", "guess", "should", "must", "ought", "perhaps", "maybe",
    "probably", "possibly", "seems", "opinion", "wish", "want", "need", "let's", "let’s",
];

/// Function words never taken as a figure's unit ("90% of", "two to").
pub(super) const STOPWORDS_LIST: &[&str] = &[
    "of", "the", "a", "an", "to", "in", "on", "at", "and", "or", "for", "by", "from", "with", "as",
    "that", "than", "is", "are", "was", "were", "be", "it", "its", "this", "which", "who",
];

/// The speaker and the audience, contractions included ("I've", "we’re").
pub(super) const FIRST_PERSON_LIST: &[&str] = &[
    "i",
    "we",
    "you",
    "me",
    "us",
    "our",
    "my",
    "your",
    "myself",
    "ourselves",
    "yourself",
    "i'm",
    "i've",
    "i'd",
    "i'll",
    "we're",
    "we've",
    "we'd",
    "we'll",
    "you're",
    "you've",
    "you'd",
    "you'll",
    "i’m",
    "i’ve",
    "i’d",
    "i’ll",
    "we’re",
    "we’ve",
    "we’d",
    "we’ll",
    "you’re",
    "you’ve",
    "you’d",
    "you’ll",
];

pub(super) const PRONOUNS_LIST: &[&str] = &["he", "she", "they", "it", "we", "i", "you"];

pub(super) const DETERMINERS_LIST: &[&str] = &[
    "the", "a", "an", "this", "that", "one", "another", "its", "their",
];

/// Words that open a relative date with a unit or weekday after them ("last year").
pub(super) const TIME_OPENERS_LIST: &[&str] = &["last", "next", "this", "past", "coming"];

/// Verbs and words of general statements of cause, requirement or condition ("Less snow
/// cover lets the ground warm faster.", "Applicants must hold a licence."): checkable
/// without a figure or a name.
pub(super) const GENERAL_STATEMENT_LIST: &[&str] = &[
    "causes",
    "cause",
    "lets",
    "allows",
    "enables",
    "prevents",
    "requires",
    "require",
    "leads",
    "results",
    "triggers",
    "forces",
    "reduces",
    "raises",
    "boosts",
    "lowers",
    "weakens",
    "strengthens",
    "protects",
    "kills",
    "spreads",
    "costs",
    "depends",
    "contributes",
    "must",
    "mandatory",
    "prohibited",
    "prohibits",
    "forbids",
    "bans",
    "banned",
    "illegal",
    "eligible",
    "entitled",
    "obliged",
    "unless",
    "because",
    "contains",
    "produces",
    "emits",
    "absorbs",
    "affects",
    "damages",
    "harms",
    "improves",
    "increases",
    "decreases",
    "doubles",
];

/// One word of each phrase of a page note (`furniture.rs`): a sentence without any is no
/// note, and the phrases are not searched.
pub(super) const PAGE_NOTE_KEYS_LIST: &[&str] = &[
    "updated",
    "corrected",
    "hd",
    "using",
    "source",
    "longer",
    "historical",
    "archived",
    "reference",
];

/// One word of each marker of where people stand in a photo (`furniture.rs`).
pub(super) const CAPTION_KEYS_LIST: &[&str] = &[
    "left", "right", "center", "centre", "front", "back", "pictured", "seen", "photo", "handout",
    "image",
];

/// Capitalised words and acronyms that are not names on their own: formats, units and page
/// labels ("in HD", "WATCH:", "a PDF").
pub(super) const NOT_NAMES_LIST: &[&str] = &[
    "hd", "tv", "pdf", "mp3", "mp4", "gmt", "utc", "am", "pm", "ok", "ceo", "cfo", "gdp", "id",
    "faq", "url", "html", "usb", "gps", "suv", "led", "diy", "ps", "fyi", "asap", "rss", "watch",
    "video", "audio", "photo", "update", "updated", "breaking", "live", "new", "read", "more",
    "also", "note", "editor",
];

/// Lowercase particles inside names ("Ursula von der Leyen", "Abu al-Bakr").
pub(super) const NAME_PARTICLES_LIST: &[&str] = &[
    "von", "van", "der", "de", "den", "da", "di", "du", "del", "la", "le", "al", "bin", "ibn",
    "of", // Between two capitalised words: "Institute for Peace Studies".
    "for",
];

/// A word class: one bit in the lexicon. Each token is looked up once (`word_flags`), so a
/// sentence costs one hash lookup per word however many classes are tested.
#[derive(Clone, Copy)]
pub(super) struct Lex(pub(super) u32);

impl Lex {
    /// Is `word` (lowercase) in this class? One lookup; prefer `has` with precomputed flags.
    pub(super) fn contains(self, word: &&str) -> bool {
        word_flags(word) & self.0 != 0
    }

    pub(super) fn has(self, flags: u32) -> bool {
        flags & self.0 != 0
    }

    /// The class's bit among a word's lexicon flags.
    const fn flags(self) -> u64 {
        self.0 as u64
    }
}

pub(super) const NUMBER_WORDS: Lex = Lex(1 << 0);
pub(super) const SCALE_WORDS: Lex = Lex(1 << 1);
pub(super) const MONTHS: Lex = Lex(1 << 2);
pub(super) const WEEKDAYS: Lex = Lex(1 << 3);
pub(super) const TIME_UNITS: Lex = Lex(1 << 4);
pub(super) const RELATIVE_TIME: Lex = Lex(1 << 5);
pub(super) const SPEECH_VERBS: Lex = Lex(1 << 6);
pub(super) const STANCE_VERBS: Lex = Lex(1 << 7);
pub(super) const AUXILIARIES: Lex = Lex(1 << 8);
pub(super) const PREDICTION_MARKERS: Lex = Lex(1 << 9);
pub(super) const COMPARISON_WORDS: Lex = Lex(1 << 10);
pub(super) const IRREGULAR_PAST: Lex = Lex(1 << 11);
pub(super) const HEDGES: Lex = Lex(1 << 12);
pub(super) const STOPWORDS: Lex = Lex(1 << 13);
pub(super) const FIRST_PERSON: Lex = Lex(1 << 14);
pub(super) const PRONOUNS: Lex = Lex(1 << 15);
pub(super) const DETERMINERS: Lex = Lex(1 << 16);
pub(super) const NAME_PARTICLES: Lex = Lex(1 << 17);
pub(super) const TIME_OPENERS: Lex = Lex(1 << 18);
pub(super) const NOT_NAMES: Lex = Lex(1 << 19);
pub(super) const GENERAL_STATEMENT: Lex = Lex(1 << 20);
pub(super) const PAGE_NOTE_KEYS: Lex = Lex(1 << 21);
pub(super) const CAPTION_KEYS: Lex = Lex(1 << 22);

/// Classes that can start a date or figure (with a digit or currency sign, which the
/// lexicon does not hold): a word in none of them, opening with a letter, is skipped.
pub(super) const DATE_OR_FIGURE_WORDS: u32 =
    MONTHS.0 | WEEKDAYS.0 | RELATIVE_TIME.0 | TIME_OPENERS.0 | NUMBER_WORDS.0;
/// Classes the stance, prediction, comparison, hedge and event checks look for.
pub(super) const CLAUSE_MARKERS: u32 = STANCE_VERBS.0
    | GENERAL_STATEMENT.0
    | PREDICTION_MARKERS.0
    | COMPARISON_WORDS.0
    | HEDGES.0
    | FIRST_PERSON.0
    | IRREGULAR_PAST.0;

/// Every word class in one open-addressing table keyed by the word's bytes packed into a
/// `u128`: a lookup is one multiply and usually one compare, several times cheaper than a
/// general hash map with string keys (this runs for every word of every article).
pub(super) struct Lexicon {
    /// A power of two long, at most a quarter full.
    entries: Vec<LexiconEntry>,
    shift: u32,
    /// Which bytes some word starts with: words starting otherwise (figures, symbols) are
    /// answered without a lookup.
    first_bytes: [bool; 256],
}

/// One slot: a word (packed, and its length, as packing pads with zeros) and its classes;
/// no classes means an empty slot.
#[derive(Clone, Copy, Default)]
struct LexiconEntry {
    key: u128,
    flags: u64,
    len: u32,
}

/// Where the attribution's classes sit in a word's flags.
pub(super) const ATTRIBUTION_SHIFT: u32 = 32;

impl Lexicon {
    /// A table of the words of the given lists, each with the flags of every list it is in.
    fn build(lists: &[(&[&'static str], u64)]) -> Self {
        let words: usize = lists.iter().map(|(list, _)| list.len()).sum();
        let size = (words * 4).next_power_of_two();
        let mut table = Lexicon {
            entries: vec![LexiconEntry::default(); size],
            shift: 64 - size.trailing_zeros(),
            first_bytes: [false; 256],
        };
        for &(list, flag) in lists {
            for word in list {
                let key = pack(word.as_bytes()).expect("lexicon words are 1 to 16 bytes");
                let mut slot = table.slot(key);
                while table.entries[slot].flags != 0 && table.entries[slot].key != key {
                    slot = (slot + 1) & (size - 1);
                }
                table.first_bytes[usize::from(word.as_bytes()[0])] = true;
                let entry = &mut table.entries[slot];
                entry.key = key;
                entry.len = word.len() as u32;
                entry.flags |= flag;
            }
        }
        table
    }

    fn slot(&self, key: u128) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        (folded.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    fn get(&self, word: &str) -> u64 {
        if !word
            .as_bytes()
            .first()
            .is_some_and(|&b| self.first_bytes[usize::from(b)])
        {
            return 0;
        }
        match pack(word.as_bytes()) {
            Some(key) => self.get_key(key, word.len()),
            None => 0,
        }
    }

    /// The flags of `text[start..end]`, reading the key straight from the text when 16 bytes
    /// follow `start` (the common case), without copying the word out first.
    pub(super) fn get_at(&self, text: &[u8], start: usize, end: usize) -> u64 {
        let len = end - start;
        if len == 0 || len > 16 || !self.first_bytes[usize::from(text[start])] {
            return 0;
        }
        let Some(window) = text.get(start..start + 16) else {
            return pack(&text[start..end]).map_or(0, |key| self.get_key(key, len));
        };
        let window = u128::from_le_bytes(window.try_into().expect("16 bytes"));
        let key = if len == 16 {
            window
        } else {
            window & ((1u128 << (8 * len)) - 1)
        };
        self.get_key(key, len)
    }

    fn get_key(&self, key: u128, len: usize) -> u64 {
        let mask = self.entries.len() - 1;
        let mut slot = self.slot(key);
        // Empty slots have no flags, so running into one answers "no class".
        loop {
            let entry = &self.entries[slot & mask];
            if entry.flags == 0 {
                return 0;
            }
            if entry.key == key && entry.len as usize == len {
                return entry.flags;
            }
            slot += 1;
        }
    }
}

/// Up to 16 bytes, little-endian, zero-padded.
#[inline]
fn pack(bytes: &[u8]) -> Option<u128> {
    if bytes.is_empty() || bytes.len() > 16 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..bytes.len()].copy_from_slice(bytes);
    Some(u128::from_le_bytes(buf))
}

pub(super) static LEXICON: std::sync::LazyLock<Lexicon> = std::sync::LazyLock::new(|| {
    use super::attribution::words::{CALENDAR, LISTS};
    let attribution = |class: u32| u64::from(class) << ATTRIBUTION_SHIFT;
    // Days and months are no speaker on their own; "May" (the fifth month) is far more
    // often a name or "may", so it is left out.
    let (long_months, short_months) = MONTHS_LIST.split_at(12);
    let (before_may, may_on) = long_months.split_at(4);
    assert_eq!(may_on[0], "may");
    let mut lists: Vec<(&[&'static str], u64)> = vec![
        (before_may, attribution(CALENDAR)),
        (&may_on[1..], attribution(CALENDAR)),
        (short_months, attribution(CALENDAR)),
        (WEEKDAYS_LIST, attribution(CALENDAR)),
    ];
    lists.extend(
        LISTS
            .iter()
            .map(|&(class, list)| (list, attribution(class))),
    );
    lists.extend_from_slice(&[
        (NUMBER_WORDS_LIST, NUMBER_WORDS.flags()),
        (SCALE_WORDS_LIST, SCALE_WORDS.flags()),
        (MONTHS_LIST, MONTHS.flags()),
        (WEEKDAYS_LIST, WEEKDAYS.flags()),
        (TIME_UNITS_LIST, TIME_UNITS.flags()),
        (RELATIVE_TIME_LIST, RELATIVE_TIME.flags()),
        (SPEECH_VERBS_LIST, SPEECH_VERBS.flags()),
        (STANCE_VERBS_LIST, STANCE_VERBS.flags()),
        (AUXILIARIES_LIST, AUXILIARIES.flags()),
        (PREDICTION_MARKERS_LIST, PREDICTION_MARKERS.flags()),
        (COMPARISON_WORDS_LIST, COMPARISON_WORDS.flags()),
        (IRREGULAR_PAST_LIST, IRREGULAR_PAST.flags()),
        (HEDGES_LIST, HEDGES.flags()),
        (STOPWORDS_LIST, STOPWORDS.flags()),
        (FIRST_PERSON_LIST, FIRST_PERSON.flags()),
        (PRONOUNS_LIST, PRONOUNS.flags()),
        (DETERMINERS_LIST, DETERMINERS.flags()),
        (NAME_PARTICLES_LIST, NAME_PARTICLES.flags()),
        (TIME_OPENERS_LIST, TIME_OPENERS.flags()),
        (NOT_NAMES_LIST, NOT_NAMES.flags()),
        (GENERAL_STATEMENT_LIST, GENERAL_STATEMENT.flags()),
        (PAGE_NOTE_KEYS_LIST, PAGE_NOTE_KEYS.flags()),
        (CAPTION_KEYS_LIST, CAPTION_KEYS.flags()),
    ]);
    Lexicon::build(&lists)
});

/// The signals' classes a lowercase word belongs to (0 for most words).
pub(super) fn word_flags(word: &str) -> u32 {
    LEXICON.get(word) as u32
}

/// The attribution's classes of a lowercase word (`attribution/words.rs`).
pub(crate) fn attribution_classes(word: &str) -> u32 {
    (LEXICON.get(word) >> ATTRIBUTION_SHIFT) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_finds_every_listed_word_and_nothing_else() {
        for (word, flag) in [
            ("said", SPEECH_VERBS),
            ("won’t", PREDICTION_MARKERS),
            ("dec", MONTHS),
        ] {
            assert!(flag.has(word_flags(word)), "{word}");
        }
        assert!(SPEECH_VERBS.has(word_flags("accused")) && STANCE_VERBS.has(word_flags("accused")));
        for word in [
            "",
            "sai",
            "saidx",
            "said\0",
            "Said",
            "acknowledgements-and-more",
            "日本",
        ] {
            assert_eq!(word_flags(word), 0, "{word:?}");
        }
        // Read in place from a sentence, near its end too, the flags are the same.
        let text = b"she said  in december it won\xe2\x80\x99t rise acknowledgements";
        for start in 0..text.len() {
            for end in start..=text.len() {
                if let Ok(word) = std::str::from_utf8(&text[start..end]) {
                    assert_eq!(
                        LEXICON.get_at(text, start, end),
                        LEXICON.get(word),
                        "{word:?}"
                    );
                }
            }
        }
        for (list, lex) in [
            (SPEECH_VERBS_LIST, SPEECH_VERBS),
            (HEDGES_LIST, HEDGES),
            (MONTHS_LIST, MONTHS),
            (TIME_OPENERS_LIST, TIME_OPENERS),
        ] {
            assert!(list.iter().all(|w| lex.has(word_flags(w))));
        }
    }
}
