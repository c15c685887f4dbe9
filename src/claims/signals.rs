//! Signals of checkability in one sentence: figures, dates, quotes, attribution, stance,
//! comparison, predictions, names, past-tense events, hedges. Plain English grammar only.

use super::attribution;
use super::swar::contains_char;
use super::tokens::{Token, tokenize};

/// What the rules found in a sentence. Scorers read these; reasons are built from them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signals {
    pub words: usize,
    /// Figures as written, with their unit when one follows ("90%", "five hours", "$5 million").
    pub figures: Vec<String>,
    pub money: bool,
    pub percent: bool,
    /// Dates and times as written ("Dec. 2", "Monday", "2014", "last year").
    pub dates: Vec<String>,
    /// The sentence quotes someone (quotation marks around at least two words).
    pub quote: bool,
    /// The speech verb that attributes the statement ("said", "according to").
    pub attribution: Option<String>,
    /// Who the statement is attributed to, when it can be read off the sentence.
    pub claimant: Option<String>,
    /// The sentence's attribution as read alone (speaker, pronoun, quotation, names), for
    /// carrying claimants from sentence to sentence (see [`super::attribution`]).
    pub speaker: attribution::Local,
    /// Stance verbs ("rejected", "vowed", "ruled out").
    pub positions: Vec<String>,
    /// A future or expectation marker ("will", "expected to").
    pub prediction: Option<String>,
    /// Comparison or record words ("more than", "largest", "rose").
    pub comparison: Option<String>,
    /// Proper names (runs of capitalised words not opening the sentence, acronyms).
    pub names: Vec<String>,
    /// Past-tense verbs: something happened.
    pub past_events: Vec<String>,
    /// Opinion or hedge markers ("I think", "should", "perhaps").
    pub hedge: Option<String>,
    /// Speaker talks about themself or the audience ("I", "we", "you") without any fact.
    pub first_person: bool,
    pub question: bool,
}

impl Signals {
    /// Any signal of a checkable statement of fact.
    pub fn is_factual(&self) -> bool {
        !self.figures.is_empty()
            || !self.dates.is_empty()
            || self.quote
            || self.attribution.is_some()
            || !self.positions.is_empty()
            || self.comparison.is_some()
            || !self.names.is_empty()
            || !self.past_events.is_empty()
    }
}

const NUMBER_WORDS_LIST: &[&str] = &[
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

const SCALE_WORDS_LIST: &[&str] = &[
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

const MONTHS_LIST: &[&str] = &[
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

const WEEKDAYS_LIST: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

const TIME_UNITS_LIST: &[&str] = &[
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

const RELATIVE_TIME_LIST: &[&str] = &[
    "yesterday",
    "today",
    "tomorrow",
    "tonight",
    "weekend",
    "ago",
    "overnight",
    "recently",
];

const SPEECH_VERBS_LIST: &[&str] = &[
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

const STANCE_VERBS_LIST: &[&str] = &[
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
const AUXILIARIES_LIST: &[&str] = &[
    "has", "have", "had", "is", "are", "was", "were", "will", "would", "also", "already", "still",
    "never", "just", "then", "again", "not", "been", "did", "does", "do", "once", "later", "often",
    "now",
];

const PREDICTION_MARKERS_LIST: &[&str] = &[
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

const COMPARISON_WORDS_LIST: &[&str] = &[
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
const IRREGULAR_PAST_LIST: &[&str] = &[
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

const HEDGES_LIST: &[&str] = &[
    "think", "believe", "feel", "hope", "guess", "should", "must", "ought", "perhaps", "maybe",
    "probably", "possibly", "seems", "opinion", "wish", "want", "need", "let's", "let’s",
];

/// Function words never taken as a figure's unit ("90% of", "two to").
const STOPWORDS_LIST: &[&str] = &[
    "of", "the", "a", "an", "to", "in", "on", "at", "and", "or", "for", "by", "from", "with", "as",
    "that", "than", "is", "are", "was", "were", "be", "it", "its", "this", "which", "who",
];

const FIRST_PERSON_LIST: &[&str] = &["i", "we", "you", "me", "us", "our", "my", "your"];

const PRONOUNS_LIST: &[&str] = &["he", "she", "they", "it", "we", "i", "you"];

const DETERMINERS_LIST: &[&str] = &[
    "the", "a", "an", "this", "that", "one", "another", "its", "their",
];

/// Words that open a relative date with a unit or weekday after them ("last year").
const TIME_OPENERS_LIST: &[&str] = &["last", "next", "this", "past", "coming"];

/// Lowercase particles inside names ("Ursula von der Leyen", "Abu al-Bakr").
const NAME_PARTICLES_LIST: &[&str] = &[
    "von", "van", "der", "de", "den", "da", "di", "du", "del", "la", "le", "al", "bin", "ibn", "of",
];

/// A word class: one bit in the lexicon. Each token is looked up once (`word_flags`), so a
/// sentence costs one hash lookup per word however many classes are tested.
#[derive(Clone, Copy)]
struct Lex(u32);

impl Lex {
    /// Is `word` (lowercase) in this class? One lookup; prefer `has` with precomputed flags.
    fn contains(self, word: &&str) -> bool {
        word_flags(word) & self.0 != 0
    }

    fn has(self, flags: u32) -> bool {
        flags & self.0 != 0
    }
}

const NUMBER_WORDS: Lex = Lex(1 << 0);
const SCALE_WORDS: Lex = Lex(1 << 1);
const MONTHS: Lex = Lex(1 << 2);
const WEEKDAYS: Lex = Lex(1 << 3);
const TIME_UNITS: Lex = Lex(1 << 4);
const RELATIVE_TIME: Lex = Lex(1 << 5);
const SPEECH_VERBS: Lex = Lex(1 << 6);
const STANCE_VERBS: Lex = Lex(1 << 7);
const AUXILIARIES: Lex = Lex(1 << 8);
const PREDICTION_MARKERS: Lex = Lex(1 << 9);
const COMPARISON_WORDS: Lex = Lex(1 << 10);
const IRREGULAR_PAST: Lex = Lex(1 << 11);
const HEDGES: Lex = Lex(1 << 12);
const STOPWORDS: Lex = Lex(1 << 13);
const FIRST_PERSON: Lex = Lex(1 << 14);
const PRONOUNS: Lex = Lex(1 << 15);
const DETERMINERS: Lex = Lex(1 << 16);
const NAME_PARTICLES: Lex = Lex(1 << 17);
const TIME_OPENERS: Lex = Lex(1 << 18);

/// Classes that can start a date or figure (with a digit or currency sign, which the
/// lexicon does not hold): a word in none of them, opening with a letter, is skipped.
const DATE_OR_FIGURE_WORDS: u32 =
    MONTHS.0 | WEEKDAYS.0 | RELATIVE_TIME.0 | TIME_OPENERS.0 | NUMBER_WORDS.0;
/// Classes the stance, prediction, comparison, hedge and event checks look for.
const CLAUSE_MARKERS: u32 = STANCE_VERBS.0
    | PREDICTION_MARKERS.0
    | COMPARISON_WORDS.0
    | HEDGES.0
    | FIRST_PERSON.0
    | IRREGULAR_PAST.0;

/// Every word class in one open-addressing table keyed by the word's bytes packed into a
/// `u128`: a lookup is one multiply and usually one compare, several times cheaper than a
/// general hash map with string keys (this runs for every word of every article).
struct Lexicon {
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
    flags: u32,
    len: u32,
}

impl Lexicon {
    fn build(lists: &[(&[&'static str], u32)]) -> Self {
        let words: usize = lists.iter().map(|(list, _)| list.len()).sum();
        let size = (words * 4).next_power_of_two();
        let mut table = Lexicon {
            entries: vec![LexiconEntry::default(); size],
            shift: 64 - size.trailing_zeros(),
            first_bytes: [false; 256],
        };
        for (list, flag) in lists {
            for word in *list {
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

    fn get(&self, word: &str) -> u32 {
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
    fn get_at(&self, text: &[u8], start: usize, end: usize) -> u32 {
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

    fn get_key(&self, key: u128, len: usize) -> u32 {
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

static LEXICON: std::sync::LazyLock<Lexicon> = std::sync::LazyLock::new(|| {
    Lexicon::build(&[
        (NUMBER_WORDS_LIST, NUMBER_WORDS.0),
        (SCALE_WORDS_LIST, SCALE_WORDS.0),
        (MONTHS_LIST, MONTHS.0),
        (WEEKDAYS_LIST, WEEKDAYS.0),
        (TIME_UNITS_LIST, TIME_UNITS.0),
        (RELATIVE_TIME_LIST, RELATIVE_TIME.0),
        (SPEECH_VERBS_LIST, SPEECH_VERBS.0),
        (STANCE_VERBS_LIST, STANCE_VERBS.0),
        (AUXILIARIES_LIST, AUXILIARIES.0),
        (PREDICTION_MARKERS_LIST, PREDICTION_MARKERS.0),
        (COMPARISON_WORDS_LIST, COMPARISON_WORDS.0),
        (IRREGULAR_PAST_LIST, IRREGULAR_PAST.0),
        (HEDGES_LIST, HEDGES.0),
        (STOPWORDS_LIST, STOPWORDS.0),
        (FIRST_PERSON_LIST, FIRST_PERSON.0),
        (PRONOUNS_LIST, PRONOUNS.0),
        (DETERMINERS_LIST, DETERMINERS.0),
        (NAME_PARTICLES_LIST, NAME_PARTICLES.0),
        (TIME_OPENERS_LIST, TIME_OPENERS.0),
    ])
});

/// The classes a lowercase word belongs to (0 for most words).
fn word_flags(word: &str) -> u32 {
    LEXICON.get(word)
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn has_digit(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_digit())
}

/// "90", "1,200", "3.5", "five": a number without a unit glued to it.
fn is_bare_number(word: &str) -> bool {
    word.chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        || NUMBER_WORDS.contains(&word.to_lowercase().as_str())
}

fn is_year(word: &str) -> bool {
    let w = word.trim_end_matches('s');
    w.len() == 4
        && w.bytes().all(|b| b.is_ascii_digit())
        && matches!(w.parse::<u32>(), Ok(1500..=2100))
}

/// Reads every signal from a sentence.
pub fn analyse(sentence: &str) -> Signals {
    analyse_with(sentence, &mut Scratch::default())
}

/// Buffers reused from sentence to sentence when analysing many.
#[derive(Default)]
pub(crate) struct Scratch {
    tokens: Vec<Token>,
    lower: String,
    flags: Vec<u32>,
}

/// [`analyse`] with reused buffers.
pub(crate) fn analyse_with(sentence: &str, scratch: &mut Scratch) -> Signals {
    tokenize(sentence, &mut scratch.tokens);
    // ASCII lowercasing keeps byte offsets, so one copy serves every token.
    scratch.lower.clear();
    scratch.lower.push_str(sentence);
    scratch.lower.make_ascii_lowercase();
    let lower = scratch.lower.as_bytes();
    scratch.flags.clear();
    scratch.flags.extend(
        scratch
            .tokens
            .iter()
            .map(|t| LEXICON.get_at(lower, t.start, t.end)),
    );
    analyse_tokens(sentence, &scratch.tokens, &scratch.lower, &scratch.flags)
}

/// The signals of a sentence from its tokens, its ASCII-lowercased copy and each token's
/// lexicon flags.
fn analyse_tokens(s: &str, tokens: &[Token], lower_s: &str, fl: &[u32]) -> Signals {
    // Each token as written and lowercased, in one allocation.
    let mut both: Vec<&str> = Vec::with_capacity(2 * tokens.len());
    both.extend(tokens.iter().map(|t| t.text(s)));
    both.extend(tokens.iter().map(|t| &lower_s[t.start..t.end]));
    let (words, lows) = both.split_at(tokens.len());
    let next_flags = |i: usize| fl.get(i + 1).copied().unwrap_or(0);
    let mut sig = Signals {
        words: words.len(),
        question: s
            .trim_end_matches(['"', '\'', '”', '’', ')', ']', ' '])
            .ends_with('?'),
        ..Signals::default()
    };
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        // Most words are none of what follows: a word opening with a letter is a date or a
        // figure only through its lexicon classes.
        if w.as_bytes()[0].is_ascii_alphabetic() && fl[i] & DATE_OR_FIGURE_WORDS == 0 {
            i += 1;
            continue;
        }
        let lw = lows[i];
        let next = lows.get(i + 1).copied();
        // Dates first: a year or "Dec. 2" is a date, not a statistic.
        if is_year(w) {
            sig.dates.push(w.to_string());
        } else if MONTHS.has(fl[i])
            && is_capitalised(w)
            && (lw != "may" || next.is_some_and(has_digit))
        {
            // "May" is a month only with a day or year next to it.
            let mut d = s[tokens[i].start..tokens[i].end].to_string();
            if lw.len() <= 4 && s[tokens[i].end..].starts_with('.') {
                d.push('.');
            }
            if let Some(n) = words.get(i + 1).filter(|n| has_digit(n)) {
                d.push(' ');
                d.push_str(n);
                i += 1;
            }
            sig.dates.push(d);
        } else if WEEKDAYS.has(fl[i]) || RELATIVE_TIME.has(fl[i]) {
            sig.dates.push(w.to_string());
        } else if TIME_OPENERS.has(fl[i])
            && (TIME_UNITS.has(next_flags(i)) || WEEKDAYS.has(next_flags(i)))
        {
            sig.dates.push(format!("{w} {}", words[i + 1]));
            i += 1;
        } else if w.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '$' | '€' | '£' | '¥'))
            || (NUMBER_WORDS.has(fl[i]) && !(lw == "one" && next.is_some_and(|n| n == "of")))
        {
            let mut fig = w.to_string();
            if w.ends_with('%') || lw == "percent" {
                sig.percent = true;
            }
            if w.starts_with(['$', '€', '£', '¥']) {
                sig.money = true;
            }
            // Attach the unit: "five hours", "90 percent", "$5 million".
            if !tokens[i].closed
                && !w.ends_with('%')
                && let Some(n) = next
                && !STOPWORDS.has(next_flags(i))
                && (SCALE_WORDS.has(next_flags(i))
                    || TIME_UNITS.has(next_flags(i))
                    || (is_bare_number(w)
                        && words[i + 1].chars().all(char::is_lowercase)
                        && !HEDGES.has(next_flags(i))))
            {
                fig.push(' ');
                fig.push_str(words[i + 1]);
                if matches!(n, "percent" | "percentage") {
                    sig.percent = true;
                }
                if matches!(
                    n,
                    "dollars" | "euros" | "pounds" | "yen" | "yuan" | "rubles"
                ) {
                    sig.money = true;
                }
                if TIME_UNITS.has(next_flags(i)) {
                    sig.dates.push(fig.clone());
                }
                i += 1;
            }
            // "one" alone ("one of the …", "the one") is too weak to count as a figure.
            if lw != "one" || fig.contains(' ') {
                sig.figures.push(fig);
            }
        }
        i += 1;
    }

    sig.quote = has_quotation(s);
    read_attribution(s, tokens, words, lows, fl, &mut sig);

    for (k, &lw) in lows.iter().enumerate() {
        // Most words carry none of these markers: skip them at once.
        if fl[k] & CLAUSE_MARKERS == 0 && !lw.ends_with("ed") && !lw.starts_with("call") {
            continue;
        }
        if STANCE_VERBS.has(fl[k]) {
            let phrase = if lw == "ruled" && lows.get(k + 1).is_some_and(|n| *n == "out") {
                "ruled out".to_string()
            } else if lw == "ruled" {
                continue;
            } else {
                words[k].to_string()
            };
            if !sig.positions.contains(&phrase) {
                sig.positions.push(phrase);
            }
        } else if (lw == "calls" || lw == "called") && lows.get(k + 1).is_some_and(|n| *n == "for")
        {
            sig.positions.push(format!("{} for", words[k]));
        }
        if sig.prediction.is_none() && PREDICTION_MARKERS.has(fl[k]) {
            let strong = match lw {
                "set" | "going" | "plans" | "planned" | "poised" => {
                    lows.get(k + 1).is_some_and(|n| *n == "to")
                }
                "expected" | "projected" | "likely" | "unlikely" => true,
                _ => true,
            };
            if strong {
                sig.prediction = Some(words[k].to_string());
            }
        }
        if sig.comparison.is_none() && COMPARISON_WORDS.has(fl[k]) {
            let next = lows.get(k + 1).copied();
            let found = match lw {
                "more" | "less" | "fewer" => {
                    (next == Some("than")).then(|| format!("{} than", words[k]))
                }
                "first" | "last" | "only" | "top" | "best" | "worst" | "than" | "rise" | "fall" => {
                    None
                }
                "most" | "least" => None,
                _ => Some(words[k].to_string()),
            };
            sig.comparison = found;
        }
        if HEDGES.has(fl[k]) && sig.hedge.is_none() {
            let first_person_before = k > 0 && FIRST_PERSON.has(fl[k - 1]);
            if first_person_before
                || !matches!(
                    lw,
                    "think" | "believe" | "feel" | "hope" | "want" | "need" | "wish"
                )
            {
                sig.hedge = Some(words[k].to_string());
            }
        }
        if FIRST_PERSON.has(fl[k]) {
            sig.first_person = true;
        }
        let is_past = IRREGULAR_PAST.has(fl[k])
            || (lw.len() > 4 && lw.ends_with("ed") && words[k].chars().all(char::is_lowercase));
        if is_past && sig.past_events.len() < 3 {
            sig.past_events.push(words[k].to_string());
        }
    }
    sig.names = proper_names(tokens, words, lows, fl);
    sig
}

/// Quotation marks around at least two words, or a sentence that opens a quotation.
fn has_quotation(s: &str) -> bool {
    let bytes = s.as_bytes();
    // Most sentences quote nobody: rule them out with a vector scan or two.
    let may_quote = s.starts_with('"')
        || memchr::memchr_iter(b'"', bytes).nth(1).is_some()
        || contains_char(s, '“');
    if !may_quote {
        return false;
    }
    // The text between the 1st and 2nd mark, the 3rd and 4th, … (any of " “ ” counts as a
    // mark, as writers mix them), looking for two words.
    let two_words = |inner: &str| inner.split_whitespace().nth(1).is_some();
    let (mut marks, mut inner_start, mut pos) = (0usize, 0usize, 0usize);
    while let Some(found) = memchr::memchr2(b'"', 0xE2, &bytes[pos..]) {
        let at = pos + found;
        let len = if bytes[at] == b'"' {
            1
        } else if s[at..].starts_with(['“', '”']) {
            '“'.len_utf8()
        } else {
            pos = at + 1;
            continue;
        };
        if marks % 2 == 1 && two_words(&s[inner_start..at]) {
            return true;
        }
        marks += 1;
        inner_start = at + len;
        pos = inner_start;
    }
    marks % 2 == 1 && two_words(&s[inner_start..])
}

/// Finds the speech verb; who it is attributed to is the attribution module's to say.
fn read_attribution(
    s: &str,
    tokens: &[Token],
    words: &[&str],
    lows: &[&str],
    fl: &[u32],
    sig: &mut Signals,
) {
    let according =
        (0..lows.len().saturating_sub(1)).any(|k| lows[k] == "according" && lows[k + 1] == "to");
    if according {
        sig.attribution = Some("according to".into());
    } else if let Some(k) = fl.iter().position(|&f| SPEECH_VERBS.has(f)) {
        sig.attribution = Some(words[k].to_string());
    }
    let local = attribution::read(s, tokens, words, lows);
    sig.claimant = local.claimant(s).map(str::to_string);
    sig.speaker = local;
}

/// Runs of capitalised words that do not open the sentence, plus acronyms anywhere.
fn proper_names(tokens: &[Token], words: &[&str], lows: &[&str], fl: &[u32]) -> Vec<String> {
    let mut names = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let w = words[k];
        // A word opening with an ASCII byte other than a capital is no name (the common case).
        let first = w.as_bytes()[0];
        if first < 0x80 && !first.is_ascii_uppercase() {
            k += 1;
            continue;
        }
        let opens_clause = k == 0 || (tokens[k].opened && tokens[k - 1].closed);
        let calendar = WEEKDAYS.has(fl[k]) || MONTHS.has(fl[k]);
        // (A capitalised word has a letter, so an acronym needs only its letters upper case.)
        let acronym = || {
            w.len() >= 2
                && w.chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
        };
        if is_capitalised(w) && (!opens_clause || acronym()) && lows[k] != "i" && !calendar {
            let start = k;
            k += 1;
            while k < words.len()
                && !tokens[k - 1].closed
                && (is_capitalised(words[k])
                    || (NAME_PARTICLES.has(fl[k])
                        && k + 1 < words.len()
                        && is_capitalised(words[k + 1])))
            {
                k += 1;
            }
            let name = words[start..k].join(" ");
            if names.len() < 8 && !names.contains(&name) {
                names.push(name);
            }
        } else {
            k += 1;
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_with_units_and_percent() {
        let s = analyse(
            "A U.S. official said consensus was reached on an estimated 90% of issues after five hours.",
        );
        assert_eq!(s.figures, vec!["90%", "five hours"]);
        assert!(s.percent);
        assert_eq!(s.claimant.as_deref(), Some("A U.S. official"));
        assert_eq!(s.attribution.as_deref(), Some("said"));
    }

    #[test]
    fn dates_are_not_figures() {
        let s = analyse(
            "Witkoff held talks with Putin in Moscow on Dec. 2 and again on Monday, as in 2014.",
        );
        assert_eq!(s.dates, vec!["Dec. 2", "Monday", "2014"]);
        assert!(s.figures.is_empty(), "{:?}", s.figures);
    }

    #[test]
    fn money() {
        let s = analyse("The city spent $4.5 million on the bridge.");
        assert!(s.money);
        assert_eq!(s.figures, vec!["$4.5 million"]);
    }

    #[test]
    fn claimants() {
        let cases = [
            (
                "Zelenskyy’s top security official, Rustem Umerov, cited “real progress” in talks.",
                Some("Rustem Umerov"),
            ),
            (
                "“We will act,” said Ana Lima, the minister.",
                Some("Ana Lima"),
            ),
            ("“If we fail, it is over,” Merz said.", Some("Merz")),
            (
                "Ushakov said in prerecorded remarks that it was unacceptable.",
                Some("Ushakov"),
            ),
            (
                "The plan failed, according to the U.S. official, who spoke anonymously.",
                Some("the U.S. official"),
            ),
            (
                "Ursula von der Leyen told reporters the deal was done.",
                Some("Ursula von der Leyen"),
            ),
            (
                "Zelenskyy repeatedly rejected the demand.",
                Some("Zelenskyy"),
            ),
            ("The rain fell all day.", None),
        ];
        for (text, want) in cases {
            assert_eq!(analyse(text).claimant.as_deref(), want, "{text}");
        }
        assert!(
            analyse("She said the plan would fail.")
                .speaker
                .pronoun
                .is_some()
        );
    }

    #[test]
    fn stance_prediction_comparison_hedge() {
        let s = analyse(
            "The administration has already ruled out support, and prices will rise more than 5%.",
        );
        assert!(s.positions.contains(&"ruled out".to_string()));
        assert_eq!(s.prediction.as_deref(), Some("will"));
        assert_eq!(s.comparison.as_deref(), Some("more than"));
        assert_eq!(
            analyse("I think we should do better.").hedge.as_deref(),
            Some("think")
        );
    }

    /// The plain definition of [`has_quotation`].
    fn has_quotation_reference(s: &str) -> bool {
        if !s.contains('“') && s.matches('"').count() < 2 && !s.starts_with('"') {
            return false;
        }
        s.split(['“', '”', '"'])
            .skip(1)
            .step_by(2)
            .any(|q| q.split_whitespace().count() >= 2)
    }

    proptest::proptest! {
        #[test]
        fn quotation_scan_matches_the_plain_definition(s in "[a b\"“”‘’—\u{a0}日Ü]{0,30}") {
            proptest::prop_assert_eq!(has_quotation(&s), has_quotation_reference(&s), "{:?}", s);
        }
    }

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
                        word_flags(word),
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

    #[test]
    fn names_and_quotes() {
        let s = analyse("Chancellor Friedrich Merz hosted NATO Secretary General Mark Rutte.");
        assert_eq!(
            s.names,
            vec!["Friedrich Merz", "NATO Secretary General Mark Rutte"]
        );
        assert!(analyse("He called it “a criminal attack on Europe”.").quote);
        assert!(!analyse("It was a “win”.").quote);
    }
}
